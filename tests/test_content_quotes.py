"""Quote provenance on the built site: the words exactly as printed, the language, the translation, where the words
were traced in plain words, and every rendering of the same remarks side by side, both ways round."""

from __future__ import annotations

import pytest
from content_helpers import language_name, resolve, row, words

from macros.core import load_dataset

DATA = load_dataset()
QUOTES = DATA.all("quotes")


def _group(quote_id: str) -> set[str]:
    """Ids of the quotes that render the same remarks as ``quote_id`` (including it), from the data."""
    edges = {(q.id, q.rendering_of) for q in QUOTES if q.rendering_of}
    group, todo = set(), [quote_id]
    while todo:
        current = todo.pop()
        if current in group:
            continue
        group.add(current)
        todo += [b for a, b in edges if a == current] + [a for a, b in edges if b == current]
    return group


@pytest.mark.parametrize("quote", QUOTES, ids=[q.id for q in QUOTES])
def test_quote_page_shows_words_language_translation_and_provenance(built, quote):
    page = built.page(f"quotes/{quote.id}/")
    card = page.select_one(f"#quote-{quote.id}")
    assert card.blockquote.get_text() == f"“{quote.text}”"
    if quote.language:
        assert card.blockquote["lang"] == quote.language
        assert words(row(page, "Language as printed")) == language_name(quote.language)
    caption = words(card.select_one(".tme-quote__caption"))
    if quote.translation:
        assert f"Translated from {language_name(quote.translation.from_)}" in caption
    provenance = words(card.select_one(".tme-quote__provenance"))
    assert provenance == words(row(page, "Where the words come from"))
    if quote.provenance == "traced":
        assert provenance.startswith("Traced to ")
    elif quote.provenance == "article-only":
        assert provenance.startswith("Wording as printed by the article; not found in any other outlet")
    else:
        assert provenance.startswith("The article attributes this to ")


def test_the_article_only_quotes_say_so_plainly_on_their_cards(built):
    only = [q for q in QUOTES if q.provenance == "article-only"]
    assert len(only) >= 3, "the article's untraced quotes are marked"
    for q in only:
        speaker_page = built.page(f"actors/{q.speaker}/")
        card = speaker_page.select_one(f"#quote-{q.id}")
        assert "not found in any other outlet" in words(card.select_one(".tme-quote__provenance"))


def test_a_different_attribution_shows_both_the_article_and_the_finding(built):
    q = DATA.get("quotes", "dedov-without-russia-and-china")
    assert q.provenance == "attributed-differently" and q.attributed_to == "isna"
    card = built.page(f"quotes/{q.id}/").select_one(f"#quote-{q.id}")
    text = words(card.select_one(".tme-quote__provenance"))
    assert text == "The article attributes this to ISNA; the research found it in a RIA Novosti interview"
    links = [resolve(f"quotes/{q.id}/", a["href"]) for a in card.select(".tme-quote__provenance a")]
    assert links == ["sources/article-lavrov-visit-tehran/", "actors/isna/", f"quotes/{q.rendering_of}/"]
    isna = built.page("actors/isna/")
    assert isna.select_one(f"#quote-{q.id}") is not None, "ISNA's page lists the words credited to it"


def test_a_traced_quote_names_the_outlet_it_was_traced_to(built):
    q = next(q for q in QUOTES if q.source.startswith("irna-") and q.provenance == "traced")
    text = words(built.page(f"quotes/{q.id}/").select_one(f"#quote-{q.id} .tme-quote__provenance"))
    assert text == "Traced to IRNA’s report"


@pytest.mark.parametrize("quote", [q for q in QUOTES if q.rendering_of], ids=lambda q: q.id)
def test_renderings_are_side_by_side_both_ways_and_listed_once(built, quote):
    group = _group(quote.id)
    assert len(group) >= 2
    for member in group:
        page = built.page(f"quotes/{member}/")
        side = page.select_one(".tme-renderings")
        assert side is not None, f"{member} shows its renderings"
        shown = [f["id"].removeprefix("quote-") for f in side.select("figure.tme-quote")]
        assert shown[0] == member, "this version comes first"
        assert sorted(shown) == sorted(group)
        all_cards = [f["id"] for f in page.select("article figure.tme-quote")]
        assert len(all_cards) == len(set(all_cards)), "no quote is listed twice on a page"


def test_no_quote_calls_the_article_an_editorial(built):
    for q in QUOTES:
        if q.source == "article-lavrov-visit-tehran":
            assert q.setting.kind != "editorial"
