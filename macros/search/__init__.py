"""Site search: what each page tells the search index, and the bounded index built from the pages once per build."""

from macros.search.indexer import SearchIndexError, index_site
from macros.search.kinds import kind_of
from macros.search.names import index_words

__all__ = ["SearchIndexError", "index_site", "index_words", "kind_of"]
