"""The site's search index, built once per build after every page is written (macros/mkdocs_glue/hooks.py).

Reads each built page's indexed part (macros/search/extract.py), keeps each key's champion list
(macros/search/champion.py) and writes the capped files into ``site_dir/searchindex/`` (macros/search/writer.py).
Readers fetch those files only when they search (docs/assets/search-engine.js): meta.json, one key shard per query
word and one docs chunk per shown result, each capped in size, so a query's bytes do not grow with the site.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from macros.search import champion, writer
from macros.search.extract import Document, SearchMarkupError, extract

BUNDLE_DIR = "searchindex"  # site-relative folder of the index


class SearchIndexError(Exception):
    """Indexing failed; the message says where and what to do."""


def page_url(site_dir: Path, path: Path) -> str:
    """The page's address relative to the site root, no leading slash: "actors/sergei-lavrov/", "" for the home."""
    relative = path.relative_to(site_dir).as_posix()
    return relative.removesuffix("index.html")


def pages(site_dir: Path) -> Iterator[tuple[str, str]]:
    """Every built HTML page as (url, html), in URL order (the document ids), read one at a time."""
    found = sorted(
        (page_url(site_dir, p), p)
        for p in site_dir.rglob("*.html")
        if BUNDLE_DIR not in p.relative_to(site_dir).parts[:1]
    )
    for url, path in found:
        try:
            yield url, path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise SearchIndexError(f"search index: cannot read {path}: {error}") from None


def documents(site: Iterable[tuple[str, str]]) -> Iterator[Document]:
    """The indexed documents of (url, html) pages; pages without ``data-search-body`` (the 404 page) are skipped."""
    for url, html in site:
        try:
            document = extract(url, html)
        except SearchMarkupError as error:
            raise SearchIndexError(f"search index: {error}\n    fix:      {_MARKUP_FIX}") from None
        if document is not None:
            yield document


def build(site: Iterable[tuple[str, str]], folder: Path) -> writer.Written:
    """Index (url, html) pages given in URL order into ``folder``."""
    try:
        return writer.write(champion.build(documents(site)), folder)
    except (writer.IndexTooLarge, ValueError) as error:
        raise SearchIndexError(f"search index: {error}") from None
    except OSError as error:
        raise SearchIndexError(f"search index: cannot write {folder}: {error}") from None


def index_site(site_dir: Path) -> writer.Written:
    """Index every page under ``site_dir`` into ``site_dir/searchindex/``."""
    return build(pages(site_dir), site_dir / BUNDLE_DIR)


_MARKUP_FIX = (
    "the templates mark one element per page with data-search-body (overrides/main.html); "
    "check raw HTML in the page's Markdown"
)
