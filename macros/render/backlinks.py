"""The back-link sections of a record page ("Quotes about them", "Events"): which records each lists, and how much
room they take, so that a section too long for the page can link to its whole list in parts (paging.py) instead.

Why: a record that many others refer to (a country, an outlet, a source cited everywhere) would otherwise list them
all on its page, which would then grow with the data. Pure functions of the dataset; pages.py renders the pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from macros.core.dataset import Dataset
from macros.core.models import Record
from macros.render import paging, urls

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class BacklinkSection:
    """One back-link section of one record's page."""

    heading: str
    collection: str  # the referring records'
    slug: str  # the folder of the section's own list below the record's URL, unique on the page
    ids: tuple[str, ...]  # the referring records, in no particular order
    weight: int  # of one entry (paging.CARD_WEIGHT for a card): every entry of a section weighs the same

    @property
    def total(self) -> int:
        return len(self.ids) * self.weight

    def list_url(self, record: Record) -> str:
        """Site-relative URL of the section's whole list (its first part)."""
        return urls.url_of(record) + self.slug + "/"

    def list_src(self, record: Record) -> str:
        return urls.url_of(record) + self.slug + ".md"

    def parts(self, entries: list, limit: int) -> list[paging.Part]:
        """The whole list in parts. Every entry weighs the same, so the parts of the ids and of the sorted records
        have the same URLs and sizes: the pages can be planned without loading or sorting a record."""
        return paging.paged(entries, limit, lambda _: self.weight)


@dataclass(frozen=True)
class More:
    """What a record page says under a section it shows only the start of: how many, and where the rest is."""

    shown: int
    counted: str  # "1100 quotes"
    href: Markup
    parts: int


def slug(heading: str, taken: set[str], fallback: str) -> str:
    """A URL folder name from a heading ("Quotes about them" → ``quotes-about-them``), not one in ``taken``."""
    base = _NOT_SLUG.sub("-", heading.casefold()).strip("-") or fallback
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name)
    return name


def sections(dataset: Dataset, record: Record) -> list[BacklinkSection]:
    """Every back-link section of the record's page in order, empty ones too; a record that fits two sections (an
    outlet's own quotes are also quotes it published) is listed in the first only."""
    collections = dataset.collections
    key = (record.collection, record.id)
    listed: set[tuple[str, str]] = set()
    taken: set[str] = set()
    out = []
    for heading, collection, fields in collections.sections(record.collection):
        ids = [i for i in dataset.index.referrers(key, collection, *fields) if (collection, i) not in listed]
        listed.update((collection, i) for i in ids)
        weight = paging.CARD_WEIGHT if collections[collection].card else 1
        out.append(BacklinkSection(heading, collection, slug(heading, taken, collection), tuple(ids), weight))
    return out
