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
from macros.render import diagram, overview, urls, wording
from macros.render.linker import Linker, SiteContext, sort_key
from macros.render.templates import environment

GENERIC_RECORD_TEMPLATE = "record.html"  # renders a record of any collection that has no template of its own
GENERIC_INDEX_TEMPLATE = "index.html"


@dataclass(frozen=True)
class PageSource:
    """A page to add to the site: where it goes, its title, and how to render its Markdown body (on demand)."""

    src: str
    title: str
    render: Callable[[], str]
    record: Record | None = None  # the record a record page shows
    hide: tuple[str, ...] = ()  # parts of Material's layout to hide, e.g. ("toc",) for a wide diagram

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

    def __init__(self, site: SiteContext):
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

    @cached_property
    def relations_view(self) -> dict:
        """The relations graph and its layout: one ``dot`` run per build (raises DiagramError if dot fails)."""
        graph = overview.relations(self.site.dataset)
        return {
            "graph": graph,
            "diagram": diagram.layout(graph),
            "max_nodes": diagram.MAX_DRAWN_NODES,
            "relation_phrase": overview.RELATION_PHRASE,
        }

    def linker(self, page_url: str) -> Linker:
        return Linker(self.site, page_url)

    def record_body(self, record: Record) -> str:
        ln = self.linker(urls.record_url(record.collection, record.id))
        sections, shown = [], set()
        for heading, collection, fields in self.collections.sections(record.collection):
            # A record that fits two sections (an outlet's own quotes are also quotes it published) is listed once.
            records = [r for r in ln.referrers(record, collection, *fields) if (r.collection, r.id) not in shown]
            shown.update((r.collection, r.id) for r in records)
            sections.append((heading, records))
        template = self.env.get_template(self.template_for[record.collection])
        return template.render(r=record, ln=ln, sections=sections, info=self.collections[record.collection])

    def record_page(self, record: Record) -> PageSource:
        src = urls.record_src(record.collection, record.id)
        return PageSource(src, record.title, partial(self.record_body, record), record)

    def index_body(self, collection: str) -> str:
        records = sorted(self.site.dataset.all(collection), key=sort_key)
        info = self.collections[collection]
        groups: list[tuple[str | None, list[Record]]]
        if info.group_by and info.group_headings:  # an enum: a heading per value, in the schema's order
            groups = [
                (heading, [r for r in records if getattr(r, info.group_by) == value])
                for value, heading in info.group_headings.items()
            ]
            groups = [g for g in groups if g[1]]
        elif info.group_by:  # a reference: the records under each record they refer to
            groups = self._by_reference(collection, records, info.group_by, info.newest_first)
        else:
            groups = [(None, records)]
        ln = self.linker(urls.index_url(collection))
        template = self.index_template_for[collection]
        return self.env.get_template(template).render(
            ln=ln, groups=groups, counted=wording.count_records(len(records), collection), collection=collection
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

    def index_page(self, collection: str) -> PageSource:
        return PageSource(
            urls.index_src(collection),
            self.collections[collection].plural_title,
            partial(self.index_body, collection),
        )

    def overview_body(self, src: str, template: str, context: Callable[[], dict]) -> str:
        return self.env.get_template(template).render(ln=self.linker(urls.page_url(src)), **context())

    def timeline_context(self) -> dict:
        return {"tl": overview.timeline(self.site.dataset), "kind_labels": overview.KIND_LABELS}

    def overview_pages(self) -> Iterator[PageSource]:
        data = self.site.dataset
        views = (
            ("timeline.md", "Timeline", "timeline.html", self.timeline_context),
            (
                "compare.md",
                "Treaties compared",
                "comparison.html",
                lambda: {"compared": overview.compared_treaties(data)},
            ),
            ("relations.md", "Who is who", "relations.html", lambda: self.relations_view),
        )
        for src, title, template, context in views:
            hide = ("toc",) if src in ("relations.md", "compare.md") else ()  # wide views get the TOC's room
            yield PageSource(src, title, partial(self.overview_body, src, template, context), hide=hide)

    def pages(self) -> Iterator[PageSource]:
        yield from self.overview_pages()
        for info in self.collections:
            yield self.index_page(info.name)
            for record in self.site.dataset.all(info.name):
                yield self.record_page(record)

    def key_facts(self, ln: Linker, record: Record) -> Markup:
        """The key-facts card of an event or a treaty (prose.Macros.key_facts refuses any other record)."""
        return Markup(self.env.get_template("key_facts.html").render(r=record, ln=ln))

    def fragment(self, page_url: str, macro: str, *args: object, **kwargs: object) -> Markup:
        """One component from components.html, for a hand-written page at ``page_url``."""
        module = self.env.get_template("components.html").make_module({"ln": self.linker(page_url)})
        return Markup(getattr(module, macro)(*args, **kwargs))
