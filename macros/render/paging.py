"""Bounded list pages: the timeline, the record indexes and the long back-link sections of a record page split into
parts whose size does not grow with the data.

Pure functions over sequences (no MkDocs, no templates); pages.py turns each part into a page. A list that fits in
one part is not split, so the real site's lists keep their one page, their URL and their content.

URLs are stable and cannot collide with a record's page: a record's page is one folder below its collection
(``actors/<id>/``), a part two or three (``actors/page/2/``, ``timeline/2019/``, ``timeline/2019/03/page/2/``).
The first part stays at the list's own URL. A back-link section's list has its own URL below the record's
(``actors/<id>/quotes-about-them/``, then ``…/page/2/``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import groupby
from typing import Generic, Protocol, TypeVar

from markupsafe import Markup

from macros.core.dates import PartialDate
from macros.render import urls
from macros.render.escape import attribute

T = TypeVar("T")

# Why 1 000: measured at N = 1 000, a timeline entry is about 450 bytes of HTML and an index entry about 300, so a part
# of 1 000 is about half a megabyte with Material's header and footer: under the 1 MB a page may weigh at any N, with
# room for long entries. The real site's lists (about a hundred entries) are far below it and stay on one page.
MAX_TIMELINE_ENTRIES = 1000
# An index part holds records up to this weight: 1 per record, plus 1 per link a record's entry carries (the sources
# index lists every record a source supports, which grows with the data).
MAX_INDEX_WEIGHT = 1000
# A back-link section ("Quotes about them") is listed whole on a record's page up to this weight, 1 per entry; above it
# the page shows the first entries up to it and links to the whole list, in parts of up to MAX_INDEX_WEIGHT. Why 500:
# a record shown as a card (a quote: its text, speaker, role, setting and source) is about 1.8 KB of HTML, five times a
# one-line entry, so a section at the limit is about 180 KB (a hundred cards, or five hundred lines), and a record page
# with its handful of sections stays under 1 MB. The real site's longest section has 26 entries; the benchmark's
# projects have sections of a hundred cards at every N, and one that grows with N (the outlet of every source).
MAX_BACKLINK_WEIGHT = 500
CARD_WEIGHT = 5


@dataclass(frozen=True)
class Limits:
    """How much one part may hold; lowered in tests to split a small project."""

    timeline_entries: int = MAX_TIMELINE_ENTRIES
    index_weight: int = MAX_INDEX_WEIGHT  # also the size of a back-link section's parts
    backlink_weight: int = MAX_BACKLINK_WEIGHT


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Part(Generic[T]):
    """One page of a split list: its URL below the list's own (``""`` for the first part), its label, its items."""

    path: str
    label: str
    items: tuple[T, ...]


def runs(items: Iterable[T], limit: int, weight: Callable[[T], int] = lambda _: 1) -> list[list[T]]:
    """Consecutive runs of ``items`` weighing at most ``limit`` each (an item heavier than that runs alone)."""
    out: list[list[T]] = []
    total = limit + 1  # the first item starts a run
    for item in items:
        w = max(weight(item), 1)
        if total + w > limit:
            out.append([])
            total = 0
        out[-1].append(item)
        total += w
    return out or [[]]


def _first_at_list_url(parts: list[Part[T]]) -> list[Part[T]]:
    return [replace(parts[0], path=""), *parts[1:]] if parts else [Part("", "", ())]


def paged(items: Sequence[T], limit: int, weight: Callable[[T], int] = lambda _: 1) -> list[Part[T]]:
    """Fixed-size pages, in order: ``page/2/``, ``page/3/``…, labelled by the positions they hold ("1–1000")."""
    parts, start = [], 1
    for number, run in enumerate(runs(items, limit, weight), start=1):
        label = f"{start}–{start + len(run) - 1}" if len(run) > 1 else str(start)
        parts.append(Part(f"page/{number}/", label, tuple(run)))
        start += len(run)
    return _first_at_list_url(parts)


class Month(Protocol):
    """What the timeline split needs of a month of entries (overview.TimelineMonth, a dataclass)."""

    year: int
    month: int
    entries: tuple


M = TypeVar("M", bound=Month)


def _month_label(month: Month) -> str:
    return PartialDate(month.year, month.month).display if month.month else f"{month.year}, month not given"


def by_date(months: Sequence[M], limit: int) -> list[Part[M]]:
    """Timeline parts: one per year; a year over ``limit`` entries, one per month; a month over it, paged."""
    if sum(len(m.entries) for m in months) <= limit:
        return [Part("", "", tuple(months))]
    parts: list[Part[M]] = []
    for year, group in groupby(months, key=lambda m: m.year):
        in_year = list(group)
        if sum(len(m.entries) for m in in_year) <= limit:
            parts.append(Part(f"{year:04d}/", str(year), tuple(in_year)))
            continue
        for m in in_year:
            folder = f"{year:04d}/{m.month:02d}/" if m.month else f"{year:04d}/month-not-given/"
            chunks = runs(m.entries, limit)
            for number, chunk in enumerate(chunks, start=1):
                path = folder if number == 1 else f"{folder}page/{number}/"
                label = _month_label(m) + (f", part {number}" if len(chunks) > 1 else "")
                parts.append(Part(path, label, (replace(m, entries=tuple(chunk)),)))
    return _first_at_list_url(parts)


def regroup(items: Iterable[tuple[str | None, T]]) -> list[tuple[str | None, list[T]]]:
    """(heading, item) pairs back into (heading, items) groups, consecutive items under one heading."""
    return [(heading, [item for _, item in run]) for heading, run in groupby(items, key=lambda pair: pair[0])]


@dataclass(frozen=True)
class PartLink:
    label: str
    href: Markup
    current: bool


@dataclass(frozen=True)
class PartsNav:
    """The navigation between the parts of one list, as seen from one part (links relative to it)."""

    name: str  # what the parts are of, for the navigation's accessible name ("Timeline", "Quotes")
    links: tuple[PartLink, ...]
    position: int  # index of the current part in ``links``

    @property
    def split(self) -> bool:
        return len(self.links) > 1

    @property
    def current(self) -> PartLink:
        return self.links[self.position]

    @property
    def previous(self) -> PartLink | None:
        return self.links[self.position - 1] if self.position > 0 else None

    @property
    def next(self) -> PartLink | None:
        return self.links[self.position + 1] if self.position + 1 < len(self.links) else None


def part_url(list_url: str, part: Part) -> str:
    """Site-relative URL of a part: the list's URL, then the part's path."""
    return list_url + part.path


def part_src(list_src: str, part: Part) -> str:
    """Source path of a part's page: the list's own for the first part, else the part's folder's index.md."""
    return list_src if not part.path else urls.page_url(list_src) + part.path + "index.md"


def navigation(name: str, list_url: str, parts: Sequence[Part], position: int) -> PartsNav:
    """The parts' navigation for the part at ``position``: every part, the current one marked."""
    here = part_url(list_url, parts[position])
    links = tuple(
        PartLink(p.label, attribute(urls.relative(here, part_url(list_url, p))), i == position)
        for i, p in enumerate(parts)
    )
    return PartsNav(name, links, position)
