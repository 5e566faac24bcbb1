"""The kind of record a page shows, as search results name it ("Person", "Treaty", "Quote"...)."""

from __future__ import annotations

from macros.core.models import Actor, Record

ACTOR_KINDS = {
    "person": "Person",
    "state": "State",
    "organisation": "Organisation",
    "outlet": "News outlet",
    "grouping": "Grouping",
}
COLLECTION_KINDS = {
    "quotes": "Quote",
    "treaties": "Treaty",
    "events": "Event",
    "sources": "Source",
    "glossary": "Glossary term",
}
PAGE_KIND = "Page"  # narratives, indexes, views and everything else that is not one record


def kind_of(record: Record | None) -> str:
    if record is None:
        return PAGE_KIND
    if isinstance(record, Actor):
        return ACTOR_KINDS.get(record.kind, "Actor")
    return COLLECTION_KINDS[record.collection]
