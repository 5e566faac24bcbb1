"""The story to the present (issue #20), as structure rather than wording: every record of 2026 is sourced, no office
outlives its holder, the actors an event concerns are not passed off as its participants, contacts are drawn only
between people who took part, traced quotes lead, and the treaty's status says how current it is."""

from __future__ import annotations

import re
from datetime import date

import pytest

from macros.core import load_dataset
from macros.core.dates import PartialDate
from macros.render import ties

from conftest import ROOT

DATA = load_dataset()
YEAR_2026 = PartialDate(2026)


def _in_2026(record) -> bool:
    return record.date.earliest() >= YEAR_2026.earliest()


def test_every_record_of_2026_is_sourced_by_pages_a_reader_can_open():
    dated = [e for e in DATA.all("events") if _in_2026(e)] + [q for q in DATA.all("quotes") if _in_2026(q)]
    assert len(dated) > 50  # the record reaches into 2026
    for record in dated:
        cited = list(getattr(record, "sources", ())) or [record.source]
        assert cited, record.id
        for source_id in cited:
            source = DATA.get("sources", source_id)
            assert source.url.startswith("https://") and source.outlet and source.title, source_id
            assert source.published or source.date_note, source_id  # a date, or why it is unknown


def test_no_office_outlives_its_holder():
    died = [a for a in DATA.all("actors") if a.died]
    assert {"ali-khamenei", "ali-larijani"} <= {a.id for a in died}
    for actor in died:
        for role in actor.roles:
            assert role.end is not None, (actor.id, role.office)  # a dead person's every office has ended
            assert role.end.earliest() <= actor.died.latest(), (actor.id, role.office)
    # and a successor holds the office in their own record
    successor = DATA.get("actors", "mojtaba-khamenei")
    assert any(r.office == "Supreme Leader" and r.start and not r.end for r in successor.roles)


def test_an_office_held_past_its_holders_death_is_a_located_message(tmp_path):
    """In-process here; tests/bad_data/72-… checks the same message from the validator and the build."""
    import shutil

    from macros.core import DataErrors

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    case = ROOT / "tests/bad_data/72-office-outlives-its-holder"
    shutil.copy(case / "data/actors/bad.yml", data / "actors/bad.yml")
    with pytest.raises(DataErrors) as raised:
        load_dataset(data, root=tmp_path)
    assert raised.value.format().strip() == (case / "expected.txt").read_text(encoding="utf-8").strip()


def test_the_actors_a_call_concerns_are_not_its_participants(built):
    """Iran was discussed in the Putin–Trump calls, not on the line: it is what they were about."""
    calls = [e for e in DATA.all("events") if e.kind == "call" and "putin-trump" in e.id]
    assert len(calls) >= 4
    for call in calls:
        assert "iran" not in call.participants and "iran" in call.about_actors, call.id
    iran = built.page("actors/iran/")
    heading = next(h for h in iran.select("article h2") if h.get_text().startswith("Events about them"))
    listed = set()
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        listed |= {a["href"].strip("./").split("/")[-1] for a in sibling.select("a[href*='events/']")}
    assert {c.id for c in calls} <= listed


def test_contacts_are_drawn_only_between_people_who_took_part():
    graph = ties.focused(DATA, "Contacts", camp="russia", kinds=ties.MEETING_KINDS, since=PartialDate(2025, 3, 1))
    assert graph.kind == "contacts" and len(graph.nodes) <= ties.MAX_NODES
    assert all(r.kind == "person" for r in graph.nodes)
    for tie in graph.ties:
        assert tie.via, tie.ends
        for event in tie.via:
            assert tie.a.id in event.participants and tie.b.id in event.participants, (tie.ends, event.id)
            assert event.kind in ties.MEETING_KINDS
    # the months of 2026 are on it, not only 2025
    assert any(e.date.earliest() >= YEAR_2026.earliest() for t in graph.ties for e in t.via)


def test_the_what_next_diagram_lists_every_tie_it_draws(built):
    figure = built.page("what-next/").select("figure.tme-ties")[-1]
    drawn = {p["data-tie"] for p in figure.select("path[data-tie]")}
    listed = {li["data-tie"] for li in figure.select("li[data-tie]")}
    assert drawn == listed and drawn


def _quote_sections(page):
    for heading in page.select("article h2"):
        if heading.get_text().startswith("Quotes"):
            cards = []
            for sibling in heading.find_next_siblings():
                if sibling.name == "h2":
                    break
                cards += sibling.select("figure.tme-quote") if sibling.name != "figure" else [sibling]
            yield heading.get_text(), cards


@pytest.mark.parametrize("actor", ["alexey-dedov", "abbas-araghchi", "russia", "iran"])
def test_traced_quotes_come_first_on_record_pages(built, actor):
    for heading, cards in _quote_sections(built.page(f"actors/{actor}/")):
        traced = ["tme-quote--traced" in c["class"] for c in cards]
        assert traced == sorted(traced, reverse=True), (actor, heading)


def test_a_lead_with_declaration_naming_no_enum_is_a_located_message(tmp_path):
    import shutil

    from macros.core import DataErrors
    from macros.core.collections import registry

    schemas = tmp_path / "schemas"
    shutil.copytree(ROOT / "schemas", schemas)
    path = schemas / "quote.schema.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"values": [\n        "traced"', '"values": [\n        "invented"'),
        encoding="utf-8",
    )
    with pytest.raises(DataErrors) as raised:
        registry(schemas, tmp_path)
    message = raised.value.format()
    assert re.search(r"quote\.schema\.json:\d+:\d+: .*lead_with does not name an enum field", message), message


def test_home_and_narratives_say_how_current_they_are(built):
    for url in ("", "visit/", "treaty/", "grand-bargain/", "what-next/"):
        line = built.page(url).select_one("p.tme-currency")
        times = [t["datetime"] for t in line.select("time")]
        assert len(times) == 2, url  # covers events up to …, last reviewed …
        assert times[0] >= "2026-06", url  # the record reaches late June 2026 on every narrative
        assert date.fromisoformat(times[1]).isoformat() > times[0], url  # reviewed after the newest event it shows
