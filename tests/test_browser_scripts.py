"""Persian and Russian on the built site, in Chromium: quote cards with their originals side by side (one above the
other on a phone), right to left where Persian, in the system's fonts with no font downloaded, readable at 390 and
1280 px in light and dark, and passing axe; actors' names in both scripts."""

from __future__ import annotations

import pytest

from conftest import CHROMIUM, static_server

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")

PERSIAN_QUOTE = "quotes/araghchi-no-talks-under-pressure/"  # beside another rendering, with a Persian original
RUSSIAN_QUOTE = "quotes/putin-unprovoked-aggression/"  # alone, with a Russian original
ACTOR = "actors/abbas-araghchi/"  # names in Russian and Persian
PERSIAN_SOURCE = "sources/khabirnews-4954432/"  # a source titled in Persian


@pytest.fixture(scope="module")
def server(built):
    with static_server(built.site) as address:
        yield address


@pytest.fixture
def open_page(browser, server):
    contexts = []

    def open_(path: str, width: int = 1280, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        page.fetched = []
        page.on("request", lambda r: page.fetched.append(r.url))
        page.goto(server + path, wait_until="networkidle")
        return page

    yield open_
    for context in contexts:
        context.close()


BOXES = """els => els.map(e => {
    const r = e.getBoundingClientRect();
    return {x: r.x, y: r.y, right: r.right, width: r.width};
})"""


def test_a_lone_card_shows_the_original_beside_its_translation_on_a_wide_screen(open_page):
    page = open_page(RUSSIAN_QUOTE, 1280)
    printed, original = page.eval_on_selector_all(f"#quote-{RUSSIAN_QUOTE.split('/')[1]} .tme-quote__version", BOXES)
    assert original["x"] > printed["right"] and abs(original["y"] - printed["y"]) < 2


@pytest.mark.parametrize("path", [RUSSIAN_QUOTE, PERSIAN_QUOTE])
def test_on_a_phone_the_original_is_below_its_translation_and_nothing_overflows(open_page, path):
    page = open_page(path, 390)
    printed, original = page.eval_on_selector_all(f"#quote-{path.split('/')[1]} .tme-quote__version", BOXES)
    assert original["y"] > printed["y"] and abs(original["x"] - printed["x"]) < 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_persian_reads_right_to_left_in_a_font_the_system_has_and_no_font_is_downloaded(open_page):
    page = open_page(PERSIAN_QUOTE, 390, "dark")
    style = page.eval_on_selector(
        ".tme-quote__original[lang=fa]",
        "e => { const s = getComputedStyle(e); return [s.direction, s.textAlign, s.fontFamily]; }",
    )
    assert style[0] == "rtl" and style[1] in ("start", "right")
    assert "Noto Sans Arabic" in style[2] and "Tahoma" in style[2]
    # The Persian title of the original's source, inside an English sentence, is isolated and reads right to left.
    link = page.eval_on_selector(
        ".tme-quote__original-source a[lang=fa]", "e => [e.getAttribute('dir'), getComputedStyle(e).unicodeBidi]"
    )
    assert link == ["auto", "isolate"]
    assert not [u for u in page.fetched if u.split("?")[0].endswith((".woff", ".woff2", ".ttf", ".otf"))]


def test_an_actors_names_in_russian_and_persian_are_under_the_heading_in_their_languages(open_page):
    page = open_page(ACTOR, 390)
    names = page.eval_on_selector_all(
        ".tme-native-names bdi", "els => els.map(e => [e.lang, e.dir, getComputedStyle(e).direction])"
    )
    assert ["ru", "", "ltr"] in names and ["fa", "rtl", "rtl"] in names
    heading, line = page.eval_on_selector_all("article h1, .tme-native-names", BOXES)
    assert line["y"] > heading["y"]


def test_a_persian_title_heads_its_page_right_to_left(open_page):
    page = open_page(PERSIAN_SOURCE, 1280)
    heading = page.eval_on_selector("article h1", "e => [getComputedStyle(e).unicodeBidi, e.textContent]")
    assert heading[0] == "plaintext" and any("\u0600" <= ch <= "\u06ff" for ch in heading[1])


@pytest.mark.parametrize(
    ("path", "width", "scheme"),
    [
        (PERSIAN_QUOTE, 390, "light"),
        (PERSIAN_QUOTE, 390, "dark"),
        (PERSIAN_QUOTE, 1280, "light"),
        (PERSIAN_QUOTE, 1280, "dark"),
        (RUSSIAN_QUOTE, 390, "dark"),
        (RUSSIAN_QUOTE, 1280, "light"),
        (ACTOR, 390, "light"),
        (ACTOR, 1280, "dark"),
        (PERSIAN_SOURCE, 390, "dark"),
    ],
)
def test_axe_reports_no_violations_on_pages_in_two_scripts(open_page, path, width, scheme):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(open_page(path, width, scheme))
    assert results.violations_count == 0, results.generate_report()
