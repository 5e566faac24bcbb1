"""What the generic record template shows of a record whose collection has no template of its own: each field
the schema declares, in the schema's order, labelled, with references as links and enum values in words."""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.collections import Registry
from macros.core.dates import PartialDate
from macros.core.models import Record
from macros.core.schema import resolved

_SHOWN_ELSEWHERE = {"id", "citations"}  # the page title; statement-level citations follow the fields they cite
_SOURCES = "defs.schema.json#/$defs/sources"  # the record's sources: the fact box's last row


@dataclass(frozen=True)
class Value:
    """One value of a field: text, a date, or the id of a record in ``target``."""

    text: str | None = None
    date: PartialDate | None = None
    target: str | None = None
    ref: str | None = None


@dataclass(frozen=True)
class Row:
    field: str
    label: str
    values: tuple[Value, ...]


def _label(name: str, node: dict) -> str:
    """A field's label: the schema's ``title`` for it, else its name in words (``signed_on`` → "Signed on")."""
    title = node.get("title")
    return title if isinstance(title, str) else name.replace("_", " ").capitalize()


def _values(value: object, node: dict, shared: dict) -> tuple[Value, ...]:
    node = resolved(node, shared)
    if isinstance(value, list):
        item = node.get("items") if isinstance(node.get("items"), dict) else {}
        return tuple(v for entry in value for v in _values(entry, item, shared))
    if isinstance(value, dict):
        return (Value(text="; ".join(f"{k}: {v}" for k, v in value.items())),)
    if isinstance(value, bool):
        return (Value(text="yes" if value else "no"),)
    if "x-ref" in node:
        return (Value(target=node["x-ref"], ref=str(value)),)
    if isinstance(value, PartialDate):
        return (Value(date=value),)
    labels = node.get("x-labels")
    if isinstance(labels, dict) and value in labels:
        return (Value(text=labels[value]),)
    return (Value(text=str(value)),)


def record_rows(collections: Registry, record: Record) -> list[Row]:
    """The rows of a record's fact box, from its schema; fields the record leaves out are skipped."""
    info = collections[record.collection]
    schema = collections.schemas[record.collection]
    fields = getattr(record, "fields", {})
    rows = []
    for name, node in schema.record.get("properties", {}).items():
        shown_elsewhere = name in _SHOWN_ELSEWHERE or name == info.title_field or node.get("$ref") == _SOURCES
        if shown_elsewhere or fields.get(name) is None:
            continue
        rows.append(Row(name, _label(name, node), _values(fields[name], node, schema.shared)))
    return rows
