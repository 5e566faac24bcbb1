"""Hand-written pages in ``docs/``: their macro calls, checked and evaluated without running any template code.

A prose pull request must not reach Python, the shell, the environment or the configuration. Jinja's own parser reads
the page; the only thing a page may contain besides text is a call of one of the site's macros with quoted or numeric
values, ``{{ actor("sergei-lavrov") }}``. Anything else (variables, attributes, filters, ``{% include %}``,
``{% set %}``, loops) is a located problem, not an expression to sandbox. Each accepted call is evaluated here at its
line, so a wrong id or type is reported with the file and line, and the call's records are the page's mentions.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from macros.core.dates import PartialDate
from macros.core.errors import Problem, describe, relative_path
from macros.core.mentions import page_title
from macros.core.models import Record
from macros.core.schema import suggest
from macros.core.terms import resolve_term
from macros.render import urls, wording
from macros.render.escape import text
from macros.render.linker import Linker, Narrative
from macros.render.pages import PageRenderer

# MkDocs' own front-matter rule (mkdocs.utils.meta.YAML_RE), so the body seen here is the body MkDocs renders.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_EXAMPLE = '{{ actor("sergei-lavrov") }}'


class MacroError(Exception):
    """A macro call that cannot be evaluated: what is wrong, what was expected, how to fix it."""

    def __init__(self, message: str, expected: str | None = None, hint: str | None = None, found: str | None = None):
        super().__init__(message)
        self.message, self.expected, self.hint, self.found = message, expected, hint, found


@dataclass
class RenderedPage:
    """A hand-written page: its Markdown body before and after its macro calls, what it mentions, what is wrong."""

    src: str
    shown: str
    source: str
    body: str = ""
    render_macros: bool = True
    line_offset: int = 0
    output: str = ""
    mentions: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def split_front_matter(source: str) -> tuple[dict, str, int]:
    """(front matter, body, lines before the body), as MkDocs splits a page."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, source, 0
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, source, 0
    if not isinstance(meta, dict):
        return {}, source, 0
    body = source[match.end() :].lstrip("\n")
    return meta, body, source[: len(source) - len(body)].count("\n")


class Macros:
    """The site's macros for one page; every call records the records it names."""

    def __init__(self, renderer: PageRenderer, page_url: str):
        self.site = renderer.site
        self.ln = Linker(self.site, page_url)
        self.renderer = renderer
        self.mentions: list[tuple[str, str]] = []

    def names(self) -> dict[str, Callable[..., object]]:
        # Every collection's page macro links to one of its records, e.g. {{ actor("sergei-lavrov") }}; the macros
        # below replace two of them: quote() shows a quote card, term() also finds the actor or treaty that is a term.
        table: dict[str, Callable[..., object]] = {c.macro: self._named(c.name) for c in self.site.dataset.collections}
        table.update(
            link=self.link, quote=self.quote, fact=self.fact, infobox=self.infobox, count=self.count,
            key_facts=self.key_facts, term=self.term, the=self.the, claim_card=self.claim_card,
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
        return self.renderer.fragment(self.ln.page_url, "claim_card", self._record("claims", record_id))

    def link(self, collection: object, record_id: object, label: object = None) -> Markup:
        return self.ln.link(self._record(collection, record_id), self._label(label))

    def quote(self, record_id: object) -> Markup:
        return self.renderer.fragment(self.ln.page_url, "quote_card", self._record("quotes", record_id))

    def infobox(self, collection: object, record_id: object) -> Markup:
        record = self._record(collection, record_id)
        return Markup(self.renderer.env.get_template("infobox.html").render(r=record, ln=self.ln))

    def key_facts(self, collection: object, record_id: object) -> Markup:
        """Key facts at a glance for an event or a treaty: when, where, who, what it is, status, with sources."""
        record = self._record(collection, record_id)
        shown = self.renderer.key_facts_for  # the collections key_facts.html has a `<template>_facts` macro for
        if record.collection not in shown:
            raise MacroError(
                f"key_facts shows {' and '.join(shown)}, not {record.collection}",
                expected=" or ".join(f'key_facts("{name}", id)' for name in shown),
            )
        return self.renderer.key_facts(self.ln, record)

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


def _parser() -> ImmutableSandboxedEnvironment:
    """Used to parse pages only; it has no loader and no globals, and never renders a page."""
    env = ImmutableSandboxedEnvironment(keep_trailing_newline=True, autoescape=False)
    env.globals.clear()
    return env


_ENV = _parser()
_VALUE_TYPES = (str, int, float, bool, type(None))
_STATEMENT_TAGS = {  # Jinja's node names → the tag a writer typed
    "Assign": "set",
    "AssignBlock": "set",
    "FromImport": "from",
    "CallBlock": "call",
    "FilterBlock": "filter",
    "ExprStmt": "do",
    "ScopedEvalContextModifier": "autoescape",
    "EvalContextModifier": "autoescape",
}


def _calls(tree: nodes.Template, macros: dict) -> Iterator[tuple[int, str | nodes.Call | Problem]]:
    """The page as text pieces and accepted macro calls, with (line, problem) for anything else."""
    for statement in tree.body:
        if not isinstance(statement, nodes.Output):
            name = type(statement).__name__
            yield statement.lineno, f"'{{% {_STATEMENT_TAGS.get(name, name.lower())} %}}' is not allowed in a page"
            continue
        for item in statement.nodes:
            if isinstance(item, nodes.TemplateData):
                yield item.lineno, item  # type: ignore[misc]
            elif not isinstance(item, nodes.Call) or not isinstance(item.node, nodes.Name):
                yield item.lineno, "only calls of the site's macros can be used in a page"
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


def render_page(page: RenderedPage, macros: Macros) -> RenderedPage:
    """Evaluate a page's macro calls; problems and mentions are recorded on ``page``."""
    table = macros.names()
    lines = page.body.splitlines()
    searched_to: dict[int, int] = {}  # line → where the next call on it is searched from

    def column(line: int, name: str) -> int:
        """Column of the macro's name (Jinja's nodes carry only the line)."""
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        found = text.find(f"{name}(", searched_to.get(line, 0))
        if found < 0:
            return 1
        searched_to[line] = found + len(name)
        return found + 1

    def problem(line: int, message: str, name: str = "", **kw: object) -> None:
        where = (line + page.line_offset, column(line, name) if name else 1)
        page.problems.append(Problem(page.shown, *where, message, **kw))  # type: ignore[arg-type]

    try:
        tree = _ENV.parse(page.body)
    except TemplateSyntaxError as exc:
        problem(exc.lineno, f"template syntax error: {exc.message}", hint=f"a macro call looks like {_EXAMPLE}")
        return page
    out: list[str] = []
    for line, item in _calls(tree, table):
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
        elif isinstance(item, nodes.TemplateData):
            out.append(item.data)
        else:
            name = item.node.name  # type: ignore[attr-defined]
            args = [arg.value for arg in item.args]  # type: ignore[attr-defined]
            kwargs = {kw.key: kw.value.value for kw in item.kwargs}  # type: ignore[attr-defined]
            try:
                out.append(str(table[name](*args, **kwargs)))
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
                column(line, name)  # later calls on the same line are searched for after this one
    page.output = "".join(out)
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


def render_narratives(renderer: PageRenderer, docs_dir: Path, root: Path) -> dict[str, RenderedPage]:
    """Read and evaluate every page in ``docs_dir`` once; fills the site's narratives and what they mention."""
    site = renderer.site
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
        meta, page.body, page.line_offset = split_front_matter(page.source)
        page.render_macros = meta.get("render_macros", True) is not False
        site.narratives[src] = Narrative(page_title(page.source, path.stem), urls.page_url(src))
        if not page.render_macros:
            page.output = page.body
            continue
        render_page(page, Macros(renderer, urls.page_url(src)))
        for key in page.mentions:
            where = site.mentioned_in.setdefault(key, [])
            if src not in where:
                where.append(src)
    return pages
