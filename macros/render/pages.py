"""Generated pages: one per record and one index per collection, as Markdown sources with HTML blocks."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial

from markupsafe import Markup, escape

from macros.core.dates import PartialDate
from macros.core.models import Record
from macros.render import backlinks, cast, diagram, overview, paging, ties, urls, wording
from macros.render.generic import TrackedRecord, unshown_rows
from macros.render.linker import Linker, SiteContext, sort_key
from macros.render.templates import environment, macros_in

GENERIC_RECORD_TEMPLATE = "record.html"  # renders a record of any collection that has no template of its own
GENERIC_INDEX_TEMPLATE = "index.html"
TIMELINE_SRC = "timeline.md"
RELATIONS_SRC = "relations.md"


@dataclass(frozen=True)
class PageSource:
    """A page to add to the site: where it goes, its title, and how to render its Markdown body (on demand)."""

    src: str
    title: str
    render: Callable[[], str]
    record: Record | None = None  # the record a record page shows
    hide: tuple[str, ...] = ()  # parts of Material's layout to hide, e.g. ("toc",) for a wide diagram
    part: bool = False  # a later part of a split list: reached from the list's first part, not the site navigation
    backlinks_of: Record | None = None  # the record whose back-link section a part of a section's list lists

    @property
    def in_nav(self) -> bool:
        return self.subject is None and not self.part

    @property
    def subject(self) -> Record | None:
        """The record the page is about: its page or one of its back-link lists, reached from its page and showing
        only what it reads (the incremental preview tracks such a page and can carry it over unchanged)."""
        return self.record or self.backlinks_of

    @property
    def front_matter(self) -> str:
        extra: dict[str, object] = {"tme_record": f"{self.record.collection}/{self.record.id}"} if self.record else {}
        if self.hide:
            extra["hide"] = list(self.hide)
        return front_matter(self.title, **extra)

    @property
    def markdown(self) -> str:
        """The whole page source: front matter and body."""
        return self.front_matter + self.render()


# Characters YAML will not read raw inside a double-quoted scalar, or would fold as line breaks; JSON leaves them raw.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _scalar(value: object) -> str:
    """A YAML scalar for a string or boolean: JSON (a subset of YAML), with YAML's unreadable characters escaped."""
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def front_matter(title: str, **extra: object) -> str:
    """YAML front matter; the title is HTML-escaped because themes print it unescaped."""
    meta = {"title": str(escape(" ".join(title.split()))), "render_macros": False, **extra}
    return "---\n" + "".join(f"{key}: {_scalar(value)}\n" for key, value in meta.items()) + "---\n\n"


class PageRenderer:
    """Plans every generated page from the dataset; each page's body is rendered when asked for."""

    def __init__(self, site: SiteContext, limits: paging.Limits = paging.DEFAULT_LIMITS):
        self.site = site
        self.collections = site.dataset.collections
        self.env = environment()
        templates = set(self.env.list_templates())
        # A collection's templates are found by name: <template>.html for its records, <name>_index.html for its index.
        self.template_for = {
            c.name: f"{c.template}.html" if f"{c.template}.html" in templates else GENERIC_RECORD_TEMPLATE
            for c in self.collections
        }
        self.index_template_for = {
            c.name: f"{c.name}_index.html" if f"{c.name}_index.html" in templates else GENERIC_INDEX_TEMPLATE
            for c in self.collections
        }
        # The collections with key facts: key_facts.html's ``<template>_facts`` macro, found by name.
        facts = macros_in(self.env, "key_facts.html")
        self.key_facts_for = [c.name for c in self.collections if f"{c.template}_facts" in facts]
        self.limits = limits
        self._index_parts: dict[str, list[paging.Part[tuple[str | None, Record]]]] = {}

    @cached_property
    def relations_view(self) -> dict:
        """The cast list ("Who is who"): the actors by camp, then the news outlets, as (camp, card) items split into
        bounded parts like an index (one part while it fits)."""
        camps, outlets = cast.camps(self.site.dataset)
        items = [(camp, card) for camp in camps for card in camp.cards]
        items += [(cast.OUTLETS, outlet) for outlet in outlets]
        return {
            "camps": camps,
            "counted": {"actors": len(items) - len(outlets), "outlets": len(outlets)},
            "parts_of": paging.paged(items, self.limits.index_weight, lambda i: 1 + len(getattr(i[1], "roles", ()))),
        }

    def relations_context(self, position: int = 0) -> dict:
        view = self.relations_view
        parts = view["parts_of"]
        return {
            **view,
            "groups": paging.regroup(parts[position].items),
            "parts": paging.navigation("Who is who", urls.page_url(RELATIONS_SRC), parts, position),
        }

    def relations_pages(self) -> Iterator[PageSource]:
        for i, part in enumerate(self.relations_view["parts_of"]):
            src = paging.part_src(RELATIONS_SRC, part)
            render = partial(self.overview_body, src, "cast.html", partial(self.relations_context, i))
            yield PageSource(src, f"Who is who, {part.label}" if i else "Who is who", render, part=i > 0)

    def linker(self, page_url: str) -> Linker:
        return Linker(self.site, page_url)

    def record_body(self, record: Record) -> str:
        url = urls.record_url(record.collection, record.id)
        ln = self.linker(url)
        limit = self.limits.backlink_weight
        sections = []
        for section in backlinks.sections(self.site.dataset, record):
            records = self._sorted(ln, section)
            if section.total <= limit:
                sections.append((section.heading, records, None))
                continue
            first = paging.runs(records, limit, lambda _: section.weight)[0]  # noqa: B023  (used at once)
            parts = len(section.parts(records, self.limits.index_weight))
            counted = wording.count_records(len(records), section.collection)
            more = backlinks.More(len(first), counted, ln.href_url(section.list_url(record)), parts)
            sections.append((section.heading, first, more))
        template = self.env.get_template(self.template_for[record.collection])
        tracked = TrackedRecord(record)  # notes the fields the template shows, to show the others after it
        body = template.render(r=tracked, ln=ln, sections=sections, info=self.collections[record.collection])
        if not tracked._tme_rest_shown:  # a template without sections.html: what it did not show, after it
            rows = unshown_rows(self.collections, tracked)
            body += (
                str(self.env.get_template("fields.html").make_module({"ln": ln}).more_box(tracked, rows))
                if rows
                else ""
            )
        return body

    @staticmethod
    def _sorted(ln: Linker, section: backlinks.BacklinkSection) -> list[Record]:
        """A back-link list in its records' order, led by those the collection's ``lead_with`` names (traced quotes
        before wordings found only in the seed article)."""
        records = (ln.get(section.collection, i) for i in section.ids)
        lead = ln.data.collections[section.collection].lead_with
        if lead is None:
            return sorted(records, key=sort_key)
        field_name, values = lead
        return sorted(records, key=lambda r: (getattr(r, field_name) not in values, sort_key(r)))

    def record_page(self, record: Record) -> PageSource:
        src = urls.record_src(record.collection, record.id)
        return PageSource(src, record.title, partial(self.record_body, record), record)

    def backlink_pages(self, record: Record) -> Iterator[PageSource]:
        """The lists of the back-link sections too long for the record's page, in parts: planned from the index
        alone (how many refer to the record), so planning every record's costs no rendering."""
        for section in backlinks.sections(self.site.dataset, record):
            if section.total <= self.limits.backlink_weight:
                continue
            parts = section.parts(list(section.ids), self.limits.index_weight)
            for i, part in enumerate(parts):
                title = f"{section.heading} — {record.title}"
                title += f", part {i + 1} of {len(parts)}" if len(parts) > 1 else ""
                render = partial(self.backlinks_body, record, section.slug, i)
                yield PageSource(paging.part_src(section.list_src(record), part), title, render, backlinks_of=record)

    def backlinks_body(self, record: Record, slug: str, position: int) -> str:
        """One part of a back-link section's whole list."""
        section = next(s for s in backlinks.sections(self.site.dataset, record) if s.slug == slug)
        list_url = section.list_url(record)
        records = self._sorted(self.linker(list_url), section)
        parts = section.parts(records, self.limits.index_weight)
        ln = self.linker(paging.part_url(list_url, parts[position]))
        return self.env.get_template("backlinks.html").render(
            r=record,
            ln=ln,
            heading=section.heading,
            records=list(parts[position].items),
            counted=wording.count_records(len(records), section.collection),
            parts=paging.navigation(section.heading, list_url, parts, position),
        )

    def index_groups(self, collection: str) -> list[tuple[str | None, list[Record]]]:
        """The whole index: (heading or None, records) groups in page order."""
        records = sorted(self.site.dataset.all(collection), key=sort_key)
        info = self.collections[collection]
        if info.group_by and info.group_headings:  # an enum: a heading per value, in the schema's order
            groups = [
                (heading, [r for r in records if getattr(r, info.group_by) == value])
                for value, heading in info.group_headings.items()
            ]
            return [g for g in groups if g[1]]
        if info.group_by:  # a reference: the records under each record they refer to
            return self._by_reference(collection, records, info.group_by, info.newest_first)
        return [(None, records)]

    def index_parts(self, collection: str) -> list[paging.Part[tuple[str | None, Record]]]:
        """The index split into bounded pages (one page when it fits), computed once per build."""
        if collection not in self._index_parts:
            items = [(heading, r) for heading, records in self.index_groups(collection) for r in records]
            weight = self._index_weight
            self._index_parts[collection] = paging.paged(items, self.limits.index_weight, lambda i: weight(i[1]))
        return self._index_parts[collection]

    def _index_weight(self, record: Record) -> int:
        """1 per entry, plus 1 per citing record where the index lists what cites each entry (every collection cites
        sources, and the sources index lists what each supports: that list grows with the data)."""
        if not self.collections[record.collection].backlinks_from_every_collection:
            return 1
        citing = self.site.dataset.index.all_referrers((record.collection, record.id))
        return 1 + sum(len(ids) for ids in citing.values())

    def index_body(self, collection: str, position: int = 0) -> str:
        parts = self.index_parts(collection)
        part = parts[position]
        records_total = len(self.site.dataset.all(collection))
        url = paging.part_url(urls.index_url(collection), part)
        ln = self.linker(url)
        info = self.collections[collection]
        context: dict[str, object] = {}
        if info.group_by and not info.group_headings:  # groups under referred records: link each group where it is
            first_part: dict[str, int] = {}
            for i, p in enumerate(parts):
                for target, _ in p.items:
                    first_part.setdefault(target, i)
            here = urls.index_url(collection)
            anchor = f"#{info.group_by}-"
            context["group_href"] = {
                t: ln.href_url(paging.part_url(here, parts[i]) + anchor + t) if i != position else anchor + t
                for t, i in first_part.items()
            }
            context["group_count"] = len(first_part)
        template = self.index_template_for[collection]
        return self.env.get_template(template).render(
            ln=ln,
            groups=paging.regroup(part.items) if part.items else self.index_groups(collection),  # empty: as is
            counted=wording.count_records(records_total, collection),
            collection=collection,
            parts=paging.navigation(info.plural_title, urls.index_url(collection), parts, position),
            **context,
        )

    def _by_reference(
        self, collection: str, records: list[Record], field: str, newest_first: str | None
    ) -> list[tuple[str | None, list[Record]]]:
        """Records grouped under the record their ``field`` names (sources under their outlet), those alphabetically,
        each group newest first by ``newest_first`` when given."""
        target = next(s.target for s in self.collections.refs(collection) if s.path == (field,))
        if newest_first:
            records = sorted(records, key=lambda r: getattr(r, newest_first) or PartialDate(0), reverse=True)
        by_target: dict[str, list[Record]] = {}
        for r in records:
            by_target.setdefault(getattr(r, field), []).append(r)
        named = sorted(
            by_target, key=lambda t: wording.without_article(self.site.dataset.get(target, t).title).casefold()
        )
        return [(t, by_target[t]) for t in named]

    def index_pages(self, collection: str) -> Iterator[PageSource]:
        title = self.collections[collection].plural_title
        for i, part in enumerate(self.index_parts(collection)):
            src = paging.part_src(urls.index_src(collection), part)
            yield PageSource(
                src, f"{title}, {part.label}" if i else title, partial(self.index_body, collection, i), part=i > 0
            )

    def overview_body(self, src: str, template: str, context: Callable[[], dict]) -> str:
        return self.env.get_template(template).render(ln=self.linker(urls.page_url(src)), **context())

    @cached_property
    def timeline_parts(self) -> tuple[overview.Timeline, list[paging.Part[overview.TimelineMonth]]]:
        """The whole timeline and its parts (one when it fits), computed once per build."""
        whole = overview.timeline(self.site.dataset)
        return whole, paging.by_date(whole.months, self.limits.timeline_entries)

    def timeline_context(self, position: int = 0) -> dict:
        whole, parts = self.timeline_parts
        return {
            "tl": overview.Timeline(parts[position].items, whole.visit, whole.labels),
            "whole": whole,
            "kind_labels": whole.labels,
            "parts": paging.navigation("Timeline", urls.page_url(TIMELINE_SRC), parts, position),
        }

    def timeline_pages(self) -> Iterator[PageSource]:
        _, parts = self.timeline_parts
        for i, part in enumerate(parts):
            src = paging.part_src(TIMELINE_SRC, part)
            render = partial(self.overview_body, src, "timeline.html", partial(self.timeline_context, i))
            yield PageSource(src, f"Timeline: {part.label}" if i else "Timeline", render, part=i > 0)

    def overview_pages(self) -> Iterator[PageSource]:
        yield from self.timeline_pages()
        compared = partial(self.overview_body, "compare.md", "comparison.html", self.comparison_context)
        yield PageSource("compare.md", "Treaties compared", compared, hide=("toc",))  # wide views get the TOC's room
        yield from self.relations_pages()

    def comparison_context(self) -> dict:
        return {"compared": overview.compared_treaties(self.site.dataset)}

    def pages(self) -> Iterator[PageSource]:
        yield from self.overview_pages()
        for info in self.collections:
            yield from self.index_pages(info.name)
            for record in self.site.dataset.all(info.name):
                yield self.record_page(record)
                yield from self.backlink_pages(record)

    def key_facts(self, ln: Linker, record: Record) -> Markup:
        """The key-facts card of an event or a treaty (prose.Macros.key_facts refuses a record of a collection not in
        ``key_facts_for``)."""
        return Markup(self.env.get_template("key_facts.html").render(r=record, ln=ln))

    def map_figure(self, ln: Linker, drawn: object, key: str) -> Markup:
        """A map (maps.Map) and its places in words, for a hand-written page."""
        module = self.env.get_template("maps.html").make_module({"ln": ln})
        return Markup(module.figure(drawn, key))

    def ties_figure(self, ln: Linker, graph: object, key: str) -> Markup:
        """A diagram of ties (ties.TieGraph), laid out, and the same ties in words."""
        module = self.env.get_template("ties.html").make_module({"ln": ln})
        return Markup(module.figure(graph, diagram.layout_ties(graph), key))

    def prime_tie_layouts(self) -> int:
        """Lay out every actor page's diagram in one `dot` run, before the pages are rendered (measured: one run for
        all, instead of one per page)."""
        data = self.site.dataset
        return diagram.prime(g for a in data.all("actors") if (g := ties.actor_ties(data, a)) is not None)

    def fragment(self, page_url: str, macro: str, *args: object, **kwargs: object) -> Markup:
        """One component from components.html, for a hand-written page at ``page_url``."""
        module = self.env.get_template("components.html").make_module({"ln": self.linker(page_url)})
        return Markup(getattr(module, macro)(*args, **kwargs))
