"""Generated copy reads well for every count and name: the helpers, and the phrases on the built site."""

from __future__ import annotations

import re

import pytest

from macros.core import load_dataset
from macros.core.collections import registry
from macros.render import wording

DATA = load_dataset()


@pytest.mark.parametrize(
    ("n", "collection", "expected"),
    [
        (1, "sources", "1 source"),
        (2, "sources", "2 sources"),
        (0, "sources", "0 sources"),
        (1, "glossary", "1 glossary term"),
        (7, "glossary", "7 glossary terms"),
        (1, "treaties", "1 treaty"),
        (5, "treaties", "5 treaties"),
        (1, "claims", "1 claim"),
        (3, "claims", "3 claims"),
    ],
)
def test_counts_agree_with_their_noun(n, collection, expected):
    assert wording.count_records(n, collection) == expected


def test_every_collection_has_a_singular_and_a_plural_noun():
    for info in registry().collections:
        assert wording.count_records(1, info.name) != wording.count_records(2, info.name).replace("2", "1")


@pytest.mark.parametrize(
    ("name", "start", "expected"),
    [
        ("The Emir of Qatar", False, "the Emir of Qatar"),
        ("The Emir of Qatar", True, "The Emir of Qatar"),
        ("Emir of Qatar", False, "the Emir of Qatar"),
        ("the Kremlin", False, "the Kremlin"),
        ("Lavrov–Araghchi press conference", False, "the Lavrov–Araghchi press conference"),
        ("Lavrov’s visit to Tehran", False, "Lavrov’s visit to Tehran"),  # a possessive takes no article
        ("Theodore's plan", False, "Theodore's plan"),
        ("Thessaloniki summit", False, "the Thessaloniki summit"),  # "The" only as a whole word
    ],
)
def test_definite_never_doubles_an_article(name, start, expected):
    assert wording.definite(name, start=start) == expected


@pytest.mark.parametrize(
    ("duration", "expected"),
    [
        ("20 years", "20-year"),
        ("1 year", "1-year"),
        ("25 years", "25-year"),
        ("ten years", "ten-year"),
        ("20 years, then five-year renewals", "20-year, then five-year renewals"),
        ("until further notice", "until further notice"),
    ],
)
def test_attributive_durations(duration, expected):
    assert wording.attributive(duration) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("RIA Novosti interview", "a RIA Novosti interview"),
        ("interview", "an interview"),
        ("ISNA interview", "an ISNA interview"),
        ("MFA statement", "an MFA statement"),
        ("TASS report", "a TASS report"),
        ("university paper", "a university paper"),
    ],
)
def test_indefinite_article(phrase, expected):
    assert wording.indefinite(phrase) == expected


def test_possessive_and_lists():
    assert wording.possessive("IRNA") == "IRNA’s"
    assert wording.possessive("Reuters") == "Reuters’"
    assert wording.possessive("the Guardian") == "the Guardian’s"
    assert wording.join([]) == ""
    assert wording.join(["A"]) == "A"
    assert wording.join(["A", "B"]) == "A and B"
    assert wording.join(["A", "B", "C"]) == "A, B and C"


@pytest.mark.parametrize("collection", [c.name for c in registry().collections])
def test_index_pages_count_in_words(built, collection):
    text = " ".join(built.page(f"{collection}/").select_one(".tme-count").get_text().split())
    n = len(DATA.all(collection))
    assert text.startswith(wording.count_records(n, collection)), text


def test_no_ungrammatical_generated_phrase_anywhere(built, built_pages):
    bad = re.compile(
        r"\b1 (sources|quotes|actors|treaties|events|claims|glossary terms|outlets|articles|renderings)\b"
        r"|\b\d+ glossary\.|\bthe The\b|\bthe \d+ years\b"
        r"|press conference at (the )?[^.]*press conference|\bwith the (RIA|ISNA|IRNA|TASS|Khabar)"
    )
    found = []
    pages = [html.relative_to(built.site).as_posix() for html in built.site.rglob("index.html")]
    for page in pages:
        text = built_pages[page].text
        for match in bad.finditer(text):
            found.append(f"{page}: …{text[max(0, match.start() - 40) : match.end() + 20]}…")
    assert not found, "\n".join(found[:20])


def test_a_quote_at_a_press_conference_names_it_once(built):
    quotes = [q for q in DATA.all("quotes") if q.setting.kind == "press-conference" and q.setting.event]
    assert quotes, "the data has quotes from a press conference with an event record"
    for q in quotes:
        event = DATA.get("events", q.setting.event)
        setting = built.page(f"quotes/{q.id}/").select_one(f"#quote-{q.id} .tme-quote__setting")
        words = " ".join(setting.get_text(" ").split())
        if "press conference" in event.title:
            assert words.count("press conference") == 1, words
            assert words.startswith("at "), words


def test_no_record_is_listed_twice_on_its_referrers_page(built):
    """An outlet's own words are also words it published: each quote appears once on the outlet's page."""
    for actor in DATA.all("actors"):
        page = built.page(f"actors/{actor.id}/")
        cards = [f["id"] for f in page.select("article figure.tme-quote")]
        assert len(cards) == len(set(cards)), f"{actor.id}: {cards}"
        items = [a["href"] for a in page.select("article ul.tme-list > li > a:first-child")]
        assert len(items) == len(set(items)), f"{actor.id}: {items}"
