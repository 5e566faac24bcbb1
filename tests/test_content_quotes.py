"""Quote provenance on the built site: the words exactly as printed, the language, the translation, where the words
were traced in plain words, and every rendering of the same remarks side by side, both ways round."""

from __future__ import annotations

import itertools
import re

import pytest
from content_helpers import language_name, resolve, row, words
from markupsafe import Markup

from macros.core import load_dataset
from macros.render.phrases import isolated

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
    opening, closing = ("«", "»") if quote.language in ("ru", "fa") else ("“", "”")
    assert card.blockquote.get_text() == f"{opening}{quote.text}{closing}"
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


ORIGINALS = [q for q in QUOTES if q.original]


@pytest.mark.parametrize("quote", ORIGINALS, ids=[q.id for q in ORIGINALS])
def test_a_quote_with_its_original_shows_both_labelled_with_language_translator_and_source(built, quote):
    """The printed words and the original side by side, each labelled; the original in its language and direction,
    its own source named on the card, and what is known of it on the quote's page. On the speaker's page too."""
    source = DATA.get("sources", quote.original.source)
    for url in (f"quotes/{quote.id}/", f"actors/{quote.speaker}/"):
        page = built.page(url)
        card = page.select_one(f"#quote-{quote.id}")
        printed, original = card.select(".tme-quote__version")
        assert original.blockquote["lang"] == quote.original.language
        assert original.blockquote.get("dir") == ("rtl" if quote.original.language == "fa" else None)
        assert original.blockquote.get_text() == f"«{quote.original.text}»"  # as printed, numerals and all
        assert original.blockquote["cite"] == source.url
        assert words(original.select_one(".tme-quote__label")) == f"Original {language_name(quote.original.language)}"
        label = words(printed.select_one(".tme-quote__label"))
        by = quote.translation.by if quote.translation else ""
        assert label == (
            f"English, translated by {by}" if by and by != "not stated" else "English, translator not stated"
        )
        line = card.select_one(".tme-quote__original-source")
        assert words(line).startswith(f"Original {language_name(quote.original.language)}: {source.title}")
        assert resolve(url, line.a["href"]) == f"sources/{source.id}/"
        assert not card.select(".tme-quote__no-original")
    page = built.page(f"quotes/{quote.id}/")
    assert words(row(page, "Original words printed by")).startswith(source.title)
    if quote.original.note:
        # The note is followed by the sources it cites (citations: original.note), if any.
        # As a browser shows it: words in another script are isolated in inline elements that add no space.
        shown = " ".join(row(page, "About the original").get_text().split())
        assert shown.startswith(" ".join(quote.original.note.split()))


NOT_FOUND = [q for q in QUOTES if q.translation and not q.original]


@pytest.mark.parametrize("quote", NOT_FOUND, ids=[q.id for q in NOT_FOUND])
def test_a_translated_quote_without_its_original_says_it_was_not_found(built, quote):
    sentence = f"The original {language_name(quote.translation.from_)} words were not found."
    page = built.page(f"quotes/{quote.id}/")
    card = page.select_one(f"#quote-{quote.id}")
    assert words(card.select_one(".tme-quote__no-original")) == sentence
    assert words(row(page, "Original words")) == sentence
    assert not card.select(".tme-quote__version")


def test_an_original_in_persian_and_one_in_russian_are_on_the_site():
    assert {q.original.language for q in ORIGINALS} >= {"fa", "ru"}
    assert NOT_FOUND


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


RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
WITH_RTL_IN_NOTES = [
    q
    for q in QUOTES
    if any(RTL_LETTER.search(n or "") for n in (q.provenance_note, q.date_note, q.original and q.original.note))
]


def test_some_notes_quote_persian_words_in_an_english_line():
    assert WITH_RTL_IN_NOTES


@pytest.mark.parametrize("quote", WITH_RTL_IN_NOTES, ids=[q.id for q in WITH_RTL_IN_NOTES])
def test_persian_words_in_a_notes_english_line_are_isolated_so_their_quotation_marks_stay_around_them(built, quote):
    page = built.page(f"quotes/{quote.id}/")
    for cell in page.select("article dl.tme-infobox dd"):
        for node in cell.find_all(string=RTL_LETTER):
            # Each right-to-left letter is in an element that sets or finds its own direction.
            inside = itertools.takewhile(lambda p, cell=cell: p is not cell, node.parents)
            assert any(p.name == "bdi" or p.has_attr("dir") for p in inside), str(cell)


def test_isolating_right_to_left_words_escapes_first_and_never_splits_an_entity():
    shown = str(isolated('quote: «آقای لاوروف.» <b>"x"</b> & می‌گوید_'))
    assert shown == ("quote: «<bdi>آقای لاوروف.</bdi>» &lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp; <bdi>می‌گوید</bdi>&#95;")
    assert str(isolated("English only <i>")) == "English only &lt;i&gt;"
    assert str(isolated(Markup('<a href="/x">عراقچی</a>'))) == '<a href="/x">عراقچی</a>'  # built markup as it is
