"""What templates call to link, date and look up records, relative to the page being rendered."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from macros.core.dataset import Dataset
from macros.core.dates import PartialDate
from macros.core.models import Actor, Event, Quote, Record, Treaty
from macros.render import urls
from macros.render.corrections import Corrections
from macros.render.escape import attribute, text


@dataclass(frozen=True)
class Narrative:
    """A hand-written page, as a record page lists it under 'In the narrative'."""

    title: str
    url: str


@dataclass
class SiteContext:
    """Build-wide facts the renderers need besides the dataset: narrative pages and what they mention."""

    dataset: Dataset
    site_url: str = "/"
    narratives: dict[str, Narrative] = field(default_factory=dict)  # src path → narrative
    mentioned_in: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # record key → src paths
    corrections: Corrections | None = None  # record pages' "Corrections" block; set by the glue (contrib.py)


def sort_key(record: Record) -> tuple:
    """Chronological where records have dates, else alphabetical."""
    when = getattr(record, "date", None)
    if isinstance(record, Treaty) and record.signed and record.signed.date:
        when = record.signed.date
    return (when is None, when or PartialDate(0), record.title.casefold(), record.id)


class Linker:
    """Links and lookups for one page; ``page_url`` is that page's site-relative URL."""

    def __init__(self, site: SiteContext, page_url: str):
        self.site = site
        self.data = site.dataset
        self.page_url = page_url

    def get(self, collection: str, record_id: str) -> Record:
        record = self.data.get(collection, record_id)
        if record is None:
            raise KeyError(f"unknown id '{record_id}' in {collection}")
        return record

    def href(self, record: Record, anchor: str = "") -> Markup:
        """Relative address of a record's page, ready for an ``href`` attribute."""
        target = urls.record_url(record.collection, record.id) + (f"#{anchor}" if anchor else "")
        return attribute(urls.relative(self.page_url, target))

    def href_url(self, url: str) -> Markup:
        return attribute(urls.relative(self.page_url, url))

    def link(self, record: Record | None, label: object = None) -> Markup:
        """``<a>`` to a record's page, labelled with its title (or ``label``)."""
        if record is None:
            return Markup("")
        shown = text(label if label is not None else record.title)
        kind = getattr(record, "kind", record.collection)
        return Markup(f'<a class="tme-ref tme-ref--{kind}" href="{self.href(record)}">{shown}</a>')

    def ref(self, collection: str, record_id: str | None, label: object = None) -> Markup:
        return self.link(self.data.get(collection, record_id), label) if record_id else Markup("")

    def refs(self, collection: str, ids: tuple[str, ...]) -> list[Record]:
        return [self.get(collection, i) for i in ids]

    @staticmethod
    def date(when: PartialDate | None) -> Markup:
        if when is None:
            return Markup("")
        return Markup(f'<time datetime="{when.iso}">{text(when.display)}</time>')

    def referrers(self, record: Record, collection: str, *fields: str) -> list[Record]:
        """Records of ``collection`` that refer to ``record`` through ``fields``, sorted."""
        ids = self.data.index.referrers((record.collection, record.id), collection, *fields)
        return sorted((self.get(collection, i) for i in ids), key=sort_key)

    def narratives(self, record: Record) -> list[Narrative]:
        srcs = self.site.mentioned_in.get((record.collection, record.id), [])
        return [self.site.narratives[s] for s in srcs]

    def speaker(self, quote: Quote) -> Actor:
        return self.get("actors", quote.speaker)

    def event_of(self, quote: Quote) -> Event | None:
        return self.data.get("events", quote.setting.event) if quote.setting.event else None
