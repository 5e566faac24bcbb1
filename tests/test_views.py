"""The diagrams of ties, timeline, comparison and key facts in the built HTML, and what Graphviz is (not) given."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from macros.core import load_dataset
from macros.core.dates import PartialDate
from macros.render import diagram, facts, overview, ties

from conftest import run_build

DATA = load_dataset()
HOSTILE = '<script>alert(1)</script>"]; n0 -> n1 [label="x&y'


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_dot_source_carries_no_data_text():
    data = load_dataset()
    graph = ties.actor_ties(data, data.get("actors", "sergei-lavrov"))
    sizes = [(100.0, 30.0) for _ in graph.nodes]
    source = diagram.tie_source(graph, sizes)
    body = source.split("\n", 4)[4]  # after the fixed graph, node and edge defaults
    line = r"n\d+ \[width=[\d.]+, height=[\d.]+\];|\{rank=same;( n\d+;)+\}|n\d+ -> n\d+ \[(style=invis|weight=2)\];"
    assert re.fullmatch(rf"(({line})\n)*}}\n", body), body[:300]


def test_every_actor_diagram_is_laid_out_by_one_dot_run(monkeypatch):
    data = load_dataset()
    runs = []
    real = diagram.run_dot
    monkeypatch.setattr(diagram, "run_dot", lambda source: runs.append(source) or real(source))
    diagram.forget_layouts()
    graphs = [g for a in data.all("actors") if (g := ties.actor_ties(data, a)) is not None]
    assert diagram.prime(graphs) == len({diagram.tie_source(g, diagram._tie_parts(g)[1]) for g in graphs}) > 10
    for graph in graphs:
        drawn = diagram.layout_ties(graph)
        assert {n.record.id for n in drawn.nodes} == {r.id for r in graph.nodes}
        assert len(graph.nodes) <= ties.MAX_NODES
    assert len(runs) == 1


def give_araghchi_a_hostile_name(project: Path) -> None:
    """The edit (tests/edited.py): markup and Graphviz syntax in the name of an actor Lavrov's diagram draws."""
    _replace(project / "data" / "actors" / "people.yml", "name: Abbas Araghchi", f"name: '{HOSTILE}'")


def test_hostile_names_reach_the_diagram_escaped(edited):
    figure = edited.page("actors/sergei-lavrov/").select_one("figure.tme-ties")
    assert figure.find("script") is None
    node = figure.select_one('g[data-record="actors/abbas-araghchi"]')
    assert HOSTILE.replace(" ", "") in "".join(t.get_text() for t in node.select("tspan")).replace(" ", "")


def test_a_build_without_graphviz_stops_with_a_located_message(project_copy, monkeypatch, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert "diagrams of ties" in result.output and "Graphviz" in result.output
    assert "sudo apt-get install graphviz" in result.output and "brew install graphviz" in result.output
    assert "Traceback" not in result.output
    assert not (project_copy / "site" / "index.html").exists()


def add_events_before_and_after_the_visit(project: Path) -> None:
    """The edit (tests/edited.py): two events, one before the visit and one after it."""
    cited = DATA.get("events", overview.VISIT_EVENT_ID).sources[0]
    records = "".join(
        f"- id: test-{name}\n  title: Test event {name}\n  date: {date}\n  summary: A test event.\n"
        f"  sources: [{cited}]\n"
        for name, date in (("before", "2024-06-01"), ("after", "2025-06-30"))
    )
    (project / "data" / "events" / "zz-test.yml").write_text(records, encoding="utf-8")


def test_timeline_places_entries_before_and_after_the_visit_from_the_data(edited):
    visit = DATA.get("events", overview.VISIT_EVENT_ID)  # the edits leave its date as it was
    page = edited.page("timeline/")
    phases = {f"tme-timeline__entry--{p}": p for p in ("before", "visit", "during", "after")}
    phase = {
        li["data-record"]: next(phases[c] for c in li["class"] if c in phases)
        for li in page.select("li.tme-timeline__entry")
    }
    assert phase[f"events/{overview.VISIT_EVENT_ID}"] == "visit"
    assert phase["events/test-before"] == "before"
    assert phase["events/test-after"] == "after"
    months = [h.get_text(strip=True).rstrip("¶") for h in page.select("h2.tme-tl-month")]
    assert "June 2024" in months and "June 2025" in months
    assert months.index("June 2024") < months.index(PartialDate(visit.date.year, visit.date.month).display)


def test_comparison_rows_read_contract_fields_defensively():
    src = ("s1",)
    treaty = SimpleNamespace(
        sources=("record",),
        citations={"term": ("t1",)},
        provisions=(
            SimpleNamespace(topic="mutual-defence", absent=True, sources=src, summary="No clause", title="x"),
            SimpleNamespace(topic="security", sources=(), summary="", title="y"),
        ),
        status=(
            SimpleNamespace(status="signed", date=PartialDate(2025, 1, 17), sources=src),
            SimpleNamespace(status="in-force", date=PartialDate(2025, 10, 2), sources=src),
        ),
    )
    assert [facts.is_absent(p) for p in facts.provisions_on(treaty, "mutual-defence")] == [True]
    assert facts.is_absent(treaty.provisions[1]) is False  # records without `absent` read as a clause
    assert facts.field_sources(treaty, "term") == ("t1",)
    assert facts.field_sources(treaty, "parties") == ("record",)
    assert facts.field_sources(treaty, "status", src) == src
    assert [s.status for s in facts.in_force(treaty)] == ["in-force"]
    assert facts.latest_status(treaty).status == "in-force"


def test_speaker_role_is_the_office_held_on_the_date():
    old = SimpleNamespace(office="Deputy", of="a", start=PartialDate(2000), end=PartialDate(2010))
    new = SimpleNamespace(office="Minister", of="a", start=PartialDate(2011), end=None)
    actor = SimpleNamespace(roles=(old, new))
    assert facts.role_at(actor, PartialDate(2025, 2, 25)).office == "Minister"
    assert facts.role_at(actor, PartialDate(2005)).office == "Deputy"
    assert facts.role_at(SimpleNamespace(roles=()), PartialDate(2025)) is None


def test_key_facts_card_on_the_home_page(built):
    card = built.page("").select_one("aside.tme-facts")
    assert card["data-record"] == "events/lavrov-visit-tehran"
    labels = [dt.get_text() for dt in card.select("dt")]
    assert labels[:4] == ["When", "Where", "Who", "What"] and labels[-1] == "Sources"
    assert card.select_one("time")["datetime"].startswith("2025-02")
    assert card.select('a[href^="sources/"]')


def test_comparison_page_has_the_contract_rows_with_sources(built):
    page = built.page("compare/")
    rows = [th.get_text() for th in page.select("table.tme-cmp tbody th")]
    assert rows[0] == "Parties" and rows[-1] == "Legal status" and len(rows) == 8
    parties = page.select_one("tr.tme-cmp__row--parties td")
    assert parties.select("a.tme-ref") and parties.select_one(".tme-refs a")["href"].startswith("../sources/")


def put_key_facts_on_the_treaty_page(project: Path) -> None:
    """The edit (tests/edited.py): the treaty page calls key_facts() for the treaty."""
    page_md = project / "docs" / "treaty.md"
    _replace(page_md, "# The treaty\n", '# The treaty\n\n{{ key_facts("treaties", "russia-iran-treaty") }}\n')


def test_key_facts_card_for_a_treaty(edited):
    card = edited.page("treaty/").select_one("aside.tme-facts")
    rows = {
        dt.get_text(): dd.get_text(" ", strip=True) for dt, dd in zip(card.select("dt"), card.select("dd"), strict=True)
    }
    treaty = DATA.get("treaties", "russia-iran-treaty")  # the edits change only its signing place
    assert rows["When"].startswith(f"Signed {treaty.signed.date.display}")
    assert "Russia" in rows["Who"] and "Iran" in rows["Who"]
    assert "Treaty" in rows["What"] and treaty.term in rows["What"] and "legally binding" in rows["What"]
    assert facts.latest_status(treaty).date.display in rows["Status"]
    assert card.select('dd a[href^="../sources/"]')
