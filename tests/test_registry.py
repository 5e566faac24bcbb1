"""A collection is declared once, by its schema: adding one takes a schema file and a data folder (and, optionally, a
template found by name); a missing or inconsistent piece is a located message. These are the steps of
CONTRIBUTING.md's "Adding a collection"."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.core.collections import registry
from macros.core.schema import walk_fields
from macros.render.templates import TEMPLATES_DIR

from conftest import ROOT, copy_project, run_build

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "sanction.schema.json",
    "title": "Sanctions",
    "description": "Sanctions one party imposed on another.",
    "x-collection": {
        "name": "sanctions",
        "order": 8,
        "macro": "sanction",
        "singular": "sanction",
        "plural": "sanctions",
        "index_title": "Sanctions",
        "title_field": "title",
        "schema_org_type": "Legislation",
    },
    "type": "array",
    "items": {"$ref": "#/$defs/record"},
    "$defs": {
        "record": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "title", "target", "imposed", "sources"],
            "properties": {
                "id": {"$ref": "defs.schema.json#/$defs/id"},
                "title": {"$ref": "defs.schema.json#/$defs/line"},
                "target": {
                    "$ref": "defs.schema.json#/$defs/id",
                    "x-ref": "actors",
                    "x-backlink": {"heading": "Sanctions on them", "order": 13},
                    "x-jsonld": {"property": "about"},
                },
                "imposed": {"$ref": "defs.schema.json#/$defs/date"},
                "sources": {"$ref": "defs.schema.json#/$defs/sources"},
            },
        }
    },
}
DATA = """\
# yaml-language-server: $schema=../../schemas/sanction.schema.json
- id: test-sanction
  title: A sanction added only by this test
  target: iran
  imposed: 2025-03
  sources: [article-lavrov-visit-tehran]
"""
TEMPLATE = """\
{% import "components.html" as c with context %}
<p class="test-sanction-template">Imposed on {{ ln.ref("actors", r.target) }}.</p>
{% include "sections.html" %}
"""


def add_collection(project: Path, schema: dict | None = None) -> None:
    """The steps of "Adding a collection": a schema file, a data folder, a macro call in a page."""
    (project / "schemas/sanction.schema.json").write_text(json.dumps(schema or SCHEMA, indent=2), encoding="utf-8")
    (project / "data/sanctions").mkdir()
    (project / "data/sanctions/test.yml").write_text(DATA, encoding="utf-8")
    about = project / "docs/about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\nSee {{ sanction("test-sanction") }}.\n', "utf-8")


def validate(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [sys.executable, "-m", "macros.validate"], capture_output=True, text=True, cwd=project, env=env
    )


# A field added to a built-in collection's schema, and a value for it: no template, no Python.
MOTTO_FIELD = {"$ref": "defs.schema.json#/$defs/line", "description": "A motto, added only by this test."}
MOTTO = "Diplomacy is <b>patience</b>"


def add_a_field_to_actors(project: Path) -> None:
    path = project / "schemas/actor.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"]["record"]["properties"]["motto"] = MOTTO_FIELD
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    data = project / "data/actors/people.yml"
    text = data.read_text(encoding="utf-8")
    at = text.index("- id: sergei-lavrov\n") + len("- id: sergei-lavrov\n")
    data.write_text(text[:at] + f"  motto: '{MOTTO}'\n" + text[at:], encoding="utf-8")


@pytest.fixture(scope="module")
def schema_only(tmp_path_factory):
    """One build of a project changed in schemas/ and data/ only: a new collection and a new actor field."""
    project = copy_project(tmp_path_factory.mktemp("schema-only") / "project")
    add_collection(project)
    add_a_field_to_actors(project)
    result = run_build(project, project.parent / "site")
    assert result.returncode == 0, result.output
    return result


def test_a_field_added_to_a_schema_reaches_the_record_page(schema_only):
    """The actor template knows nothing of `motto`: the page shows it after the template, labelled, escaped."""
    page = schema_only.page("actors/sergei-lavrov/")
    rows = {dt.get_text(): dt.find_next("dd") for dt in page.select(".tme-infobox--more dt")}
    assert list(rows)[-1] == "Motto"  # the schema's last field, after any other field the template leaves out
    assert rows["Motto"].get_text() == MOTTO and rows["Motto"].b is None
    assert page.select(".tme-infobox--more")[0].find_previous("div", class_="tme-record--actor")  # after the record
    assert page.select(".tme-infobox--more")[0].find_next("h2")  # before the back-link sections
    assert page.select(".tme-infobox--more")[0].find_parent("article")
    other = schema_only.page("actors/abbas-araghchi/")
    assert "Motto" not in [dt.get_text() for dt in other.select(".tme-infobox--more dt")]  # no value, no row
    rows = list(csv.DictReader((schema_only.site / "downloads/actors.csv").read_text("utf-8-sig").splitlines()))
    assert next(r for r in rows if r["id"] == "sergei-lavrov")["motto"] == MOTTO


def test_a_schema_and_a_data_folder_make_a_collection(schema_only):
    result = schema_only
    page = result.page("sanctions/test-sanction/")
    assert page.h1.get_text() == "A sanction added only by this test"
    box = {dt.get_text(): dt.find_next("dd") for dt in page.select(".tme-infobox dt")}
    assert box["Target"].a["href"] == "../../actors/iran/"
    assert box["Imposed"].time["datetime"] == "2025-03"
    assert "../../sources/article-lavrov-visit-tehran/" in {a["href"] for a in box["Sources"].select("a")}
    node = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert node["@type"] == "Legislation" and node["url"].endswith("sanctions/test-sanction/")
    assert [about["url"].rsplit("/", 2)[-2] for about in node["about"]] == ["iran"]

    index = result.page("sanctions/")
    assert index.h1.get_text() == "Sanctions"
    assert "test-sanction/" in {a["href"] for a in index.select("article a")}
    assert "Sanctions" in [a.get_text(strip=True) for a in result.page("").select("nav a")]

    iran = result.page("actors/iran/")
    heading = next(h for h in iran.select("h2") if h.get_text(strip=True).startswith("Sanctions on them"))
    assert heading.find_next("ul").a["href"] == "../../sanctions/test-sanction/"
    source = result.page("sources/article-lavrov-visit-tehran/")
    assert any(h.get_text(strip=True).startswith("Supports: sanctions") for h in source.select("h2"))

    rows = list(csv.DictReader((result.site / "downloads/sanctions.csv").read_text("utf-8-sig").splitlines()))
    assert rows == [
        {
            "id": "test-sanction",
            "title": "A sanction added only by this test",
            "target": "iran",
            "imposed": "2025-03",
            "sources": "article-lavrov-visit-tehran",
        }
    ]
    about = result.page("about/")
    assert "../sanctions/test-sanction/" in {a["href"] for a in about.select("article a")}
    assert "../../about/" in {a["href"] for a in page.select("article a")}  # mentioned in the narrative


def add_a_collection_with_its_own_template(project: Path) -> None:
    """The edit (tests/edited.py): the sanctions collection, and a template named after it."""
    add_collection(project)
    templates = project / TEMPLATES_DIR.relative_to(ROOT)
    (templates / "sanction.html").write_text(TEMPLATE, encoding="utf-8")


def test_a_template_named_after_the_collection_renders_its_records(edited):
    page = edited.page("sanctions/test-sanction/")
    assert page.select_one(".test-sanction-template a")["href"] == "../../actors/iran/"
    assert page.select(".tme-infobox") == page.select(".tme-infobox--more")  # no fact box of its own, but…
    assert [dt.get_text() for dt in page.select(".tme-infobox--more dt")] == ["Imposed", "Sources"]  # …what it omits


def test_contributing_describes_the_steps_this_test_takes():
    """CONTRIBUTING.md's "Adding a collection" shows the same x-collection keys and the same macro call as above."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text[text.index("## Adding a collection") :]
    section = section[: section.index("\n## ", 3)]
    block = section[section.index('"x-collection": {') : section.index("\n}\n")]
    block = re.sub(r"//.*", "", block)  # the comments
    assert set(re.findall(r'"([a-z_]+)":', block)) - {"x-collection"} == set(SCHEMA["x-collection"])
    for step in ("schemas/<singular>.schema.json", "data/<name>/", '{{ sanction("test-sanction") }}',
                 "overrides/templates/fragments/<singular>.html", "x-backlink", "x-ref"):  # fmt: skip
        assert step in section, step
    assert f"{TEMPLATES_DIR.relative_to(ROOT).as_posix()}/<singular>.html" in section
    assert '"Sanctions on them"' in section and "Sanctions on them" in json.dumps(SCHEMA)


def _without(schema: dict, *path: str) -> dict:
    copy = json.loads(json.dumps(schema))
    node = copy
    for part in path[:-1]:
        node = node[part]
    del node[path[-1]]
    return copy


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            _without(SCHEMA, "x-collection"),
            "schemas/sanction.schema.json:1:1: field 'x-collection': the schema has no x-collection block",
        ),
        (
            _without(SCHEMA, "$defs", "record", "properties", "target", "x-backlink"),
            "schemas/sanction.schema.json:{ref}:1: field 'target': this reference to actors names no back-link heading",
        ),
        (
            json.loads(json.dumps(SCHEMA).replace('"x-ref": "actors"', '"x-ref": "penalties"')),
            "schemas/sanction.schema.json:{ref}:1: field 'target': x-ref names 'penalties', which is not a collection",
        ),
        (
            json.loads(json.dumps(SCHEMA).replace('{"heading": "Sanctions on them", "order": 13}', '"Sanctions"')),
            "schemas/sanction.schema.json:1:1: a reference field's x-backlink, x-relation or x-jsonld is malformed",
        ),
        (
            json.loads(json.dumps(SCHEMA).replace('"order": 8', '"order": "8"')),
            "field 'x-collection': x-collection: order has the wrong type",
        ),
    ],
    ids=["no-x-collection", "no-backlink", "unknown-target", "malformed-backlink", "order-not-a-number"],
)
def test_a_missing_piece_is_a_located_message(project_copy, broken, expected):
    add_collection(project_copy, broken)
    lines = (project_copy / "schemas/sanction.schema.json").read_text(encoding="utf-8").splitlines()
    expected = expected.format(ref=next((n for n, line in enumerate(lines, 1) if '"x-ref"' in line), 0))
    checked = validate(project_copy)
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    assert expected in checked.stderr, checked.stderr


def test_a_data_folder_without_a_schema_says_how_to_add_one(project_copy):
    add_collection(project_copy)
    (project_copy / "schemas/sanction.schema.json").unlink()
    checked = validate(project_copy)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert "data/sanctions:1:1: this is not a collection folder" in checked.stderr
    assert "new collection needs schemas/<name>.schema.json with an x-collection block naming 'sanctions'" in (
        checked.stderr
    )


# --- Everything the schemas declare is used, and nothing outside the registry names a collection. ---


def test_every_reference_declares_where_it_shows_on_the_target():
    collections = registry()
    for info in collections:
        for spec in collections.refs(info.name):
            shown = spec.backlink or spec.no_backlink or collections[spec.target].backlinks_from_every_collection
            assert shown, (info.name, spec.field_name)
    assert [s.heading for s in collections.sections("events")] == ["Quotes"]


def test_every_relation_and_jsonld_property_a_schema_declares_is_drawn():
    from macros.render import overview, structured

    specs = [spec for info in registry() for spec in registry().refs(info.name)]
    relations = {spec.relation.kind for spec in specs if spec.relation}
    assert relations == {kind for kind, _, _ in overview.RELATION_KINDS}
    properties = {p for spec in specs if spec.jsonld for p in (spec.jsonld["property"], spec.jsonld.get("else")) if p}
    properties |= {says.property for info in registry() for says in registry().field_rules(info.name).jsonld}
    properties |= {prop for info in registry() for prop in info.jsonld}
    assert properties <= set(structured.PROPERTY_ORDER)
    named = [spec.jsonld[k] for spec in specs if spec.jsonld for k in ("types", "node_types") if k in spec.jsonld]
    assert {n for n in named if isinstance(n, str)} <= set(structured.TYPE_SETS)


def test_every_enum_label_is_used_by_a_template_or_phrase():
    """Each label table the schemas declare is read by the code (labels.py names each one it uses)."""
    from macros.render import labels

    collections = registry()
    declared = set()
    for info in collections:
        schema = collections.schemas[info.name]
        for path, node in walk_fields(schema.record, (), schema.shared):
            for kind in ("x-labels", "x-headings", "x-nouns"):
                if kind in node:
                    declared.add((info.name, ".".join(p for p in path if p != "*"), kind))
    used = {(c, f, k) for c, f, k in labels.FROM_SCHEMAS.values()}
    used |= {(c.name, c.schema_org_by, "x-labels") for c in collections if c.schema_org_by}  # search kinds
    assert declared == used


# What truly stays code names its collections; everything else reads collection names from the registry, and what
# differs per collection is declared in its schema (x-collection and the fields' x-… keys) or found by name (a
# collection's template, fact box `<template>_box`, list entry `<template>_item`, key facts `<template>_facts`).
COLLECTION_SPECIFIC = {
    "macros/render/overview.py": "the treaty comparison (a table of treaty clauses by topic) and the visit the "
    "timeline is placed against",
    "macros/render/prose.py": "the quote(), claim_card() and term() macros hand-written pages call by name",
    "macros/render/labels.py": "the label functions templates call (status_label…), each naming the schema field "
    "whose x-labels it reads",
    "macros/render/diagram.py": "the diagrams of ties (which records are drawn how)",
    "macros/render/maps.py": "places and the events at them (an event's kind and places)",
    "macros/render/ties.py": "who met whom: events' participants, treaties' signatories, quotes' speakers",
    "macros/render/cast.py": "the actors' camps (the cast list)",
    "macros/render/pages.py": "the actor pages' diagrams, laid out in one batch",
}
# A field name passed to a reference-following helper names a field, not a collection: `refs_of(r, "treaties")`.
FIELD_ARGUMENT = re.compile(
    r"""(refs_of|ln\.to|ln\.target|ln\.targets|field_sources|cited_row|getattr)\([^,()]+, ["'][a-z_.]+["']"""
)


def test_no_collection_name_is_written_outside_the_registry():
    names = registry().names()
    literal = re.compile("[\"'](" + "|".join(names) + ")[\"']")
    own = {f"{c.template}.html": c.name for c in registry()} | {f"{c.name}_index.html": c.name for c in registry()}
    offenders = []
    for path in sorted([*(ROOT / "macros").rglob("*.py"), *(ROOT / "overrides").rglob("*.html")]):
        rel = path.relative_to(ROOT).as_posix()
        if rel in COLLECTION_SPECIFIC or rel == "macros/core/collections.py":  # the registry itself
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for found in literal.findall(FIELD_ARGUMENT.sub("", line)):
                if own.get(path.name) != found:
                    offenders.append(f"{rel}:{number}: {found}")
    assert offenders == []
    assert all((ROOT / rel).exists() for rel in COLLECTION_SPECIFIC)  # the list names no file that has gone


def test_a_new_enum_value_without_its_words_is_a_located_message(project_copy):
    """A new actor kind once dropped silently out of the actors index (no heading) and was a KeyError in JSON-LD."""
    path = project_copy / "schemas/actor.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"]["record"]["properties"]["kind"]["enum"].append("envoy")
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    checked = validate(project_copy)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    lines = path.read_text(encoding="utf-8").splitlines()
    at = {
        k: next(n for n, line in enumerate(lines, 1) if f'"{k}"' in line) for k in ("schema_org_type", "index_groups")
    }
    at["x-labels"] = next(n for n, line in enumerate(lines, 1) if '"x-labels"' in line)  # kind's, the first
    for expected in (
        f"actor.schema.json:{at['schema_org_type']}:1: field 'x-collection': schema_org_type has no entry for envoy",
        f"actor.schema.json:{at['index_groups']}:1: field 'x-collection': index_groups has no entry for envoy",
        f"actor.schema.json:{at['x-labels']}:1: field 'kind': x-labels and the enum differ on envoy",
    ):
        assert expected in checked.stderr, checked.stderr
