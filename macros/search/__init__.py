"""Site search: what each page tells the search index, and the Pagefind index step run once per build."""

from macros.search.indexer import SearchIndexError, index_site
from macros.search.kinds import kind_of

__all__ = ["SearchIndexError", "index_site", "kind_of"]
