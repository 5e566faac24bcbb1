"""The fields of a record no template has to know: each field the schema declares, labelled, in the schema's order,
with references as links, dates as dates, enum values in words and nested entries field by field.

Two uses. A collection with no template of its own shows its records this way (``record_box`` in infoboxes.html).
And a collection with a template shows, after the template, every filled field the template did not read: a record
page's template renders a :class:`TrackedRecord`, which notes each field read, and ``unshown_rows`` gives the rows of
the others (sections.html shows them above the back-link sections). So a field added to a schema reaches the page
with no code, until a template shows it its own way; a field another view shows instead is marked in its schema
(``"x-shown-by": "the treaty comparison"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from macros.core.collections import Registry
from macros.core.dates import PartialDate
from macros.core.models import Entry, Record, attribute_name
from macros.core.schema import resolved

_SHOWN_ELSEWHERE = {"id", "citations"}  # the page title; statement-level citations follow the fields they cite
_SOURCES = "defs.schema.json#/$defs/sources"  # the record's sources: the fact box's last row


@dataclass(frozen=True)
class Value:
    """One value of a field: text, a date, the id of a record in ``target``, or an entry's own fields (``parts``)."""

    text: str | None = None
    date: PartialDate | None = None
    target: str | None = None
    ref: str | None = None
    parts: tuple[tuple[str, tuple[Value, ...]], ...] = ()  # (label, values) of each filled field of an entry
    sources: tuple[str, ...] = ()  # an entry's own sources, cited after its fields
    lang: str | None = None  # the language of ``text``, where a sibling field names it (``x-language``)


@dataclass(frozen=True)
class Row:
    field: str
    label: str
    values: tuple[Value, ...]

    listed: bool = False  # the field is a list: entries (a list of roles, say) are shown one per line

    @property
    def entries(self) -> bool:
        """Whether the values are a list of entries, shown one per line (one entry, as a place's coordinates, is
        shown inline)."""
        return self.listed and any(v.parts for v in self.values)


class TrackedRecord:
    """A record as its page's template sees it: every attribute read is noted (``_tme_read``), so the page can show
    the fields the template never read. Everything else behaves as the record does."""

    __slots__ = ("_tme_read", "_tme_record", "_tme_rest_shown")

    def __init__(self, record: Record):
        object.__setattr__(self, "_tme_record", record)
        object.__setattr__(self, "_tme_read", set())
        object.__setattr__(self, "_tme_rest_shown", False)

    def __getattribute__(self, name: str, _own=object.__getattribute__) -> object:
        """Every read but the tracker's own (and Python's dunders) is the record's, and noted. (Called for every
        attribute a page reads of its record: ``_own`` is bound once, not looked up each time.)"""
        if name[0] == "_":
            return _own(self, name)
        value = getattr(_own(self, "_tme_record"), name)
        _own(self, "_tme_read").add(name)
        return value

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a record is read-only: {name}")


def _is_empty(value: object) -> bool:
    return value is None or (isinstance(value, (str, tuple, dict)) and not value)


def _label(name: str, node: dict) -> str:
    """A field's label: the schema's ``title`` for it, else its name in words (``signed_on`` → "Signed on")."""
    title = node.get("title")
    return title if isinstance(title, str) else name.replace("_", " ").capitalize()


def _values(value: object, node: dict, shared: dict, cited: str, lang: object = None) -> tuple[Value, ...]:
    node = resolved(node, shared)
    if isinstance(value, tuple):
        item = node.get("items") if isinstance(node.get("items"), dict) else {}
        return tuple(v for entry in value for v in _values(entry, item, shared, cited))
    if isinstance(value, Entry):
        fields = _object_node(node, shared).get("properties", {})
        citing = [name for name, sub in fields.items() if _cites(sub, shared, cited)]
        parts = tuple(_parts(value, {k: v for k, v in fields.items() if k not in citing}, shared, cited))
        sources = tuple(i for name in citing for i in getattr(value, attribute_name(name), None) or ())
        return (Value(parts=parts, sources=sources),)
    if isinstance(value, dict):
        return (
            Value(
                text="; ".join(
                    f"{k}: {', '.join(map(str, v)) if isinstance(v, tuple) else v}" for k, v in value.items()
                )
            ),
        )
    if isinstance(value, bool):
        return (Value(text="yes" if value else "no"),)
    if "x-ref" in node:
        return (Value(target=node["x-ref"], ref=str(value)),)
    if isinstance(value, PartialDate):
        return (Value(date=value),)
    labels = node.get("x-labels", node.get("x-headings"))  # an enum value in words
    if isinstance(labels, dict) and value in labels:
        return (Value(text=labels[value]),)
    return (Value(text=str(value), lang=lang if isinstance(lang, str) else None),)


def _language(holder: object, node: object) -> object:
    """The language of a text field whose schema names the sibling that holds it (``"x-language": "language"``)."""
    sibling = node.get("x-language") if isinstance(node, dict) else None
    return getattr(holder, attribute_name(sibling), None) if isinstance(sibling, str) else None


def _object_node(node: dict, shared: dict) -> dict:
    """The object form of a node that may be text or an object (``oneOf``)."""
    if "properties" in node:
        return node
    for branch in node.get("oneOf", node.get("anyOf", ())):
        branch = resolved(branch, shared) if isinstance(branch, dict) else {}
        if "properties" in branch:
            return branch
    return {}


def _cites(node: object, shared: dict, cited: str) -> bool:
    """Whether a field lists sources (ids of the cited collection): shown as citations, not as a value."""
    items = resolved(node, shared).get("items") if isinstance(node, dict) else None
    return isinstance(items, dict) and resolved(items, shared).get("x-ref") == cited


def _parts(entry: Entry, fields: dict, shared: dict, cited: str):
    for name, sub in fields.items():
        value = getattr(entry, attribute_name(name), None)
        if not _is_empty(value):
            values = _values(value, sub, shared, cited, _language(entry, sub))
            yield _label(name, sub if isinstance(sub, dict) else {}), values


def record_rows(collections: Registry, record: Record, only: list[str] | None = None) -> list[Row]:
    """The rows of a record's fact box, from its schema; fields the record leaves out are skipped. ``only``: just
    these fields (the ones a template did not show), sources included."""
    info = collections[record.collection]
    schema = collections.schemas[record.collection]
    rows = []
    for name, node in schema.record.get("properties", {}).items():
        if only is None:
            if name in _SHOWN_ELSEWHERE or name == info.title_field or node.get("$ref") == _SOURCES:
                continue
        elif name not in only:
            continue
        value = getattr(record, attribute_name(name))
        if _is_empty(value):
            continue
        values = _values(value, node, schema.shared, collections.cited, _language(record, node))
        rows.append(Row(name, _label(name, node), values, isinstance(value, tuple)))
    return rows


def unshown(collections: Registry, tracked: TrackedRecord) -> list[str]:
    """The filled fields of a record its template has not read so far, in the schema's order (the title's field, the
    id, the citations and fields another view shows are never listed)."""
    record, read = tracked._tme_record, tracked._tme_read
    return [
        name
        for name, attribute in _may_show(collections, record.collection)
        if attribute not in read and not _is_empty(getattr(record, attribute))
    ]


@lru_cache(maxsize=64)
def _may_show(collections: Registry, name: str) -> tuple[tuple[str, str], ...]:
    """(field, attribute) of each field a record page shows after its template if the template did not."""
    info = collections[name]
    exempt = _SHOWN_ELSEWHERE | {info.title_field} | set(collections.field_rules(name).shown_by)
    fields = collections.schemas[name].record.get("properties", {})
    return tuple((field, attribute_name(field)) for field in fields if field not in exempt)


def unshown_rows(collections: Registry, record: object) -> list[Row]:
    """The rows of the fields a record page's template has not shown (none for a record that is not tracked: a fact
    box on a hand-written page shows what its template shows). Called once the template has rendered the record."""
    if not isinstance(record, TrackedRecord):
        return []
    object.__setattr__(record, "_tme_rest_shown", True)
    names = unshown(collections, record)
    return record_rows(collections, record, names) if names else []
