"""Property: any record a pull request can write goes through load, validate and build to a located message or a
clean page; never a traceback, never a half-written site.

Records are real records of every collection with one field (at any depth the schema describes) replaced by an
arbitrary YAML value, a hostile id, or a hostile glossary term. The in-process check (load, validate, the docs
pages' macro calls, the record's page, the hints) runs many examples; full `mkdocs build` runs a few.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core import DataErrors
from macros.core.collections import registry
from macros.core.dataset import load_dataset
from macros.render.abbreviations import Abbreviations, hint_entries
from macros.render.project import prepare

from conftest import ROOT, copy_project, run_build

RAW = load_dataset().raw
BASES = {c.name: next(raw for (coll, _), raw in RAW.items() if coll == c.name) for c in registry().collections}


def _field_paths(node: dict, here: tuple = ()) -> list[tuple]:
    """Every field path a record schema describes; 0 stands for a list's first item."""
    paths = []
    for name, sub in node.get("properties", {}).items():
        paths.append((*here, name))
        paths += _field_paths(sub, (*here, name))
    if isinstance(node.get("items"), dict):
        paths += _field_paths(node["items"], (*here, 0))
    return paths


SCHEMAS = {
    c.name: json.loads((ROOT / f"schemas/{c.schema}.schema.json").read_text("utf-8")) for c in registry().collections
}
FIELDS = [(c, path) for c, s in SCHEMAS.items() for path in _field_paths(s["$defs"]["record"])]

HOSTILE_TEXT = st.sampled_from(
    [
        "index",
        "a" * 300,
        "ok\n",
        "\n::error::pwned",
        "\x1b[31mred",
        "<script>alert(1)</script>",
        "{{ config }}",
        "İSNA",
        "ǅ",
        "ß",
        "0000",
        "2025-02-30",
        "=1+1",
        "| a | b |",
        "# heading",
        "",
        " ",
        "\u2028",
        "\ufeff",
    ]
)
SCALARS = st.one_of(
    HOSTILE_TEXT,
    st.text(max_size=30),
    st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _set(record: dict, path: tuple, value: object) -> None:
    """Put ``value`` at ``path``, creating the mappings and one-item lists on the way."""
    node: object = record
    for step, nxt in zip(path, [*path[1:], None], strict=True):
        if nxt is None:
            break
        if isinstance(node, dict):
            node = node.setdefault(step, [] if isinstance(nxt, int) else {})
            if isinstance(nxt, int) and isinstance(node, list) and not node:
                node.append({})
        elif isinstance(node, list):
            node = node[0] if node else node
    if isinstance(node, dict):
        node[path[-1]] = value
    elif isinstance(node, list):
        node[:1] = [value]


@st.composite
def pull_requests(draw) -> dict[str, list[dict]]:
    """Records a contributor adds, by collection (one new file per collection)."""
    collection, path = draw(st.sampled_from(FIELDS))
    record = copy.deepcopy(BASES[collection])
    record["id"] = draw(st.from_regex(r"prop-[a-z0-9]{1,10}", fullmatch=True) | HOSTILE_TEXT)
    _set(record, path, draw(VALUES))
    if draw(st.booleans()):
        record.pop(path[0], None)
    change = {collection: [record]}
    if draw(st.booleans()):
        term = draw(HOSTILE_TEXT | st.text(min_size=1, max_size=12))
        definition = draw(HOSTILE_TEXT | st.text(max_size=40))
        gloss = {"id": "prop-term", "term": term, "definition": definition, "sources": [BASES["sources"]["id"]]}
        change.setdefault("glossary", []).append(gloss)
    return change


def _write(project: Path, change: dict[str, list[dict]]) -> None:
    for c in registry().collections:
        (project / "data" / c.name / "prop.yml").unlink(missing_ok=True)
    for collection, records in change.items():
        text = yaml.safe_dump(records, allow_unicode=True, sort_keys=False)
        (project / "data" / collection / "prop.yml").write_text(text, encoding="utf-8")


def assert_located(errors: DataErrors) -> None:
    assert errors.problems
    for problem in errors.problems:
        assert problem.path.startswith(("data/", "docs/", "schemas/")) and problem.line >= 1, problem
    for line in errors.format().splitlines():
        assert line.isprintable() or "\t" in line, repr(line)
        assert not line.lstrip().startswith("::"), line


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("property") / "project")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(change=pull_requests())
def test_load_validate_and_render_give_a_located_message_or_a_clean_page(scratch, change):
    _write(scratch, change)
    try:
        prepared = prepare(scratch)
    except DataErrors as errors:
        assert_located(errors)
        return
    renderer = prepared.renderer
    hints = Abbreviations(hint_entries(prepared.site.dataset))
    for collection, records in change.items():
        for record in records:
            page = renderer.record_page(prepared.site.dataset.get(collection, record["id"]))
            hints.annotate(page.render())


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(change=pull_requests())
def test_a_full_build_gives_a_located_message_or_a_clean_site(tmp_path_factory, built, change):
    project = copy_project(tmp_path_factory.mktemp("property-build") / "project")
    site = project.parent / "site"
    shutil.copytree(built.site, site)  # the last good site of these same files (the real site's build, shared)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    _write(project, change)
    result = run_build(project, site)
    assert "Traceback" not in result.output
    if result.returncode == 0:
        for collection, records in change.items():
            assert all((site / collection / r["id"] / "index.html").is_file() for r in records)
    else:
        assert "Found " in result.output and sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert sorted(p.name for p in project.parent.iterdir()) == ["project", "site"]
    shutil.rmtree(project.parent)
