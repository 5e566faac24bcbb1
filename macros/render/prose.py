"""Hand-written pages in ``docs/``: their macro calls, checked and evaluated without running any template code.

A prose pull request must not reach Python, the shell, the environment or the configuration. Jinja's own parser reads
the page; the only thing a page may contain besides text is a call of one of the site's macros with quoted or numeric
values, ``{{ actor("sergei-lavrov") }}``. Anything else (variables, attributes, filters, ``{% include %}``,
``{% set %}``, loops) is a located problem, not an expression to sandbox. Each accepted call is evaluated here at its
line, so a wrong id or type is reported with the file and line, and the call's records are the page's mentions.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from jinja2 import TemplateSyntaxError, nodes
from markupsafe import Markup

from macros.core.dates import PartialDate
from macros.core.errors import Problem, describe, relative_path
from macros.core.mentions import page_title
from macros.core.models import Record
from macros.core.schema import suggest
from macros.core.terms import resolve_term
from macros.render import currency, front_matter, maps, urls, wording
from macros.render import ties as tie_graphs
from macros.render.escape import text
from macros.render.linker import Linker, Narrative
from macros.render.pages import PageRenderer
from macros.render.sandbox import exposed_variables, page_sandbox

_EXAMPLE = '{{ actor("sergei-lavrov") }}'


class MacroError(Exception):
    """A macro call that cannot be evaluated: what is wrong, what was expected, how to fix it."""

    def __init__(self, message: str, expected: str | None = None, hint: str | None = None, found: str | None = None):
        super().__init__(message)
        self.message, self.expected, self.hint, self.found = message, expected, hint, found


@dataclass
class RenderedPage:
    """A hand-written page: its Markdown body before and after its macro calls, what it mentions, what is wrong, and
    how current it is (a narrative page: ``covers`` from the data it shows, ``reviewed`` from its front matter)."""

    src: str
    shown: str
    source: str
    body: str = ""
    render_macros: bool = True
    line_offset: int = 0
    output: str = ""
    mentions: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    narrative: bool = False
    covers: PartialDate | None = None
    reviewed: datetime.date | None = None

    @property
    def currency(self) -> Markup:
        """ "Covers events up to … Last reviewed …" for a narrative page; nothing for any other."""
        return currency.line(self.covers, self.reviewed) if self.narrative else Markup("")


class Macros:
    """The site's macros for one page; every call records the records it names."""

    def __init__(self, renderer: PageRenderer, page_url: str):
        self.site = renderer.site
        self.ln = Linker(self.site, page_url)
        self.renderer = renderer
        self.mentions: list[tuple[str, str]] = []
        self.figures = 0  # maps and diagrams on this page so far: each gets its own ids

    def fresh(self) -> Macros:
        """The same macros for the same page, with no mentions recorded yet."""
        return Macros(self.renderer, self.ln.page_url)

    def names(self) -> dict[str, Callable[..., object]]:
        # Every collection's page macro links to one of its records, e.g. {{ actor("sergei-lavrov") }}; the macros
        # below replace two of them: quote() shows a quote card, term() also finds the actor or treaty that is a term.
        table: dict[str, Callable[..., object]] = {c.macro: self._named(c.name) for c in self.site.dataset.collections}
        table.update(
            link=self.link, quote=self.quote, fact=self.fact, infobox=self.infobox, count=self.count,
            key_facts=self.key_facts, term=self.term, the=self.the, claim_card=self.claim_card,
            map=self.map_, ties=self.ties,
        )  # fmt: skip
        return table

    def _record(self, collection: object, record_id: object) -> Record:
        collection = self._collection(collection)
        if not isinstance(record_id, str):
            raise MacroError(
                "the id must be text in quotes", expected=f"the id of a record in data/{collection}/, in quotes",
                found=describe(record_id), hint="put the id in quotes",
            )  # fmt: skip
        record = self.site.dataset.get(collection, record_id)
        if record is None:
            near = suggest(record_id, self.site.dataset.records[collection])
            raise MacroError(
                f"unknown id {describe(record_id)} in {collection}",
                expected=f"the id of a record in data/{collection}/",
                hint=f"did you mean '{near}'?" if near else f"add the record to data/{collection}/",
            )
        self.mentions.append((collection, record_id))
        return record

    def _collection(self, collection: object) -> str:
        names = self.site.dataset.collections.names()
        if isinstance(collection, str) and collection in names:
            return collection
        near = suggest(str(collection), names) if isinstance(collection, str) else None
        raise MacroError(
            f"unknown collection {describe(collection)}",
            expected="one of: " + ", ".join(names),
            hint=f"did you mean '{near}'?" if near else "use a collection name in quotes",
        )

    @staticmethod
    def _label(label: object) -> object:
        if label is not None and not isinstance(label, str):
            raise MacroError("the label must be text in quotes", found=describe(label), hint="put the label in quotes")
        return label

    def _named(self, collection: str) -> Callable[..., Markup]:
        def macro(record_id: object, label: object = None) -> Markup:
            return self.ln.link(self._record(collection, record_id), self._label(label))

        return macro

    def term(self, record_id: object, label: object = None) -> Markup:
        """Link to the page for a term: a glossary record, or the actor or treaty that is the term (E3, JCPOA)."""
        key = resolve_term(self.site.dataset.records, record_id) if isinstance(record_id, str) else None
        return self.ln.link(self._record(*(key or ("glossary", record_id))), self._label(label))

    def the(self, collection: object, record_id: object, start: object = False) -> Markup:
        """``the`` and a link to a record, never "the The …": ``{{ the("actors", "emir-of-qatar") }}``."""
        record = self._record(collection, record_id)
        phrase = wording.definite(record.title, start=start is True)
        if phrase == record.title:
            return self.ln.link(record)
        article, rest = phrase.split(" ", 1)
        return text(article + " ") + self.ln.link(record, rest)

    def claim_card(self, record_id: object) -> Markup:
        """A claim card: the article's words, the assessment and what the record shows, with sources."""
        return _block(self.renderer.fragment(self.ln.page_url, "claim_card", self._record("claims", record_id)))

    def link(self, collection: object, record_id: object, label: object = None) -> Markup:
        return self.ln.link(self._record(collection, record_id), self._label(label))

    def quote(self, record_id: object) -> Markup:
        return _block(self.renderer.fragment(self.ln.page_url, "quote_card", self._record("quotes", record_id)))

    def infobox(self, collection: object, record_id: object) -> Markup:
        record = self._record(collection, record_id)
        return _block(self.renderer.env.get_template("infobox.html").render(r=record, ln=self.ln))

    def key_facts(self, collection: object, record_id: object) -> Markup:
        """Key facts at a glance for an event or a treaty: when, where, who, what it is, status, with sources."""
        record = self._record(collection, record_id)
        shown = self.renderer.key_facts_for  # the collections key_facts.html has a `<template>_facts` macro for
        if record.collection not in shown:
            raise MacroError(
                f"key_facts shows {' and '.join(shown)}, not {record.collection}",
                expected=" or ".join(f'key_facts("{name}", id)' for name in shown),
            )
        return _block(self.renderer.key_facts(self.ln, record))

    def _words(self, given: object, what: str, allowed: list[str]) -> tuple[str, ...]:
        """Space-separated values of an enum, each checked: ``kinds="talks call"``."""
        if given is None:
            return ()
        if not isinstance(given, str):
            raise MacroError(f"{what} must be text in quotes", found=describe(given), hint=f'e.g. "{allowed[0]}"')
        words = tuple(given.split())
        for word in words:
            if word not in allowed:
                near = suggest(word, allowed)
                raise MacroError(
                    f"unknown {what} {describe(word)}", expected="one of: " + ", ".join(allowed),
                    hint=f"did you mean '{near}'?" if near else "separate several with spaces",
                )  # fmt: skip
        return words

    @staticmethod
    def _date(given: object, what: str) -> PartialDate | None:
        if given is None:
            return None
        try:
            return PartialDate.parse(given)
        except (ValueError, TypeError):
            raise MacroError(
                f"{what} is not a date", expected="YYYY, YYYY-MM or YYYY-MM-DD in quotes", found=describe(given)
            ) from None

    def _selection(self, since: object, until: object, kinds: object) -> dict:
        event_kinds = list(self.site.dataset.collections.labels("events", "kind"))
        return {
            "since": self._date(since, "since"),
            "until": self._date(until, "until"),
            "kinds": self._words(kinds, "event kind", event_kinds),
        }

    def map_(
        self,
        title: object,
        route: object = None,
        kinds: object = None,
        place_kinds: object = None,
        places: object = None,
        since: object = None,
        until: object = None,
        line: object = False,
    ) -> Markup:
        """A map of places from the data: ``route="sergei-lavrov"`` (where one actor went, in order), ``kinds="talks"``
        (the places of events of those kinds), ``place_kinds="nuclear-site"`` (every place of those kinds) or
        ``places="rasht astara"``, each limited by ``since``/``until``; ``line=true`` joins named places in order."""
        if not isinstance(title, str) or not title.strip():
            raise MacroError(
                "a map needs a title, in quotes", hint='e.g. map("Lavrov\'s route", route="sergei-lavrov")'
            )
        selection = self._selection(since, until, kinds)
        route_id = self._record("actors", route).id if route is not None else None
        place_ids = self._words(places, "place", sorted(self.site.dataset.records.get("places", {})))
        for place_id in place_ids:
            self._record("places", place_id)
        place_kinds_ = self._words(
            place_kinds, "place kind", list(self.site.dataset.collections.labels("places", "kind"))
        )
        if not (route_id or place_ids or place_kinds_ or any(selection.values())):
            raise MacroError("a map needs something to show", hint="give route=, kinds=, place_kinds= or places=")
        stops, is_route = maps.select(
            self.site.dataset, route=route_id, place_kinds=place_kinds_, places=place_ids, **selection
        )
        drawn = maps.draw(title, stops, is_route, line=line is True)
        if drawn is None:
            raise MacroError("no place in the data matches this map", hint="check the dates, kinds and ids")
        self.figures += 1
        self.mentions += [("places", s.place.id) for s in drawn.stops]
        return self.renderer.map_figure(self.ln, drawn, f"map-{self.figures}")

    def ties(
        self,
        title: object,
        since: object = None,
        until: object = None,
        kinds: object = None,
        treaty: object = None,
        camp: object = None,
    ) -> Markup:
        """A small diagram of who met whom (events of ``kinds`` between ``since`` and ``until``), of whom one camp's
        people talked to (``camp="russia"``: people, not events, so that many months fit) or of who signed and
        ratified a treaty (``treaty="russia-iran-treaty"``), with the same ties listed in words."""
        if not isinstance(title, str) or not title.strip():
            raise MacroError("a diagram needs a title, in quotes", hint='e.g. ties("Who met whom", since="2025-04")')
        treaty_id = self._record("treaties", treaty).id if treaty is not None else None
        camps = list(self.site.dataset.collections.labels("actors", "camp", "x-headings"))
        camp_ids = self._words(camp, "camp", camps)
        if camp is not None and len(camp_ids) != 1:
            raise MacroError("a diagram shows one camp's contacts", expected="one of: " + ", ".join(camps))
        camp_id = camp_ids[0] if camp_ids else None
        selection = self._selection(since, until, kinds)
        graph = tie_graphs.focused(self.site.dataset, title, treaty=treaty_id, camp=camp_id, **selection)
        if graph is None:
            raise MacroError("no tie in the data matches this diagram", hint="check the dates, kinds and ids")
        self.figures += 1
        return self.renderer.ties_figure(self.ln, graph, f"ties-{self.figures}")

    def count(self, collection: object) -> str:
        return str(len(self.site.dataset.records[self._collection(collection)]))

    def fact(self, collection: object, record_id: object, field_path: object, form: object = None) -> Markup:
        """One field of a record; dotted paths reach nested fields (``signed.date``). ``form="attributive"`` puts a
        duration before a noun: ``the {{ fact(…, "term", form="attributive") }} treaty`` reads "the 20-year treaty"."""
        if form not in (None, "attributive"):
            raise MacroError(f"unknown form {describe(form)}", expected='form="attributive", or no form')
        value: object = self._record(collection, record_id)
        if not isinstance(field_path, str):
            raise MacroError("the field must be text in quotes", found=describe(field_path), hint='e.g. "term"')
        for part in field_path.split("."):
            names = [f.name for f in dataclasses.fields(value)] if dataclasses.is_dataclass(value) else []
            if part not in names:
                near = suggest(part, names)
                raise MacroError(
                    f"{describe(field_path)} is not a field of this record",
                    hint=f"did you mean '{near}'?" if near else "use a field name from the collection's schema",
                )
            value = getattr(value, part)
        if value is None:
            raise MacroError(f"the record has no value for {describe(field_path)}", hint="add it to the record first")
        if isinstance(value, PartialDate):
            return Linker.date(value)
        if form == "attributive" and isinstance(value, str):
            return text(wording.attributive(value))
        if isinstance(value, (str, int, float)):
            return text("yes" if value is True else "no" if value is False else value)
        raise MacroError(
            f"{describe(field_path)} is not a single value",
            expected="a field holding text, a number or a date",
            hint="name a field inside it, e.g. 'signed.date'",
        )


def _block(html: str) -> Markup:
    """A card (quote, infobox, key facts, claim) for a Markdown page: Python-Markdown passes an HTML block through
    whole, blank and indented lines included, when its first tag starts the line; so the template's own
    indentation is stripped from the ends and its lines inside are left as written."""
    return Markup(str(html).strip())


_VALUE_TYPES = (str, int, float, bool, type(None))
_STATEMENT_TAGS = {  # Jinja's node names → the tag a writer typed
    "Assign": "set",
    "AssignBlock": "set",
    "FromImport": "from",
    "CallBlock": "call",
    "FilterBlock": "filter",
    "ExprStmt": "do",
    "Scope": "autoescape",  # {% autoescape %} parses as a Scope around the modifier
    "ScopedEvalContextModifier": "autoescape",
    "EvalContextModifier": "autoescape",
}


def _line(node: nodes.Node) -> int:
    """The node's line; a node Jinja adds without one (the Scope of ``{% autoescape %}``) takes its first child's."""
    if node.lineno:
        return node.lineno
    return next((child.lineno for child in node.find_all(nodes.Node) if child.lineno), 1)


def _calls(tree: nodes.Template, macros: Collection[str], variables: Collection[str]) -> Iterator[tuple[int, object]]:
    """The gate: the page as text pieces, accepted macro calls and names of ``extra:`` values, with (line, problem)
    for anything else. Nothing is evaluated here."""
    for statement in tree.body:
        if not isinstance(statement, nodes.Output):
            name = type(statement).__name__
            yield _line(statement), f"'{{% {_STATEMENT_TAGS.get(name, name.lower())} %}}' is not allowed in a page"
            continue
        for item in statement.nodes:
            if isinstance(item, nodes.TemplateData) or (isinstance(item, nodes.Name) and item.name in variables):
                yield item.lineno, item
            elif not isinstance(item, nodes.Call) or not isinstance(item.node, nodes.Name):
                yield _line(item), "only calls of the site's macros can be used in a page"
            elif item.node.name not in macros:
                yield item.lineno, f"unknown macro '{item.node.name}'"  # the name is a Python identifier
            elif (
                item.dyn_args
                or item.dyn_kwargs
                or not all(
                    isinstance(arg, nodes.Const) and isinstance(arg.value, _VALUE_TYPES)
                    for arg in [*item.args, *(kw.value for kw in item.kwargs)]
                )
            ):
                yield item.lineno, "a macro's arguments must be values written out, in quotes"
            else:
                yield item.lineno, item


class _Located:
    """Problems of one page (or one front-matter value), at the line and column of what caused them."""

    def __init__(self, page: RenderedPage, text: str, line_offset: int):
        self.page, self.lines, self.offset = page, text.splitlines(), line_offset
        self.searched_to: dict[int, int] = {}  # line → where the next call on it is searched from

    def column(self, line: int, name: str) -> int:
        """Column of the macro's name (Jinja's nodes carry only the line)."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        found = text.find(f"{name}(", self.searched_to.get(line, 0))
        if found < 0:
            return 1
        self.searched_to[line] = found + len(name)
        return found + 1

    def __call__(self, line: int, message: str, name: str = "", **kw: object) -> None:
        where = (line + self.offset, self.column(line, name) if name else 1)
        self.page.problems.append(Problem(self.page.shown, *where, message, **kw))  # type: ignore[arg-type]


def check(page: RenderedPage, text: str, macros: Macros, variables: Mapping[str, object], line_offset: int) -> bool:
    """The first gate, then each accepted call evaluated at its line: every problem of ``text`` is added to the page
    with its place. True when ``text`` may be rendered."""
    table = macros.names()
    problem = _Located(page, text, line_offset)
    before = len(page.problems)
    try:
        tree = page_sandbox({}).parse(text)
    except TemplateSyntaxError as exc:
        problem(exc.lineno, f"template syntax error: {exc.message}", hint=f"a macro call looks like {_EXAMPLE}")
        return False
    for line, item in _calls(tree, table, exposed_variables(variables)):
        if isinstance(item, str):
            unknown = item.split("'")[1] if item.startswith("unknown macro") else ""
            near = suggest(unknown, table) if unknown else None
            problem(
                line,
                item,
                unknown,
                expected="a macro call such as " + _EXAMPLE + "; macros: " + ", ".join(sorted(table)),
                hint=f"did you mean '{near}'?" if near else "write the value out, or remove the template syntax",
            )
        elif isinstance(item, nodes.Call):
            name = item.node.name  # type: ignore[attr-defined]
            args = [arg.value for arg in item.args]  # type: ignore[attr-defined]
            kwargs = {kw.key: kw.value.value for kw in item.kwargs}  # type: ignore[attr-defined]
            try:
                table[name](*args, **kwargs)
            except MacroError as exc:
                problem(line, exc.message, name, expected=exc.expected, found=exc.found, hint=exc.hint)
            except TypeError as exc:
                problem(
                    line,
                    f"wrong arguments for {name}()",
                    name,
                    found=str(exc).split("() ", 1)[-1],
                    hint=f"a macro call looks like {_EXAMPLE}",
                )
            else:
                problem.column(line, name)  # later calls on the same line are searched for after this one
    return len(page.problems) == before


def render(text: str, macros: Macros, variables: Mapping[str, object]) -> str:
    """``text`` rendered in the page sandbox, as mkdocs-macros-plugin renders it once the glue has swapped it in."""
    return page_sandbox(macros.names(), variables).from_string(text).render()


def _render_located(page: RenderedPage, text: str, macros: Macros, variables: Mapping, line_offset: int) -> str:
    """Render a checked text; anything the sandbox still refuses is a problem at the template line that caused it."""
    try:
        return render(text, macros, variables)
    except Exception as exc:  # the sandbox's SecurityError, or a bug: located, never a traceback
        line = _template_line(exc.__traceback__)
        page.problems.append(
            Problem(page.shown, line + line_offset, 1, f"the page cannot be rendered: {type(exc).__name__}: {exc}")
        )
        return ""


def _template_line(tb: TracebackType | None) -> int:
    """The page line Jinja's rewritten traceback names (its frames for a template carry the template's lines)."""
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_page(page: RenderedPage, macros: Macros, variables: Mapping[str, object] | None = None) -> RenderedPage:
    """Check and evaluate a page's macro calls; problems, mentions and the rendered body are recorded on ``page``."""
    variables = variables or {}
    if check(page, page.body, macros, variables, page.line_offset):
        page.output = _render_located(page, page.body, macros.fresh(), variables, page.line_offset)
    page.mentions = macros.mentions
    return page


def narrative_sources(docs_dir: Path) -> list[Path]:
    """Every hand-written page; symbolic links are listed too, so that they can be refused."""
    return sorted(p for p in docs_dir.rglob("*.md") if p.is_file() or p.is_symlink())


def linked_files(docs_dir: Path, root: Path) -> list[Problem]:
    """MkDocs copies what a link in ``docs/`` points to, even outside the repository: every link is refused."""
    return [
        Problem(
            relative_path(p, root, resolve=False), 1, 1, "this is a symbolic link; files in docs/ must be regular files"
        )
        for p in sorted(docs_dir.rglob("*"))
        if p.is_symlink() and p.suffix != ".md"
    ]


def render_narratives(
    renderer: PageRenderer, docs_dir: Path, root: Path, variables: Mapping[str, object] | None = None
) -> dict[str, RenderedPage]:
    """Read, check and evaluate every page in ``docs_dir`` once; fills the site's narratives and what they mention.
    ``variables``: mkdocs.yml's ``extra:`` values, which a page may print by name (``{{ name }}``)."""
    site = renderer.site
    variables = variables or {}
    generated_dirs = set(site.dataset.collections.names())
    pages: dict[str, RenderedPage] = {}
    for path in narrative_sources(docs_dir):
        src = path.relative_to(docs_dir).as_posix()
        page = RenderedPage(src, relative_path(path, root, resolve=False), "")
        pages[src] = page
        if path.is_symlink():
            page.problems.append(
                Problem(page.shown, 1, 1, "this is a symbolic link; pages must be regular files in docs/")
            )
            continue
        if src.split("/", 1)[0] in generated_dirs:
            page.problems.append(
                Problem(
                    page.shown, 1, 1, "this folder's pages are generated from data/", hint="move the page elsewhere"
                )
            )
            continue
        try:
            page.source = path.read_text(encoding="utf-8-sig")
        except (UnicodeDecodeError, OSError) as exc:
            page.problems.append(Problem(page.shown, 1, 1, f"the page cannot be read ({type(exc).__name__})"))
            continue
        front = front_matter.split(page.source)
        page.body, page.line_offset = front.body, front.line_offset
        page.render_macros = front.meta.get("render_macros", True) is not False
        _check_front_matter(page, front, Macros(renderer, urls.page_url(src)), variables)
        site.narratives[src] = Narrative(page_title(page.source, path.stem), urls.page_url(src))
        if not page.render_macros:
            page.output = page.body
            continue
        render_page(page, Macros(renderer, urls.page_url(src)), variables)
        page.covers = currency.covers_up_to(site.dataset, page.mentions)
        for key in page.mentions:
            where = site.mentioned_in.setdefault(key, [])
            if src not in where:
                where.append(src)
    return pages


_REVIEWED_HINT = (
    "add 'reviewed: YYYY-MM-DD' to the page's front matter: the day you last checked it against its sources"
)


def _check_front_matter(page: RenderedPage, front: front_matter.FrontMatter, macros: Macros, variables) -> None:
    """What a page's front matter must hold: YAML MkDocs can read, ``reviewed:`` on a narrative page, and a title
    whose template syntax (the plugin renders a title too) passes the same gate as the body."""
    if front.error:
        line, message = front.error
        page.problems.append(Problem(page.shown, line, 1, f"the front matter cannot be read: {message}"))
        return
    page.narrative = front.narrative
    page.reviewed = front.reviewed
    if page.narrative and page.reviewed is None:
        found = front.meta.get("reviewed")
        page.problems.append(
            Problem(
                page.shown,
                front.line_of("reviewed"),
                1,
                "a narrative page needs the date it was last reviewed" if found is None else "'reviewed' is not a date",
                field="reviewed",
                expected="reviewed: YYYY-MM-DD (or 'narrative: false' on a page that is not a narrative)",
                found=None if found is None else describe(found),
                hint=_REVIEWED_HINT,
            )
        )
    title = front.meta.get("title")
    if page.render_macros and isinstance(title, str) and any(mark in title for mark in ("{{", "{%", "{#")):
        check(page, title, macros, variables, front.line_of("title") - 1)
