"""The kind of record a page shows, as search results name it ("Person", "Treaty", "Quote"...)."""

from __future__ import annotations

from macros.core.collections import Registry
from macros.core.models import Record

PAGE_KIND = "Page"  # narratives, indexes, views and everything else that is not one record


def kind_of(record: Record | None, collections: Registry) -> str:
    """The label of the record's schema.org-typing field's value ("News outlet" for an actor's kind), else its
    collection's singular noun ("Glossary term"), capitalised."""
    if record is None:
        return PAGE_KIND
    info = collections[record.collection]
    label = info.singular
    if info.schema_org_by:
        labels = collections.labels(record.collection, info.schema_org_by)
        label = labels.get(getattr(record, info.schema_org_by), label)
    return label[:1].upper() + label[1:]
