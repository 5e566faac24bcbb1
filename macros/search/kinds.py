"""The kind of record a page shows, as search results name it ("Person", "Treaty", "Quote"...)."""

from __future__ import annotations

from macros.core.collections import BY_NAME
from macros.core.models import Actor, Record
from macros.render.labels import ACTOR_KIND_LABELS

PAGE_KIND = "Page"  # narratives, indexes, views and everything else that is not one record


def kind_of(record: Record | None) -> str:
    """An actor's kind ("News outlet"), else its collection's singular noun ("Glossary term"), capitalised."""
    if record is None:
        return PAGE_KIND
    if isinstance(record, Actor):
        label = ACTOR_KIND_LABELS.get(record.kind, "actor")
    else:
        label = BY_NAME[record.collection].singular
    return label[:1].upper() + label[1:]
