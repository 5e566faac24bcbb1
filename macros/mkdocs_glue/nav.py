"""The readers' navigation lists each collection's index page: mkdocs.yml orders them by hand, and any collection it
does not list (a newly added one) is added after the last index page it does list, titled as its schema says."""

from __future__ import annotations

from macros.core.collections import Registry
from macros.render import urls


def with_collection_indexes(nav: list | None, collections: Registry) -> list | None:
    """``nav`` (mkdocs.yml's list of ``{title: path}`` entries) with every collection's index page in it."""
    if nav is None:  # no nav in mkdocs.yml: MkDocs lists every page itself
        return None
    listed = {path for entry in nav if isinstance(entry, dict) for path in entry.values() if isinstance(path, str)}
    indexes = {urls.index_src(c.name) for c in collections}
    missing = [{c.plural_title: urls.index_src(c.name)} for c in collections if urls.index_src(c.name) not in listed]
    if not missing:
        return nav
    last = max(
        (i for i, entry in enumerate(nav) if isinstance(entry, dict) and set(entry.values()) & indexes),
        default=len(nav) - 1,
    )
    return [*nav[: last + 1], *missing, *nav[last + 1 :]]
