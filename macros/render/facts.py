"""Selections the key-facts card, the treaty comparison and the quote card share: which sources back a field,
a treaty's clauses on a topic, when it entered into force, a speaker's office on a date.

Fields the data contract marks optional (``citations``, ``signed.sources``, ``absent``, ``disputed``…) are read with a
default, so these helpers work on records that predate them.
"""

from __future__ import annotations

from macros.core.dates import PartialDate
from macros.core.models import Entry, Record


def field_sources(record: Record, field: str, *specific: tuple[str, ...]) -> tuple[str, ...]:
    """Sources for one field: its own sources if given, else the record's ``citations`` for it, else the record's."""
    for ids in specific:
        if ids:
            return tuple(ids)
    return tuple(getattr(record, "citations", {}).get(field, ())) or tuple(getattr(record, "sources", ()))


def all_sources(record: Record) -> list[str]:
    """Every source a record cites, record-level first, each once."""
    ids = list(getattr(record, "sources", ()))
    for cited in getattr(record, "citations", {}).values():
        ids += cited
    signed = getattr(record, "signed", None)
    ids += getattr(signed, "sources", ()) if signed else ()
    for entry in getattr(record, "status", ()):
        ids += entry.sources
    return list(dict.fromkeys(ids))


def provisions_on(treaty: Record, topic: str) -> list[Entry]:
    return [p for p in treaty.provisions if p.topic == topic]


def is_absent(provision: Entry) -> bool:
    return bool(getattr(provision, "absent", False))


def in_force(treaty: Record) -> list[Entry]:
    return [s for s in treaty.status if s.status == "in-force"]


def latest_status(treaty: Record) -> Entry | None:
    return max(treaty.status, key=lambda s: s.date) if treaty.status else None


def role_at(actor: Record, when: PartialDate | None) -> Entry | None:
    """The office an actor held on a date (the first that may overlap it), or their only office if undated."""
    roles = getattr(actor, "roles", ())
    for role in roles:
        if when is None:
            return role
        starts_in_time = role.start is None or role.start.earliest() <= when.latest()
        ends_in_time = role.end is None or role.end.latest() >= when.earliest()
        if starts_in_time and ends_in_time:
            return role
    return None


def card_sources(record: Record) -> list[tuple[str, list[str]]]:
    """Every source of a key-facts card once, with the rows it backs when it backs only some ("When", "Status"):
    the record's own sources first (they back the whole card), then those cited for one row."""
    rows: dict[str, list[str]] = {source_id: [] for source_id in getattr(record, "sources", ())}
    citations = getattr(record, "citations", {})
    signed = getattr(record, "signed", None)
    status = latest_status(record) if getattr(record, "status", ()) else None
    cited = [  # an event's date, place and participants; a treaty's signing, parties and latest status
        (
            "When",
            citations.get("date") or citations.get("signed") or (getattr(signed, "sources", ()) if signed else ()),
        ),
        ("Where", citations.get("place", ())),
        ("Who", citations.get("participants") or citations.get("parties", ())),
        ("Status", status.sources if status else ()),
    ]
    for row, ids in cited:
        for source_id in ids:
            backs = rows.setdefault(source_id, [])
            if source_id not in getattr(record, "sources", ()) and row not in backs:
                backs.append(row)
    return list(rows.items())


GLOBALS = {
    "field_sources": field_sources,
    "all_sources": all_sources,
    "provisions_on": provisions_on,
    "is_absent": is_absent,
    "in_force": in_force,
    "latest_status": latest_status,
    "role_at": role_at,
    "card_sources": card_sources,
}
