"""One page per real thing: an abbreviation that names an actor or a treaty has no glossary twin; the hint entries
list glossary terms and those abbreviations; glossary and grouping pages spell out and source what they explain."""

from __future__ import annotations

from content_helpers import cited_ids, resolve, row, words

from macros.core import load_dataset
from macros.core.terms import resolve_term, term_entries

DATA = load_dataset()


def test_hint_entries_cover_glossary_terms_and_actor_and_treaty_abbreviations():
    entries = {e.term: e for e in term_entries(DATA.records)}
    for term in DATA.all("glossary"):
        assert entries[term.term].target == ("glossary", term.id)
    merged = {"E3": ("actors", "e3"), "ISNA": ("actors", "isna"), "JCPOA": ("treaties", "jcpoa")}
    for abbreviation, target in merged.items():
        assert entries[abbreviation].target == target
        record = DATA.get(*target)
        assert entries[abbreviation].hint == " ".join((record.expansion or record.name).split())
    assert resolve_term(DATA.records, "e3") == ("actors", "e3")
    assert resolve_term(DATA.records, "maximum-pressure") == ("glossary", "maximum-pressure")
    assert resolve_term(DATA.records, "no-such-term") is None


def test_no_two_pages_share_a_title(built):
    titles = {}
    for collection in ("actors", "treaties", "glossary"):
        for record in DATA.all(collection):
            title = words(built.page(f"{collection}/{record.id}/").select_one("article h1"))
            assert title not in titles, f"{collection}/{record.id} and {titles.get(title)} have the same title"
            titles[title] = f"{collection}/{record.id}"


def test_glossary_spells_out_every_acronym_it_explains(built):
    page = built.page("glossary/")
    for term in DATA.all("glossary"):
        entry = page.select_one(f"#{term.id}")
        if term.expansion:
            assert f"({' '.join(term.expansion.split())})" in words(entry.dt)
            assert words(row(built.page(f"glossary/{term.id}/"), "Stands for")).startswith(term.expansion)
    for collection in ("actors", "treaties"):
        for record in DATA.all(collection):
            if record.abbreviation and record.expansion:
                shown = words(row(built.page(f"{collection}/{record.id}/"), "Abbreviation"))
                assert shown == f"{record.abbreviation} — {' '.join(record.expansion.split())}"


def test_groupings_list_their_members_with_sources(built):
    for grouping_id in ("e3", "p5-plus-1"):
        grouping = DATA.get("actors", grouping_id)
        members = row(built.page(f"actors/{grouping_id}/"), "Members")
        hrefs = [resolve(f"actors/{grouping_id}/", a["href"]) for a in members.select("a.tme-ref")]
        assert hrefs == [f"actors/{m}/" for m in grouping.members]
        assert cited_ids(members) == list(grouping.citations.get("members", ()))
