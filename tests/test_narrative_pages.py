"""Hand-written pages under mkdocs-macros-plugin: the two layers between a page and Python, how current each page
says it is, and templates that may be indented. In-process where that proves the same thing; the real site's one
shared build (``built``) for what only a build shows."""

from __future__ import annotations

import datetime
import os
import re
import shutil
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from jinja2 import TemplateError, nodes
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from test_security import PROSE_ATTACKS

from macros.core import load_dataset
from macros.core.collections import registry
from macros.render import currency, front_matter, prose, template_errors
from macros.render.linker import SiteContext
from macros.render.pages import PageRenderer
from macros.render.sandbox import PageSandbox, page_sandbox
from macros.render.templates import TEMPLATES_DIR, environment

from conftest import ROOT

DATA = load_dataset()
RENDERER = PageRenderer(SiteContext(DATA))
DOCS = sorted((ROOT / "docs").glob("*.md"))
EXTENSIONS = ["abbr", "attr_list", "md_in_html", "admonition", "toc"]


def _page(body: str, src: str = "test.md") -> prose.RenderedPage:
    page = prose.RenderedPage(src, f"docs/{src}", body, body=body)
    return prose.render_page(page, prose.Macros(RENDERER, "test/"), {"data_licence": "CC BY 4.0"})


# --- The gate, then the sandbox -----------------------------------------------------------------------------------


def test_autoescape_in_a_page_is_a_located_problem():
    page = _page("# T\n\nfine\n{% autoescape false %}{{ actor('sergei-lavrov') }}{% endautoescape %}\n")
    assert [(p.line, p.message) for p in page.problems] == [(4, "'{% autoescape %}' is not allowed in a page")]


def test_an_extra_value_prints_by_name_and_nothing_else_of_it():
    assert _page("Licence: {{ data_licence }}.").output == "Licence: CC BY 4.0."
    refused = _page("{{ data_licence.upper() }} {{ tme_licence }}")
    assert [p.message for p in refused.problems] == ["only calls of the site's macros can be used in a page"] * 2


@pytest.mark.parametrize("attack", PROSE_ATTACKS)
def test_the_sandbox_alone_stops_what_the_gate_refuses(attack):
    """Layer two: with the gate bypassed, the sandbox the plugin renders in still reaches no Python, file or
    setting. Each attack either fails or prints nothing of the process."""
    secret = "s3cret-" + os.urandom(4).hex()
    os.environ["TME_TEST_SECRET"] = secret
    env = page_sandbox(prose.Macros(RENDERER, "test/").names(), {"data_licence": "x"}, loader=None)
    try:
        out = env.from_string(attack).render(config={"secret": secret}, environment=os.environ, page=object())
    except (TemplateError, TypeError, prose.MacroError) as refused:  # Security, Undefined, NotFound, Assertion
        assert secret not in str(refused)
        return
    finally:
        del os.environ["TME_TEST_SECRET"]
    assert secret not in out and "root:" not in out and "<class" not in out and "function" not in out


def test_the_sandbox_is_an_immutable_sandbox_with_only_the_site_macros():
    macros = prose.Macros(RENDERER, "test/").names()
    env = page_sandbox(macros, {"data_licence": "x", "nested": {"a": 1}})
    assert isinstance(env, PageSandbox) and isinstance(env, ImmutableSandboxedEnvironment)
    assert set(env.globals) == set(macros) | {"data_licence"}
    assert not env.filters and not env.tests
    with pytest.raises(SecurityError):
        env.from_string("{{ 'a' * 3 }}").render()


def test_a_title_with_template_syntax_passes_the_gate(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "t.md").write_text("---\nreviewed: 2026-12-01\ntitle: '{{ config }}'\n---\n\n# T\n", encoding="utf-8")
    pages = prose.render_narratives(PageRenderer(SiteContext(DATA)), docs, tmp_path)
    assert [(p.line, p.message) for p in pages["t.md"].problems] == [
        (3, "only calls of the site's macros can be used in a page")
    ]


UNREADABLE = "the front matter cannot be read: "


@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        ("", 1, "a narrative page needs the date it was last reviewed"),
        ("---\ntitle: T\n---\n", 1, "a narrative page needs the date it was last reviewed"),
        ("---\ntitle: T\nreviewed: 2026-12\n---\n", 3, "'reviewed' is not a date"),
        (
            "---\ntitle: T\nreviewed: 2026-02-30\n---\n",
            3,
            "the front matter cannot be read: day is out of range for month",
        ),
        ("---\ntitle: [T\n---\n", 3, UNREADABLE + "expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_reviewed_is_required_and_a_bad_one_is_located(tmp_path, front, line, message):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "t.md").write_text(front + "# T\n", encoding="utf-8")
    pages = prose.render_narratives(PageRenderer(SiteContext(DATA)), docs, tmp_path)
    assert [(p.line, p.message) for p in pages["t.md"].problems] == [(line, message)]


def test_a_page_that_says_it_is_not_a_narrative_needs_no_review_date():
    front = front_matter.split("---\nnarrative: false\n---\n\n# Budget\n")
    assert not front.narrative and front.reviewed is None and front.body == "# Budget\n"


# --- How current a page is -----------------------------------------------------------------------------------------

_COLLECTION_OF_MACRO = {c.macro: c.name for c in registry().collections}


def _shown_records(body: str) -> set[tuple[str, str]]:
    """Every (collection, id) a page's macro calls name, read with Jinja's parser (not the site's code)."""
    shown = set()
    for call in ImmutableSandboxedEnvironment().parse(body).find_all(nodes.Call):
        name, args = call.node.name, [a.value for a in call.args]
        if name in _COLLECTION_OF_MACRO:
            shown.add((_COLLECTION_OF_MACRO[name], args[0]))
        elif name in ("link", "fact", "infobox", "key_facts", "the"):
            shown.add((args[0], args[1]))
        elif name == "quote":
            shown.add(("quotes", args[0]))
    return shown


def _newest(records: set[tuple[str, str]]):
    dates = []
    for collection, record_id in records:
        record = DATA.get(collection, record_id)
        if collection == "events":
            dates.append(record.end_date or record.date)
        elif collection == "quotes":
            dates.append(record.date)
    return max(dates, default=None)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_each_narrative_page_covers_the_newest_record_its_macros_show(built, path):
    front = front_matter.split(path.read_text(encoding="utf-8"))
    url = "" if path.stem == "index" else f"{path.stem}/"
    line = built.page(url).select("article p.tme-currency")
    if not front.narrative:
        assert line == []
        return
    assert len(line) == 1 and line[0].find_previous_sibling("h1") is not None  # right under the title
    times = {t.parent.get_text().split(" ")[0]: t["datetime"] for t in line[0].find_all("time")}
    shown = [t["datetime"] for t in line[0].find_all("time")]
    newest = _newest(_shown_records(front.body))
    assert shown == ([newest.iso] if newest else []) + [front.reviewed.isoformat()]
    assert line[0].get_text().startswith("Covers events up to " if newest else "Last reviewed ")
    assert times  # every date is a <time datetime>


def test_an_event_counts_by_its_end_date():
    event = next(e for e in DATA.all("events") if e.end_date)
    assert currency.covers_up_to(DATA, [("events", event.id)]) == event.end_date
    assert currency.line(None, datetime.date(2026, 12, 1)) == (
        '<p class="tme-currency" data-search-ignore>Last reviewed <time datetime="2026-12-01">1 December 2026</time>.'
        "</p>"
    )


def test_the_plugin_rendered_the_pages_and_the_theme_got_the_check_s_html(built):
    """The build stops unless mkdocs-macros-plugin's output equals the check's (plugin.py): here, one page's words."""
    visit = built.page("visit/")
    assert visit.select_one('article a[href="../actors/sergei-lavrov/"]') is not None
    assert "{{" not in visit.article.get_text()


# --- Indented templates ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def indented_renderer(tmp_path_factory) -> PageRenderer:
    """The same templates with every line indented by eight spaces, as a maintainer might lay them out."""
    folder = tmp_path_factory.mktemp("indented")
    for template in TEMPLATES_DIR.iterdir():
        lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / template.name).write_text("".join("        " + line for line in lines), encoding="utf-8")
    renderer = PageRenderer(SiteContext(DATA))
    renderer.env = environment(folder)
    return renderer


def _dom(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(soup))).strip()


def test_indented_templates_give_the_same_generated_pages(indented_renderer):
    plain = {page.src: page for page in RENDERER.pages()}
    sample = [p for p in indented_renderer.pages() if p.record is None or p.record.id in _ONE_PER_COLLECTION]
    assert len(sample) > 10
    for page in sample:
        assert _dom(page.render()) == _dom(plain[page.src].render()), page.src


_ONE_PER_COLLECTION = {next(iter(DATA.records[c])) for c in DATA.records}


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_indented_templates_give_the_same_narrative_pages(indented_renderer, path):
    """Cards in a Markdown page stay one HTML block however their template is indented (prose._block)."""
    front = front_matter.split(path.read_text(encoding="utf-8"))
    src = path.name
    out = {}
    for name, renderer in (("plain", RENDERER), ("indented", indented_renderer)):
        page = prose.RenderedPage(src, f"docs/{src}", "", body=front.body)
        prose.render_page(page, prose.Macros(renderer, "x/"), {"data_licence": "CC BY 4.0"})
        assert not page.problems
        out[name] = _dom(markdown.markdown(page.output, extensions=EXTENSIONS))
    assert out["indented"] == out["plain"]


# --- A broken template, once, at its line --------------------------------------------------------------------------


def _templates_with_actor_line_4(tmp_path: Path, line: str) -> Path:
    """A copy of the fragment templates with ``line`` inserted as line 4 of actor.html."""
    folder = tmp_path / "fragments"
    shutil.copytree(TEMPLATES_DIR, folder)
    actor = folder / "actor.html"
    lines = actor.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, line + "\n")
    actor.write_text("".join(lines), encoding="utf-8")
    return folder


def test_a_template_syntax_error_is_one_problem_at_the_template_s_line(tmp_path):
    folder = _templates_with_actor_line_4(tmp_path, "{{ r.summary # }}")
    problems = template_errors.syntax_problems(environment(folder), tmp_path)
    assert [(p.path, p.line) for p in problems] == [("fragments/actor.html", 4)]
    assert problems[0].message.startswith("template syntax error: unexpected char '#'")


def test_a_template_error_while_rendering_names_the_template_line_and_the_record(tmp_path):
    folder = _templates_with_actor_line_4(tmp_path, "{{ r.no_such_field }}")
    renderer = PageRenderer(SiteContext(DATA))
    renderer.env = environment(folder)
    record = DATA.get("actors", "sergei-lavrov")
    with pytest.raises(UndefinedError) as raised:
        renderer.record_page(record).render()
    problem = template_errors.runtime_problem(raised.value, tmp_path, record, DATA, "actors/sergei-lavrov.md")
    assert (problem.path, problem.line) == ("fragments/actor.html", 4)
    origin = DATA.origins[("actors", "sergei-lavrov")]
    assert f"while rendering the page of actors 'sergei-lavrov' ({origin.path}:" in problem.message
