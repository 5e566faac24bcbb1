"""Statement-level citations on the built site: each status step, provision, role, signing, other date and cited
field carries links to the sources that support it, named in full for screen readers; the record-level list stays."""

from __future__ import annotations

import pytest
from content_helpers import cited_ids, expected_label, row, words

from macros.core import load_dataset

DATA = load_dataset()
FACT_COLLECTIONS = ("actors", "treaties", "events", "glossary", "claims")


def test_every_status_step_cites_its_sources_and_the_other_dates_theirs(built):
    steps = 0
    for treaty in DATA.all("treaties"):
        items = built.page(f"treaties/{treaty.id}/").select("ol.tme-status > li")
        assert len(items) == len(treaty.status)
        for entry, item in zip(treaty.status, items, strict=True):
            other = [i for o in entry.other_dates for i in o.sources]
            assert cited_ids(item) == [*entry.sources, *other], words(item)
            steps += 1
    assert steps >= 10, "the treaties' status histories are recorded step by step"


def test_every_provision_cites_its_sources(built):
    for treaty in DATA.all("treaties"):
        provisions = built.page(f"treaties/{treaty.id}/").select(".tme-provisions .tme-provision")
        assert len(provisions) == len(treaty.provisions)
        for provision, shown in zip(treaty.provisions, provisions, strict=True):
            assert cited_ids(shown.dd) == list(provision.sources)


def test_every_role_held_cites_its_sources(built):
    roles = 0
    for actor in DATA.all("actors"):
        if not actor.roles:
            continue
        items = built.page(f"actors/{actor.id}/").select("ul.tme-roles > li")
        assert len(items) == len(actor.roles)
        for role, item in zip(actor.roles, items, strict=True):
            assert role.sources and cited_ids(item) == list(role.sources)
            roles += 1
    assert roles >= 10


def test_signing_and_cited_fields_show_their_sources(built):
    checked = 0
    for treaty in DATA.all("treaties"):
        page = built.page(f"treaties/{treaty.id}/")
        if treaty.signed and treaty.signed.sources:
            assert cited_ids(row(page, "Signed")) == list(treaty.citations.get("signed") or treaty.signed.sources)
            checked += 1
    for event in DATA.all("events"):
        page = built.page(f"events/{event.id}/")
        # an event's date and place carry their own citation; the record's sources are listed once, not after each
        assert cited_ids(row(page, "Date")) == list(event.citations.get("date", ()))
        if event.place:
            assert cited_ids(row(page, "Place")) == list(event.citations.get("place", ()))
        assert cited_ids(row(page, "Sources")) == [] and len(row(page, "Sources").select("a")) == len(event.sources)
        if event.other_dates:
            other = row(page, "Other dates reported")
            assert cited_ids(other) == [i for o in event.other_dates for i in o.sources]
        if "participants" in event.citations:
            assert cited_ids(row(page, "Participants")) == list(event.citations["participants"])
        checked += 1
    assert checked >= 20, "signings and event dates/places are cited at statement level"


SOURCE_ROWS = {"note": "Note", "date_note": "About the date"}
CITING_SOURCES = [s for s in DATA.all("sources") if s.citations]


def test_some_sources_cite_other_sources_for_what_their_notes_say():
    assert CITING_SOURCES


@pytest.mark.parametrize("source", CITING_SOURCES, ids=[s.id for s in CITING_SOURCES])
def test_a_source_notes_citations_follow_the_note_on_its_page(built, source):
    page = built.page(f"sources/{source.id}/")
    for field, cited in source.citations.items():
        assert cited_ids(row(page, SOURCE_ROWS[field])) == list(cited)


def test_citations_are_named_in_full_for_screen_readers(built):
    treaty = DATA.get("treaties", "russia-iran-treaty")
    page = built.page("treaties/russia-iran-treaty/")
    first = page.select_one("ol.tme-status > li")
    links = first.select("a.tme-cite-ref")
    assert [a["aria-label"] for a in links] == [expected_label(DATA, i) for i in treaty.status[0].sources]
    for a in links:
        # the visible text is part of the accessible name (WCAG 2.5.3)
        assert words(a).split(",")[0] in a["aria-label"]


def test_a_source_without_a_date_says_date_unknown_wherever_it_is_cited(built):
    undated = [s for s in DATA.all("sources") if s.published is None]
    assert undated, "the seed article has no known date"
    for source in undated:
        page = built.page(f"sources/{source.id}/")
        assert words(row(page, "Published")) == "date unknown"
        if source.date_note:
            assert words(row(page, "About the date")) == " ".join(source.date_note.split())
    quote = next(q for q in DATA.all("quotes") if q.source == "article-lavrov-visit-tehran")
    caption = built.page(f"quotes/{quote.id}/").select_one(f"#quote-{quote.id} .tme-quote__source")
    assert "date unknown" in words(caption)


@pytest.mark.parametrize("collection", FACT_COLLECTIONS)
def test_every_fact_record_keeps_its_record_level_sources_list(built, collection):
    for record in DATA.all(collection):
        sources = row(built.page(f"{collection}/{record.id}/"), "Sources")
        assert sources is not None, f"{collection}/{record.id}"
        hrefs = [a["href"] for a in sources.select("a")]
        assert hrefs == [f"../../sources/{i}/" for i in record.sources]
