"""What templates call to link, date and look up records, relative to the page being rendered."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from macros.core.characters import RTL_LETTERS
from macros.core.dataset import Dataset
from macros.core.dates import PartialDate
from macros.core.models import Record
from macros.render import labels, urls
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
    """Chronological where records have dates (``x-collection.sort_date``), else alphabetical: computed when the
    record is built (macros/core/models.py)."""
    return record.sort_key


class Linker:
    """Links and lookups for one page; ``page_url`` is that page's site-relative URL."""

    def __init__(self, site: SiteContext, page_url: str):
        self.site = site
        self.data = site.dataset
        self.page_url = page_url
        self.heading_ids: set[str] = set()  # ids of the page's section titles so far (macros.render.headings)

    def get(self, collection: str, record_id: str) -> Record:
        record = self.data.get(collection, record_id)
        if record is None:
            raise KeyError(f"unknown id '{record_id}' in {collection}")
        return record

    def href(self, record: Record, anchor: str = "") -> Markup:
        """Relative address of a record's page, ready for an ``href`` attribute."""
        target = urls.url_of(record) + (f"#{anchor}" if anchor else "")
        return attribute(urls.relative(self.page_url, target))

    def absolute(self, record: Record) -> str:
        """The absolute address of a record's page, for citing it."""
        return urls.absolute(self.site.site_url, urls.url_of(record))

    @staticmethod
    def download_url(collection: str) -> str:
        return urls.download_url(collection)

    def href_url(self, url: str) -> Markup:
        return attribute(urls.relative(self.page_url, url))

    def link(self, record: Record | None, label: object = None) -> Markup:
        """``<a>`` to a record's page, labelled with its title (or ``label``)."""
        if record is None:
            return Markup("")
        shown = text(label if label is not None else record.title)
        kind = getattr(record, "kind", record.collection)
        return Markup(
            f'<a class="tme-ref tme-ref--{kind}" href="{self.href(record)}"{_language(record, label)}>{shown}</a>'
        )

    def ref(self, collection: str, record_id: str | None, label: object = None) -> Markup:
        return self.link(self.data.get(collection, record_id), label) if record_id else Markup("")

    def refs(self, collection: str, ids: tuple[str, ...]) -> list[Record]:
        return [self.get(collection, i) for i in ids]

    # References followed through the schema: the template names the field, the registry knows the collection.

    def target(self, record: Record, field: str, record_id: str | None = None) -> Record | None:
        """The record that ``record``'s reference ``field`` names (``record_id`` for a nested entry's field)."""
        record_id = getattr(record, field) if record_id is None and "." not in field else record_id
        return self.get(self.data.collections.target(record.collection, field), record_id) if record_id else None

    def targets(self, record: Record, field: str, ids: object = None) -> list[Record]:
        """The records a list-valued reference ``field`` names (``ids`` for a nested entry's or a computed list)."""
        ids = getattr(record, field) if ids is None else ids
        return self.refs(self.data.collections.target(record.collection, field), tuple(ids))

    def to(self, record: Record, field: str, record_id: str | None = None, label: object = None) -> Markup:
        """A link to the record that ``record``'s reference ``field`` names; nothing when it names none."""
        return self.link(self.target(record, field, record_id), label)

    def source(self, source_id: str) -> Record:
        """A record that a ``sources`` list cites."""
        return self.get(self.data.collections.cited, source_id)

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

    def speaker(self, quote: Record) -> Record:
        return self.target(quote, "speaker")

    def event_of(self, quote: Record) -> Record | None:
        """The event a quote was said at (its ``setting.event``), if it names one."""
        return self.target(quote, "setting.event", quote.setting.event)

    def cited(self, record: Record, field: str, fallback: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Ids of the sources for one field: the record's ``citations`` entry, else ``fallback`` (an entry's own
        sources, such as the signing's). Empty when the record-level sources are all there is to show."""
        return getattr(record, "citations", {}).get(field) or fallback

    def outlet_of(self, source: Record) -> Record:
        return self.target(source, "outlet")

    def renderings(self, quote: Record) -> list[Record]:
        """Other outlets' renderings of the same remarks, both ways round: the quote this one renders, the quotes
        that render it, and their other renderings; oldest first."""
        collection = quote.collection
        root = quote
        seen = {quote.id}
        while root.rendering_of and root.rendering_of not in seen:
            seen.add(root.rendering_of)
            root = self.get(collection, root.rendering_of)
        group: dict[str, Record] = {}
        todo = [root]
        while todo:
            current = todo.pop()
            if current.id in group:
                continue
            group[current.id] = current
            renderers = self.data.index.referrers((collection, current.id), collection, "rendering_of")
            todo += [self.get(collection, i) for i in renderers]
        group.pop(quote.id, None)
        return sorted(group.values(), key=sort_key)

    def supports(self, source: Record) -> list[tuple[str, list[Record]]]:
        """What a source supports on the site: the records citing it, by collection (plural noun, records)."""
        referrers = self.data.index.all_referrers((source.collection, source.id))
        out = []
        for info in self.data.collections:
            ids = dict.fromkeys(i for (coll, _), found in referrers.items() if coll == info.name for i in found)
            if ids:
                out.append((info.plural, sorted((self.get(info.name, i) for i in ids), key=sort_key)))
        return out

    def sources_by_kind(self) -> list[tuple[str, list[Record]]]:
        """Every source grouped by its kind, kinds in a fixed order."""
        sources = self.data.all(self.data.collections.cited)
        return [
            (heading, [s for s in sources if s.kind == kind])
            for kind, heading in labels.SOURCE_KIND_HEADINGS.items()
            if any(s.kind == kind for s in sources)
        ]

    def in_file_order(self, records: list[Record]) -> list[Record]:
        """Records in the order their files list them (the order contributors chose)."""
        order = {r.id: i for i, r in enumerate(self.data.all(records[0].collection))} if records else {}
        return sorted(records, key=lambda r: order[r.id])


_RTL = re.compile(f"[{RTL_LETTERS}]")


def _language(record: Record, label: object) -> Markup:
    """A link showing a record's own title in another language says so (`` lang="fa"``), and one whose text has
    right-to-left letters reads in its own direction, isolated from the English around it (`` dir="auto"``)."""
    shown = str(label if label is not None else record.title)
    code = getattr(record, "language", None) if label is None else None
    out = f' lang="{attribute(code)}"' if code and code.split("-")[0] != "en" else ""
    return Markup(out + (' dir="auto"' if _RTL.search(shown) else ""))
