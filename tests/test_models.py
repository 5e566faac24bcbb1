"""Records are built from their schema alone (macros/core/models.py), what differs per collection is declared there
(macros/core/collections.py, fieldrules.py), and a record page shows every field its template leaves out
(macros/render/generic.py). No MkDocs: the data and render layers, directly."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.core import DataErrors, load_dataset
from macros.core.collections import registry
from macros.core.dates import PartialDate
from macros.core.models import Entry, Record
from macros.render.generic import TrackedRecord
from macros.render.linker import SiteContext
from macros.render.pages import PageRenderer
from macros.render.templates import TEMPLATES_DIR, environment

from conftest import ROOT

DATA = load_dataset()


def test_a_record_is_typed_from_its_schema():
    treaty = (
        registry()
        .model("treaties")
        .build(
            {
                "id": "a-treaty",
                "name": "A Treaty on Things",
                "short_name": "Things treaty",
                "summary": "A treaty.",
                "sources": ["s1"],
                "aliases": ["The Pact", {"name": "the deal", "informal": True}],
                "signed": {"date": "2025-01-17", "place": "Moscow"},
                "status": [{"status": "signed", "date": 2025, "sources": ["s1"]}],
                "citations": {"term": ["s2"]},
            }
        )
    )
    assert isinstance(treaty, Record) and treaty.collection == "treaties"
    assert [f.name for f in dataclasses.fields(treaty)] == list(
        registry().schemas["treaties"].record["properties"]
    )  # one attribute per field, in the schema's order
    assert treaty.signed.date == PartialDate(2025, 1, 17) and isinstance(treaty.signed, Entry)
    assert treaty.status[0].date == PartialDate(2025)  # a date as YAML reads a bare year
    assert [(a.name, a.informal) for a in treaty.aliases] == [("The Pact", False), ("the deal", True)]  # text → entry
    assert treaty.sources == ("s1",) and treaty.citations == {"term": ("s2",)}
    assert treaty.parties == () and treaty.term is None and treaty.compare is False  # left out: empty, or the default
    assert (treaty.title, treaty.short_title) == ("A Treaty on Things", "Things treaty")
    assert treaty.sort_key[:2] == (False, PartialDate(2025, 1, 17))  # x-collection.sort_date: signed.date
    with pytest.raises(dataclasses.FrozenInstanceError):
        treaty.name = "changed"  # type: ignore[misc]


def test_declared_titles_keywords_and_sort_keys():
    quote = next(q for q in DATA.all("quotes") if q.translation)
    assert quote.translation.from_ in ("fa", "ru")  # `from`, a Python keyword, read with an underscore
    long = next(q for q in DATA.all("quotes") if len(q.text.split()) > 9)
    assert long.title == " ".join(long.text.split()[:9]).rstrip(".,;:…") + "…"  # x-collection.title_words: 9
    actor = DATA.get("actors", "sergei-lavrov")
    assert actor.title == actor.name == actor.short_title and actor.sort_key[0] is True  # no date: alphabetical


def _schemas(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    return tmp_path / "schemas"


def _edit(folder: Path, name: str, change) -> None:
    path = folder / f"{name}.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema, schema["x-collection"], schema["$defs"]["record"]["properties"])
    path.write_text(json.dumps(schema, indent=2, ensure_ascii=False), encoding="utf-8")


def _problems(folder: Path) -> str:
    with pytest.raises(DataErrors) as caught:
        registry(folder, folder.parent)
    return caught.value.format()


def test_a_date_format_field_is_a_date_and_a_record_reads_every_field(tmp_path):
    folder = _schemas(tmp_path)
    _edit(folder, "event", lambda s, x, p: p.update(reported={"type": "string", "format": "date"}))
    event = (
        registry(folder, tmp_path)
        .model("events")
        .build({"id": "e", "title": "E", "date": "2025-02", "summary": "S", "sources": ["s"], "reported": "2025-02-26"})
    )
    assert event.reported == PartialDate(2025, 2, 26) and event.end_date is None and event.participants == ()


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        (
            "quote",
            lambda s, x, p: x.update(title_words="nine"),
            "field 'x-collection': x-collection: title_words is not a whole number above 0",
        ),
        (
            "treaty",
            lambda s, x, p: x.update(sort_date="signed.place"),
            "field 'x-collection': x-collection: sort_date is not a date field",
        ),
        (
            "event",
            lambda s, x, p: x["timeline"].pop("label"),
            "field 'x-collection': x-collection: timeline needs a kind, a label, an order and a date field",
        ),
        (
            "actor",
            lambda s, x, p: x.update(terms={"field": "acronym", "hint": ["name"]}),
            "field 'x-collection': x-collection: terms names fields the record lacks",
        ),
        (
            "claim",
            lambda s, x, p: x.update(description="{verdict}"),
            "x-collection: description names something that is not a field of the record",
        ),
        (
            "event",
            lambda s, x, p: p["end_date"]["x-not-before"].update(field="place"),
            "field 'end_date': x-not-before names 'place', which is not a date field of the same object",
        ),
        (
            "event",
            lambda s, x, p: p["summary"].update({"x-not-before": {"field": "date", "message": "m"}}),
            "field 'summary': x-not-before is declared on a field that is not a date",
        ),
        (
            "quote",
            lambda s, x, p: p["attributed_to"]["x-when"].update(field="origin"),
            "field 'attributed_to': x-when must name a sibling field",
        ),
        (
            "treaty",
            lambda s, x, p: p.update(collection={"type": "string"}),
            "field 'collection': the field name 'collection' cannot be read as an attribute of a record",
        ),
        (
            "actor",
            lambda s, x, p: p.update({"birth-place": {"type": "string"}}),
            "field 'birth-place': the field name 'birth-place' cannot be read as an attribute of a record",
        ),
    ],
    ids=[
        "title-words",
        "sort-date",
        "timeline",
        "terms",
        "description",
        "not-before-target",
        "not-before-on-text",
        "when-sibling",
        "reserved-name",
        "not-an-identifier",
    ],
)
def test_an_inconsistent_declaration_is_a_located_message(tmp_path, name, change, expected):
    folder = _schemas(tmp_path)
    _edit(folder, name, change)
    report = _problems(folder)
    assert f"schemas/{name}.schema.json:" in report and expected in report, report
    line = int(report.split(f"schemas/{name}.schema.json:")[1].split(":")[0])
    assert line > 1  # the line of the declaration, not the top of the file


def test_the_rules_between_fields_are_the_schemas(tmp_path):
    """x-not-before, x-when and references to the record's own collection: checked for any collection."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data/quotes/dedov.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "rendering_of: dedov-ria-without-russia-and-china", "rendering_of: dedov-without-russia-and-china"
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_dataset(tmp_path / "data", ROOT / "schemas", root=tmp_path)
    assert "field 'rendering_of': a quote cannot refer to itself in 'rendering_of'" in caught.value.format()
    assert "fix:      name another quote's id" in caught.value.format()


# --- A record page shows what its template does not. ---


def _renderer() -> PageRenderer:
    return PageRenderer(SiteContext(DATA))


def test_a_tracked_record_reads_as_the_record_and_notes_what_is_read():
    actor = DATA.get("actors", "sergei-lavrov")
    tracked = TrackedRecord(actor)
    assert (tracked.name, tracked.collection, tracked.title) == (actor.name, "actors", actor.title)
    assert getattr(tracked, "no_such_field", "absent") == "absent"
    assert {"name", "collection", "title"} <= tracked._tme_read
    with pytest.raises(AttributeError):
        tracked.name = "changed"


# Filled fields of the real data that the built-in templates do not show, so their pages list them after the template
# in the generic rows. Each says what should show it; remove the entry when a template does (the test says so).
LEFT_TO_THE_GENERIC_ROWS: dict[tuple[str, str], str] = {}  # every filled field of the real data has its template


def test_the_fields_built_in_templates_leave_to_the_generic_rows():
    """Which filled fields of the real data reach their pages only through the generic rows: exactly those listed
    above, so a field a template stops showing, or starts showing, is a decision someone writes down."""
    renderer = _renderer()
    left = set()
    for info in DATA.collections:
        for record in DATA.all(info.name):
            page = BeautifulSoup(renderer.record_body(record), "html.parser")
            for box in page.select(".tme-infobox--more"):
                labels = {dt.get_text() for dt in box.select(":scope > .tme-infobox__row > dt")}
                left |= {(info.name, name) for name in registry().schemas[info.name].record["properties"]
                         if name.replace("_", " ").capitalize() in labels}  # fmt: skip
    assert left == set(LEFT_TO_THE_GENERIC_ROWS)


def test_a_template_without_the_shared_sections_still_shows_what_it_omits(tmp_path):
    folder = tmp_path / "fragments"
    shutil.copytree(TEMPLATES_DIR, folder)
    (folder / "bare.html").write_text('<p class="bare">{{ r.name }}</p>\n', encoding="utf-8")
    renderer = _renderer()
    renderer.env = environment(folder)
    renderer.template_for["actors"] = "bare.html"
    page = BeautifulSoup(renderer.record_body(DATA.get("actors", "sergei-lavrov")), "html.parser")
    assert page.select_one(".bare").get_text() == "Sergei Lavrov"
    shown = [dt.get_text() for dt in page.select(".tme-infobox--more dt")]
    assert shown[:4] == ["Kind", "Aliases", "Native names", "Affiliation"]  # in the schema's order…
    assert "Name" not in shown and shown[-2:] == ["Summary", "Sources"]  # …but not the name: the page's title
    names = page.select_one(".tme-infobox--more dt:-soup-contains('Native names')").find_next("dd")
    assert names.select_one("span[lang=ru]").get_text() == "Сергей Лавров"  # x-language: marked up in its language
    roles = page.select_one(".tme-infobox--more dt:-soup-contains('Roles')").find_next("dd")
    assert roles.select("ul li") and "Office: Foreign Minister" in roles.get_text()  # entries, field by field
    assert roles.select_one("a")["href"] == "../russia/"  # references as links
