"""How current a narrative page is: "Covers events up to <date>" from the data it shows, "Last reviewed <date>" from
its front matter.

A page's date is the newest among the dated records its macro calls show: the records that are timeline entries
themselves, events (by their end date when they have one) and quotes. It is computed from the page's mentions, the
same list that gives record pages their "In the narrative" links, so it moves when a page starts showing a newer
record and never has to be typed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from markupsafe import Markup

from macros.core.dataset import Dataset
from macros.core.dates import PartialDate
from macros.render.escape import text

CLASS = "tme-currency"


def record_date(dataset: Dataset, collection: str, record_id: str) -> PartialDate | None:
    """The date a record brings to a page's coverage: a record that is itself a timeline entry (its collection's
    ``x-collection.timeline`` has no ``entries``: events, quotes) brings its end date if it has one, else its
    timeline date; any other record, None."""
    record = dataset.get(collection, record_id)
    spec = dataset.collections[collection].timeline if collection in dataset.collections else None
    if record is None or spec is None or spec.entries is not None:
        return None
    return getattr(record, "end_date", None) or getattr(record, spec.date, None)


def covers_up_to(dataset: Dataset, mentions: Iterable[tuple[str, str]]) -> PartialDate | None:
    """The newest date among the records a page shows, or None if it shows no event or quote."""
    dates = [d for key in mentions if (d := record_date(dataset, *key)) is not None]
    return max(dates, default=None)


def _time(iso: str, shown: str) -> str:
    return f'<time datetime="{text(iso)}">{text(shown)}</time>'


def line(covers: PartialDate | None, reviewed: datetime.date | None) -> Markup:
    """The paragraph shown under a narrative page's title (empty when there is nothing to say)."""
    parts = []
    if covers is not None:
        parts.append(f"Covers events up to {_time(covers.iso, covers.display)}")
    if reviewed is not None:
        day = PartialDate(reviewed.year, reviewed.month, reviewed.day)
        parts.append(f"Last reviewed {_time(day.iso, day.display)}")
    if not parts:
        return Markup("")
    return Markup(f'<p class="{CLASS}" data-search-ignore>' + " ".join(f"{part}." for part in parts) + "</p>")
