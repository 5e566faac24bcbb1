"""Issue 8: every attack a data-only or prose-only pull request could make, reproduced on a copy of the project.

Each test shows the attack harmless where it would land: in Chromium (stored XSS), on disk (files, CSV), in the
build log (CI), and in the build and `validate` output for prose that tries to reach Python or the environment.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from test_bad_data import report, validate

from macros.core import load_dataset
from macros.render.linker import SiteContext
from macros.render.pages import PageRenderer

from conftest import REVIEWED, copy_project, run_build, static_server

CHROMIUM = "/usr/bin/chromium"
SOURCE = "article-lavrov-visit-tehran"
XSS = [
    '<img src=x onerror="alert(1)">',
    '"><script>alert(2)</script>',
    "<svg onload=alert(3)>",
    "[x](javascript:alert(4)){onclick=alert(5)}",
    "&lt;img src=x onerror=alert(6)&gt;",  # already-escaped markup that a decoding tooltip would make live
]


def add_records(project: Path, collection: str, records: list[dict], name: str = "added.yml") -> None:
    path = project / "data" / collection / name
    path.write_text(yaml.safe_dump(records, allow_unicode=True, sort_keys=False), encoding="utf-8")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.rglob("*")
        if p.is_file()
    }


def log_lines_are_safe(output: str) -> None:
    """Nothing a terminal or GitHub Actions would act on: no escape characters, no workflow-command lines."""
    assert "\x1b" not in output.replace("\x1b[0m", "").replace("\x1b[33m", "")  # MkDocs' own banner is coloured
    for line in output.splitlines():
        assert not line.lstrip().startswith("::"), line


# --- Stored XSS in Chromium --------------------------------------------------------------------------------------


def put_markup_in_every_hint_and_the_signing_place(project: Path) -> None:
    """The edit (tests/edited.py): markup in every glossary hint, a Turkish dotted İ term, and markup in a signing
    place."""
    terms = project / "data/glossary/terms.yml"
    entries = yaml.safe_load(terms.read_text(encoding="utf-8"))
    for i, entry in enumerate(entries):
        entry["definition"] = XSS[i % len(XSS)] + " defined"
        entry.pop("expansion", None)
    terms.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    glossary = [
        {"id": "isna-turkish", "term": "İSNA", "definition": XSS[0], "sources": [SOURCE]},
        {"id": "reviewed-term", "term": "reviewed", "expansion": XSS[1], "definition": "x", "sources": [SOURCE]},
    ]
    add_records(project, "glossary", glossary)
    replace_in(project / "docs/visit.md", "# The visit\n", "# The visit\n\nİSNA and isna were reviewed.\n")
    replace_in(
        project / "data/treaties/treaties.yml",
        "    place: Kremlin, Moscow\n",
        f"    place: '{XSS[3]} {XSS[0]}'\n",
    )


@pytest.fixture(scope="module")
def hostile_site(edited):
    """The project with markup in every glossary hint, a Turkish dotted İ term and markup in a signing place (among
    the other edits of tests/edited.py)."""
    return edited


@pytest.fixture(scope="module")
def hostile_server(hostile_site):
    with static_server(hostile_site.site) as address:
        yield address


def test_the_turkish_dotted_capital_i_is_annotated_without_a_crash(hostile_site):
    hints = {a.get_text(): a["aria-description"] for a in hostile_site.page("visit/").select("abbr.tme-hint")}
    assert hints["İSNA"] == XSS[0]
    assert hints["reviewed"] == XSS[1]


@pytest.mark.parametrize(
    "path", ["visit/", "grand-bargain/", "treaty/", "actors/alexey-dedov/", "treaties/russia-iran-treaty/", "compare/"]
)
def test_hovering_and_focusing_every_hint_runs_no_script(browser, hostile_server, path):
    page = browser.new_page()
    try:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(hostile_server + path, wait_until="networkidle")
        hints = page.locator("abbr.tme-hint")
        for i in range(hints.count()):
            hint = hints.nth(i)
            hint.hover()
            shown = hint.evaluate("e => getComputedStyle(e, '::after').content")
            assert shown.strip('"').replace('\\"', '"') == hint.get_attribute("aria-description")
            page.mouse.move(0, 0)
            hint.focus()
            assert hint.evaluate("e => getComputedStyle(e, '::after').content") != "none"
            page.wait_for_timeout(50)
        live = page.evaluate(
            "() => document.querySelectorAll('article [onerror], article [onload], article [onclick],"
            " article script, article a[href^=javascript]').length"
        )
        assert dialogs == []
        assert live == 0
        if path == "visit/":
            assert hints.count() >= 3
    finally:
        page.close()


def test_signing_place_with_markup_is_text_in_the_infobox(hostile_site):
    row = [
        r
        for r in hostile_site.page("treaties/russia-iran-treaty/").select(".tme-infobox__row")
        if "Signed" in r.dt.text
    ]
    assert row and f"{XSS[3]} {XSS[0]}" in row[0].dd.get_text()
    assert not row[0].dd.find_all(["img", "script", "h1", "h2", "h3"])


def test_a_line_break_in_rendered_data_cannot_start_a_heading():
    """Even past validation, data that reaches a generated page cannot form headings: the page is HTML that no
    Markdown converter reads (macros.mkdocs_glue.generated), and data text is escaped on one line."""
    data = load_dataset()
    treaty = data.get("treaties", "russia-iran-treaty")
    place = "Tehran\n\n## [click](javascript:alert(1)){onclick=alert(2)}\n# again <h2>x</h2>"
    records = {name: dict(by_id) for name, by_id in data.records.items()}
    signed = dataclasses.replace(treaty.signed, place=place)
    records["treaties"][treaty.id] = dataclasses.replace(treaty, signed=signed)
    site = SiteContext(type(data)(records, data.origins, data.index, data.raw))
    html = BeautifulSoup(PageRenderer(site).record_page(records["treaties"][treaty.id]).render(), "html.parser")
    headings = [h.get_text() for h in html.find_all(["h1", "h2", "h3"])]
    assert not [h for h in headings if "click" in h or "again" in h or h == "x"]
    assert not html.select("a[href^=javascript], [onclick]")


# --- Prose that tries to reach Python, the shell or the environment -----------------------------------------------

PROSE_ATTACKS = [
    "{{ config }}",
    "{{ environment }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% include '/etc/passwd' %}",
    "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ self.__init__.__globals__ }}",
    "{% import '/etc/passwd' as p %}",
    "{% extends '/etc/hostname' %}",
    "{% set id = 'sergei-lavrov' %}{{ actor(id) }}",
    "{{ actor(5) }}",
    "{{ fact('actors', 'sergei-lavrov', '__class__') }}",
    "{{ actor('sergei-lavrov').__class__ }}",
    "{{ range(10**9) | list }}",
    "{% for x in 'abc' %}{{ x }}{% endfor %}",
    "{{ actor('sergei-lavrov' | attr('__class__')) }}",
]


def test_prose_cannot_reach_python_the_shell_or_the_environment(tmp_path):
    project = copy_project(tmp_path / "project")
    page = REVIEWED + "# Attack\n\n" + "\n".join(PROSE_ATTACKS) + "\n"
    (project / "docs/attack.md").write_text(page, encoding="utf-8")
    secret = "s3cret-" + os.urandom(6).hex()
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TME_SECRET": secret}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True,
    )  # fmt: skip
    output = built.stdout + built.stderr
    assert built.returncode == 1
    assert "Traceback" not in output
    assert secret not in output and "root:" not in output
    assert not (project / "PWNED").exists() and not site.exists()
    lines = {int(line.split(":")[1]) for line in report(output).splitlines() if line.startswith("docs/attack.md:")}
    first = REVIEWED.count("\n") + 3
    assert lines == set(range(first, first + len(PROSE_ATTACKS)))
    checked = validate(project)
    assert report(checked.stderr) == report(output)


def add_a_page_with_raw_template_syntax(project: Path) -> None:
    """The edit (tests/edited.py): a page showing template syntax in a raw block beside a macro call."""
    page = REVIEWED + "# Raw\n\nWritten: {% raw %}{{ config }}{% endraw %} by {{ actor('sergei-lavrov') }}.\n"
    (project / "docs/raw.md").write_text(page, encoding="utf-8")
    replace_in(
        project / "mkdocs.yml", "  - About the data: about.md\n", "  - About the data: about.md\n  - Raw: raw.md\n"
    )


def test_prose_with_raw_template_syntax_shows_it_literally(edited):
    text = edited.page("raw/").article.get_text()
    assert "Written: {{ config }} by Sergei Lavrov." in " ".join(text.split())


# --- Data that passed validation but corrupted the site ----------------------------------------------------------


def add_a_table_with_a_pipe_in_a_fact(project: Path) -> None:
    """The edit (tests/edited.py): a treaty's term holds pipes, and a page prints it in a Markdown table. (The
    Iran–China agreement's: the Russia–Iran treaty's term is read by other tests of the shared build.)"""
    replace_in(project / "data/treaties/treaties.yml", "  term: 25 years\n", "  term: 25 | years | more\n")
    table = '| Treaty | Term |\n|---|---|\n| IC | {{ fact("treaties", "iran-china-agreement", "term") }} |\n'
    (project / "docs/table.md").write_text(REVIEWED + "# Table\n\n" + table, encoding="utf-8")
    replace_in(
        project / "mkdocs.yml", "  - About the data: about.md\n", "  - About the data: about.md\n  - Table: table.md\n"
    )


def test_a_pipe_in_a_fact_inside_a_markdown_table_stays_in_its_cell(edited):
    cells = [td.get_text() for td in edited.page("table/").select("table tbody tr td")]
    assert cells == ["IC", "25 | years | more"]


@pytest.mark.parametrize("target", ["/etc/passwd", "../../docs/index.md"])
def test_a_symlink_in_data_is_refused_and_never_read(tmp_path, target):
    project = copy_project(tmp_path / "project")
    (project / "data/actors/linked.yml").symlink_to(target)
    result = run_build(project, tmp_path / "site")
    expected = (
        "Found 1 problem in the data; nothing was built.\n"
        "data/actors/linked.yml:1:1: this is a symbolic link; data must be regular files inside the repository\n"
        "    fix:      replace the link with the file itself"
    )
    assert result.returncode == 1 and report(result.output) == expected
    assert "root:" not in result.output and "Explainer" not in result.output
    assert result.written() == []
    assert report(validate(project).stderr) == expected


def test_a_symlink_in_docs_is_refused_and_never_published(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/assets/passwd.txt").symlink_to("/etc/passwd")
    (project / "docs/passwd.md").symlink_to("/etc/passwd")
    result = run_build(project, tmp_path / "site")
    expected = (
        "Found 2 problems in the data; nothing was built.\n"
        "docs/assets/passwd.txt:1:1: this is a symbolic link; files in docs/ must be regular files\n"
        "docs/passwd.md:1:1: this is a symbolic link; pages must be regular files in docs/"
    )
    assert result.returncode == 1 and report(result.output) == expected
    assert "root:" not in result.output and result.written() == []
    assert report(validate(project).stderr) == expected


# --- Downloads ---------------------------------------------------------------------------------------------------


FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "Tëhrān ok"]


def add_actors_named_like_formulas(project: Path) -> None:
    """The edit (tests/edited.py): actors whose names and summaries a spreadsheet would read as formulas."""
    actors = [
        {"id": f"formula-{i}", "name": value.strip(), "kind": "person", "summary": value, "sources": [SOURCE]}
        for i, value in enumerate(FORMULAS)  # a name is one line: no tab
    ]
    add_records(project, "actors", actors)


def test_csv_cells_never_start_a_formula_and_excel_detects_utf8(edited):
    formulas, result = FORMULAS, edited
    raw = (result.site / "downloads/actors.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    for i, value in enumerate(formulas):
        row = rows[f"formula-{i}"]
        assert row["summary"] == (value if value == "Tëhrān ok" else "'" + value)
        assert row["name"] == (value if value == "Tëhrān ok" else "'" + value.strip())
    for row in rows.values():
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())


# --- Error output that attacks CI, and the last good site --------------------------------------------------------


def test_messages_cannot_emit_workflow_commands_or_escape_codes(tmp_path):
    project = copy_project(tmp_path / "project")
    actors = [
        {"id": "x\n::error file=README.md::pwned", "name": "a", "kind": "person", "summary": "s", "sources": [SOURCE]},
        {"id": "ansi", "name": "\x1b[31mred\x1b[0m\n::add-mask::secret", "kind": "person", "summary": "s",
         "sources": [SOURCE], "::set-output name=x::y": 1},
    ]  # fmt: skip
    add_records(project, "actors", actors)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.output
    log_lines_are_safe(result.output)
    checked = validate(project)
    log_lines_are_safe(checked.stderr)
    assert report(checked.stderr) == report(result.output)
    assert "\\n::error file=README.md::pwned" in result.output  # shown, escaped, on the line of its record


def test_a_failed_build_keeps_the_last_good_site(tmp_path, built):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    shutil.copytree(built.site, site)  # the last good build of these same files (the real site's, shared)
    before = snapshot(site)
    people = project / "data/actors/people.yml"
    good = people.read_text(encoding="utf-8")
    people.write_text(good + "\n- id: [broken\n", encoding="utf-8")
    failed = run_build(project, site)
    assert failed.returncode == 1 and "Traceback" not in failed.output
    assert snapshot(site) == before
    people.write_text(good, encoding="utf-8")
    (project / "docs/visit.md").write_text(REVIEWED + "# The visit\n\n[broken](missing.md)\n", encoding="utf-8")
    warned = run_build(project, site)  # strict mode rejects the warning after every page was written
    assert warned.returncode == 1
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no staging folder left behind


def test_one_yaml_typo_gives_one_problem_not_a_cascade(tmp_path):
    project = copy_project(tmp_path / "project")
    people = project / "data/actors/people.yml"
    people.write_text(
        people.read_text(encoding="utf-8").replace("- id: sergei-lavrov", "- id: sergei-lavrov\n  bad: [", 1)
    )
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 1
    assert report(result.output).startswith("Found 1 problem in the data")
    assert report(validate(project).stderr) == report(result.output)
