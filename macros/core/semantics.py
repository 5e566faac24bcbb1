"""Checks that need meaning, not just shape: dates in order and not in the future."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from macros.core.errors import Problem
from macros.core.models import Event, Record, Role, Treaty, iter_dates

if TYPE_CHECKING:
    from macros.core.dataset import Origin
    from macros.core.index import Key


def semantic_problems(records: dict[str, dict[str, Record]], origins: dict[Key, Origin], today: date) -> list[Problem]:
    """Every date-logic problem in the data."""
    problems = []
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
    return problems


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
