"""The article's claims, checked: an index page and a page per claim, each with the article's words labelled as
theirs, the assessment in words, what the record shows and its sources; the page macros for claims and terms."""

from __future__ import annotations

import json
from pathlib import Path

from content_helpers import cited_ids, words

from macros.core import load_dataset
from macros.render.labels import ASSESSMENT_LABELS

from conftest import REVIEWED

DATA = load_dataset()
CLAIMS = DATA.all("claims")


def _check_card(card, claim) -> None:
    assert words(card.select_one(".tme-claim__words")) == f"“{' '.join(claim.claim.split())}”"
    labels = [words(p) for p in card.select(".tme-claim__label")]
    assert labels == ["The article says:", "What the record shows:"]
    assert words(card.select_one(".tme-claim__assessment")) == ASSESSMENT_LABELS[claim.assessment]
    assert words(card.select_one(".tme-claim__finding")).startswith(" ".join(claim.finding.split()))
    assert cited_ids(card.select_one(".tme-claim__finding")) == list(claim.sources)
    source = card.select_one(".tme-claim__source a")
    assert source["href"].endswith(f"sources/{claim.source}/")


def test_the_article_s_claims_have_an_index_page_in_the_navigation(built):
    assert len(CLAIMS) >= 5, "the article's checkable claims are recorded"
    page = built.page("claims/")
    assert words(page.select_one("article h1")) == "The article’s claims, checked"
    assert any(words(a) == "The article’s claims, checked" for a in page.select("nav.md-nav--primary a"))
    assert words(page.select_one(".tme-count")).startswith(f"{len(CLAIMS)} claims from the opinion article")
    cards = page.select("article.tme-claim")
    assert [c["id"] for c in cards] == [f"claim-{k.id}" for k in CLAIMS]
    for card, claim in zip(cards, CLAIMS, strict=True):
        _check_card(card, claim)


def test_each_claim_has_its_own_page_with_sources_and_subjects(built):
    for claim in CLAIMS:
        page = built.page(f"claims/{claim.id}/")
        assert words(page.select_one("article h1")) == claim.topic
        _check_card(page.select_one(f"#claim-{claim.id}"), claim)
        hrefs = {a["href"] for a in page.select("article a")}
        assert {f"../../treaties/{t}/" for t in claim.about_treaties} <= hrefs
        node = json.loads(page.find("script", type="application/ld+json").string)
        assert node["@type"] == "Claim" and node["text"] == claim.claim


def test_a_treaty_page_lists_the_claims_about_it(built):
    about = [k for k in CLAIMS if "russia-iran-treaty" in k.about_treaties]
    assert about
    page = built.page("treaties/russia-iran-treaty/")
    hrefs = {a["href"] for a in page.select("article ul.tme-list a")}
    assert {f"../../claims/{k.id}/" for k in about} <= hrefs


def add_a_page_calling_the_claim_and_term_macros(project: Path) -> None:
    """The edit (tests/edited.py): a page in the navigation calling claim(), term(), the(), fact() and claim_card(),
    and an event whose title starts with "The"."""
    claim = CLAIMS[0]
    (project / "docs" / "macros-check.md").write_text(
        REVIEWED + "# Macro check\n\n"
        f'{{{{ claim("{claim.id}") }}}}; {{{{ term("e3") }}}}; {{{{ term("jcpoa") }}}}; '
        f'{{{{ term("maximum-pressure") }}}}; before {{{{ the("events", "the-titled-event") }}}}; '
        'the {{ fact("treaties", "russia-iran-treaty", "term", form="attributive") }} treaty.\n\n'
        f'{{{{ claim_card("{claim.id}") }}}}\n',
        encoding="utf-8",
    )
    (project / "data" / "events" / "titled.yml").write_text(
        "- id: the-titled-event\n  title: The Emir of Qatar’s test visit\n  date: 2025-02-19\n"
        "  summary: A record whose title starts with The.\n  sources: [article-lavrov-visit-tehran]\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    home = "  - Home: index.md\n"
    nav = config.read_text(encoding="utf-8").replace(home, home + "  - Check: macros-check.md\n")
    config.write_text(nav, encoding="utf-8")


def test_page_macros_link_claims_and_resolve_merged_terms(edited):
    claim, result = CLAIMS[0], edited
    page = result.page("macros-check/")
    hrefs = [a["href"] for a in page.select("article p a.tme-ref")]
    assert hrefs[:4] == [
        f"../claims/{claim.id}/",
        "../actors/e3/",  # a term that is an actor resolves to the actor's page
        "../treaties/jcpoa/",
        "../glossary/maximum-pressure/",
    ]
    text = words(page.select_one("article p:not(.tme-currency)"))  # the first paragraph after the "Covers…" line
    assert "the 20-year treaty" in text
    assert "before the Emir of Qatar’s test visit;" in text
    assert words(page.select_one('article p a[href="../events/the-titled-event/"]')) == "Emir of Qatar’s test visit"
    assert page.select_one(f"#claim-{claim.id}") is not None
    e3 = result.page("actors/e3/")
    assert "../../macros-check/" in {a["href"] for a in e3.select("article a")}, "the term's mention is back-linked"
