"""Checks that need meaning, not just shape: dates in order and not in the future, citations that name real fields,
one record per real thing, quote provenance that says what it needs to."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from macros.core.errors import Problem
from macros.core.models import Event, Quote, Record, Role, Treaty, iter_dates
from macros.core.schema import suggest
from macros.core.terms import duplicate_terms

if TYPE_CHECKING:
    from macros.core.dataset import Origin
    from macros.core.index import Key


def semantic_problems(records: dict[str, dict[str, Record]], origins: dict[Key, Origin], today: date) -> list[Problem]:
    """Every problem of meaning in the data."""
    problems = []
    for (collection, record_id), message, hint in duplicate_terms(records):
        problems.append(origins[(collection, record_id)].problem(record_id, ("term",), message, hint=hint))
    for collection, by_id in records.items():
        for record_id, record in by_id.items():
            origin = origins[(collection, record_id)]
            for path, when in iter_dates(record):
                if when.earliest() > today:
                    problems.append(
                        origin.problem(
                            record_id,
                            path,
                            f"date {when.iso} is in the future",
                            found=when.iso,
                            hint="the site records what has happened; check the year",
                        )
                    )
            for path, message in _order_problems(record):
                problems.append(origin.problem(record_id, path, message, hint="check both dates against the source"))
            for path, message, hint in (*_citation_problems(record), *_provenance_problems(record)):
                problems.append(origin.problem(record_id, path, message, hint=hint))
    return problems


_NOT_CITABLE = {"id", "sources", "citations"}


def _citation_problems(record: Record):
    """A ``citations`` key must name a field the record fills in: ``date``, ``place`` or a nested ``signed.place``."""
    for key in getattr(record, "citations", {}):
        value: object = record
        for part in key.split("."):
            names = _field_names(value)
            if part not in names:
                near = suggest(part, names)
                yield (
                    ("citations", key),
                    f"citations key '{key}' is not a field of this record",
                    f"did you mean '{near}'?" if near else "use the name of a field of this record, e.g. date or place",
                )
                break
            value = getattr(value, part)
            if value in (None, (), ""):
                yield (
                    ("citations", key),
                    f"citations key '{key}' names a field this record leaves empty",
                    f"fill in '{key}', or remove its citation",
                )
                break


def _field_names(value: object) -> set[str]:
    if not dataclasses.is_dataclass(value):
        return set()
    return {f.name for f in dataclasses.fields(value)} - _NOT_CITABLE


def _provenance_problems(record: Record):
    if not isinstance(record, Quote):
        return
    if record.rendering_of == record.id:
        yield ("rendering_of",), "a quote cannot be a rendering of itself", "name the other quote's id"
    if record.provenance == "attributed-differently" and not record.attributed_to:
        yield (
            ("provenance",),
            "provenance 'attributed-differently' needs 'attributed_to'",
            "add 'attributed_to:' with the outlet the source credits the words to",
        )
    if record.attributed_to and record.provenance != "attributed-differently":
        yield (
            ("attributed_to",),
            f"'attributed_to' is only for provenance 'attributed-differently', not '{record.provenance}'",
            "remove 'attributed_to', or set provenance: attributed-differently",
        )


def _order_problems(record: Record):
    if isinstance(record, Treaty) and record.signed and record.signed.date:
        signed = record.signed.date
        for i, entry in enumerate(record.status):
            if entry.status != "signed" and entry.date.latest() < signed.earliest():
                yield (
                    ("status", i, "date"),
                    f"status '{entry.status}' dated {entry.date.iso}, before the signing on {signed.iso}",
                )
    if isinstance(record, Event) and record.end_date and record.end_date.latest() < record.date.earliest():
        yield ("end_date",), f"the event ends ({record.end_date.iso}) before it starts ({record.date.iso})"
    for i, role in enumerate(getattr(record, "roles", ())):
        if isinstance(role, Role) and role.start and role.end and role.end.latest() < role.start.earliest():
            yield ("roles", i, "end"), f"the role ends ({role.end.iso}) before it starts ({role.start.iso})"
