"""Actors' names in other languages and scripts (``native_names``) on the built site: under the page's heading and in
the fact box, each in its language and direction, cited, and among the names search ranks first."""

from __future__ import annotations

import pytest
from content_helpers import cited_ids, language_name, row, words

from macros.core import load_dataset
from macros.render.phrases import native_names_label
from macros.search.tokens import words as search_words

DATA = load_dataset()
NAMED = [a for a in DATA.all("actors") if a.native_names]


def test_the_data_has_names_in_russian_and_in_persian():
    assert {n.language for a in NAMED for n in a.native_names} >= {"ru", "fa"}


@pytest.mark.parametrize("actor", NAMED, ids=[a.id for a in NAMED])
def test_an_actors_native_names_are_shown_in_their_languages_cited_and_searchable(built, actor):
    page = built.page(f"actors/{actor.id}/")
    expected = [(n.name, n.language, "rtl" if n.language == "fa" else None) for n in actor.native_names]
    line = page.select_one("article .tme-native-names")
    assert [(b.get_text(), b["lang"], b.get("dir")) for b in line.select("bdi")] == expected
    assert line.has_attr("data-search-ignore")  # counted once, in the fact box
    cell = row(page, native_names_label(actor.native_names))
    assert [(b.get_text(), b["lang"], b.get("dir")) for b in cell.select("bdi")] == expected
    if len({n.language for n in actor.native_names}) > 1:
        assert all(f"{language_name(n.language)}:" in words(cell) for n in actor.native_names)
    cited = actor.citations.get("native_names")
    assert cited_ids(cell) == list(cited or [])
    names = set(page.select_one("article dl.tme-infobox")["data-search-names"].split())
    assert {w for n in actor.native_names for w in search_words(n.name) if len(w) > 1} <= names


def test_the_label_names_the_languages():
    lavrov, rudenko = DATA.get("actors", "sergei-lavrov"), DATA.get("actors", "andrei-rudenko")
    assert native_names_label(rudenko.native_names[:1]) == "Name in Russian"
    both = [next(n for n in lavrov.native_names if n.language == code) for code in ("ru", "fa")]
    assert native_names_label(both) == "Names in Russian and Persian"
