"""Fast checks of the pieces issue 8 added: one escaping rule per sink, whole-string patterns, the site swap."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros.core.collections import registry
from macros.core.errors import Problem, printable
from macros.core.schema import SHARED_DEFS, ecma_regex
from macros.mkdocs_glue import generated, staging
from macros.render.abbreviations import Abbreviations, Hint
from macros.render.downloads import cell
from macros.render.escape import text

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("pattern", "value", "matches"),
    [
        ("^[a-z]+$", "index", True),
        ("^[a-z]+$", "index\n", False),  # Python's own `$` would accept this
        ("^a[$]$", "a$", True),
        ("^a\\$$", "a$", True),
        ("\\S", " x ", True),
    ],
)
def test_schema_patterns_have_ecma_end_of_text(pattern, value, matches):
    assert bool(ecma_regex(pattern).search(value)) is matches


def _string_fields(node: dict, here: str = ""):
    if "$ref" in node:
        return
    types = node.get("type", [])
    if "string" in (types if isinstance(types, list) else [types]) and "enum" not in node:
        yield here
    for name, sub in node.get("properties", {}).items():
        yield from _string_fields(sub, f"{here}.{name}".lstrip("."))
    if isinstance(node.get("items"), dict):
        yield from _string_fields(node["items"], f"{here}[]")


@pytest.mark.parametrize("info", registry().collections, ids=lambda c: c.name)
def test_every_text_field_uses_a_shared_field_kind(info):
    """A new field gets the line-break, control-character and length rules only through schemas/defs.schema.json."""
    schema = json.loads((ROOT / f"schemas/{info.schema}.schema.json").read_text(encoding="utf-8"))
    loose = list(_string_fields(schema["$defs"]["record"]))
    assert loose == [], f"use {SHARED_DEFS}#/$defs/line (or text, id, date, url) with $ref for: {loose}"


@given(st.text())
def test_printable_log_lines_cannot_break_or_command(value):
    line = printable(value)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    assert not line.lstrip().startswith("::")


def test_every_line_of_a_problem_is_printable():
    problem = Problem("data/x.yml", 1, 1, "unknown id 'a\n::error::x'", record_id="\x1b[2J", found="'\u202e'")
    assert problem.format().splitlines() == [
        "data/x.yml:1:1: record '\\x1b[2J': unknown id 'a\\n::error::x'",
        "    found:    '\\u202e'",
    ]


@given(st.text())
def test_data_text_never_starts_a_line_or_a_table_cell(value):
    shown = str(text(value))
    assert "\n" not in shown and "\r" not in shown and "|" not in shown and "<" not in shown


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_formula_cells_are_made_text(value):
    assert cell(value) == "'" + value


def test_csv_plain_cells_are_unchanged():
    assert [cell("Tehran"), cell(["a", "b"]), cell(True), cell(None)] == ["Tehran", "a; b", "true", ""]


@pytest.mark.parametrize("term", ["İSNA", "ǅemal", "Straße", "ΣΊΣΥΦΟΣ", "K"])
def test_hints_match_any_unicode_term_without_crashing(term):
    hints = Abbreviations([Hint(term, "<b>hint</b>")])
    html = hints.annotate(f"<p>{term} and {term.lower()} and {term.upper()}</p>")
    assert html.count('aria-description="&lt;b&gt;hint&lt;/b&gt;"') == 1
    assert "title=" not in html


def test_only_section_titles_feed_the_table_of_contents():
    """A generated page's TOC is read back from the titles macros.render.headings writes, never from data text."""
    source = (
        '<dl><dd>Moscow\n## <a href="javascript:x">x</a> &lt;h2 id="x"&gt;</dd></dl>\n'
        '<h2 id="real">Real &amp; heading<a class="headerlink" href="#real" title="Permanent link">&para;</a></h2>\n'
        '<h3 id="sub">Sub<a class="headerlink" href="#sub" title="Permanent link">&para;</a></h3>\n'
    )
    toc = generated.toc(source)
    assert [(item.id, item.title, item.level) for item in toc] == [("real", "Real &amp; heading", 2)]
    assert [(child.id, child.level) for child in toc.items[0].children] == [("sub", 3)]


def test_the_site_is_swapped_in_whole(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    building = staging.staging_dir(site)
    building.mkdir()
    (building / "new.html").write_text("new")
    staging.swap_in(building, site)
    assert [p.name for p in site.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
