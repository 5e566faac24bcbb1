"""How the explainer's views look and behave in headless Chromium at 390 px and 1280 px, light and dark:
quote cards, the treaty comparison, the timeline and its filter, the key-facts card."""

from __future__ import annotations

import pytest
from test_browser import server  # noqa: F401  (shared fixture: the built site over HTTP; `browser` is in conftest)

WIDTHS = (390, 1280)


@pytest.fixture
def open_page(browser, server):  # noqa: F811
    contexts = []

    def make(path: str, width: int, scheme: str = "light", javascript: bool = True):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + path, wait_until="networkidle")
        page.js_errors = errors
        return page

    yield make
    for context in contexts:
        context.close()


def _no_page_overflow(page) -> None:
    """Nothing makes the page itself scroll sideways."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


# --- Quote cards --------------------------------------------------------------------------------------------------

QUOTE_CARDS = """() => [...document.querySelectorAll('figure.tme-quote')].map(card => {
  const parts = [card, ...card.querySelectorAll('*')];
  const bars = parts.filter(e => {
    const s = getComputedStyle(e);
    return parseFloat(s.borderLeftWidth) > 0 || parseFloat(s.borderRightWidth) > 0;
  }).length;
  const aligns = [card, card.querySelector('blockquote'), card.querySelector('figcaption')]
    .map(e => getComputedStyle(e).textAlign);
  const column = card.parentElement.getBoundingClientRect();
  const pad = parseFloat(getComputedStyle(card.parentElement).paddingLeft)
    + parseFloat(getComputedStyle(card.parentElement).paddingRight);
  return {bars, aligns, width: card.getBoundingClientRect().width, column: column.width - pad,
          left: card.getBoundingClientRect().left - column.left};
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", "visit/"])
def test_quote_cards_have_one_bar_left_aligned_text_and_full_width(open_page, path, width, scheme):
    page = open_page(path, width, scheme)
    cards = page.evaluate(QUOTE_CARDS)
    assert cards
    for card in cards:
        assert card["bars"] == 1, card
        assert set(card["aligns"]) <= {"left", "start"}, card
        assert card["width"] >= card["column"] - 1, card  # short quotes neither shrink nor float
    _no_page_overflow(page)


def test_quote_card_names_the_speakers_office(open_page):
    page = open_page("visit/", 1280)
    caption = page.locator("#quote-araghchi-no-talks-under-pressure figcaption").inner_text()
    assert "Abbas Araghchi, Foreign Minister of Iran" in caption
    assert "Source:" in caption


# --- Treaty comparison --------------------------------------------------------------------------------------------

COMPARISON = """() => {
  const cells = [...document.querySelectorAll('table.tme-cmp td')];
  return {
    cells: cells.map(td => ({
      overflow: td.scrollWidth > td.clientWidth + 1,
      hyphens: getComputedStyle(td).hyphens,
      empty: td.querySelector('.tme-cmp__none') !== null,
      sourced: td.querySelector('.tme-refs a') !== null,
      label: td.dataset.treaty,
    })),
    rows: [...document.querySelectorAll('table.tme-cmp tbody th')].map(th => th.textContent.trim()),
    tableRight: document.querySelector('table.tme-cmp').getBoundingClientRect().right,
    articleRight: document.querySelector('article').getBoundingClientRect().right,
  };
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_comparison_fits_the_screen_and_every_cell_is_sourced(open_page, width):
    page = open_page("compare/", width)
    c = page.evaluate(COMPARISON)
    assert c["rows"] == [
        "Parties",
        "Signed",
        "Term",
        "In force",
        "Mutual defence",
        "Non-aid to an aggressor",
        "Sanctions clause",
        "Legal status",
    ]
    assert c["tableRight"] <= c["articleRight"] + 1
    for cell in c["cells"]:
        assert not cell["overflow"], cell
        assert cell["hyphens"] != "auto", cell  # no "agree-ment"
        assert cell["empty"] or cell["sourced"], cell
    assert any(cell["sourced"] for cell in c["cells"])
    _no_page_overflow(page)


def test_comparison_labels_each_entry_with_its_treaty_on_a_phone(open_page):
    page = open_page("compare/", 390)
    first = page.locator("table.tme-cmp td").first
    label = first.evaluate("td => getComputedStyle(td, '::before').content")
    assert first.get_attribute("data-treaty") in label


# --- Timeline -----------------------------------------------------------------------------------------------------


def _timeline_state(page) -> dict:
    return page.evaluate(
        """() => ({
      months: [...document.querySelectorAll('h2.tme-tl-month')].map(h => ({
        id: h.id, visible: h.offsetParent !== null,
        dates: [...h.nextElementSibling.querySelectorAll('.tme-timeline__date time')].map(t => t.dateTime),
        kinds: [...h.nextElementSibling.querySelectorAll('.tme-timeline__entry')].map(e => e.dataset.kind),
      })),
      visible: [...document.querySelectorAll('.tme-timeline__entry')].filter(e => e.offsetParent !== null)
        .map(e => e.dataset.kind),
      total: document.querySelectorAll('.tme-timeline__entry').length,
      filterVisible: document.querySelector('[data-tme-filter]').offsetParent !== null,
    })"""
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_groups_entries_by_month(open_page, width):
    page = open_page("timeline/", width)
    state = _timeline_state(page)
    assert len(state["months"]) >= 2
    for month in state["months"]:
        year, number = month["id"].split("-")
        assert month["dates"]
        for stamp in month["dates"]:
            assert stamp.startswith(year if number == "00" else f"{year}-{number}"), (month["id"], stamp)
            assert (len(stamp) == 4) == (number == "00")
    assert page.locator(".tme-timeline__entry--visit").count() == 1
    assert page.locator(".tme-timeline__visit-badge").inner_text().strip().lower() == "the visit"
    _no_page_overflow(page)


def test_timeline_filter_shows_and_hides_kinds(open_page):
    page = open_page("timeline/", 390)
    state = _timeline_state(page)
    assert state["filterVisible"]
    assert len(state["visible"]) == state["total"]
    button = page.locator('button[data-kind="quote"]')
    assert button.get_attribute("aria-pressed") == "true"
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    after = _timeline_state(page)
    assert "quote" not in after["visible"] and after["visible"]
    assert len(after["visible"]) == state["total"] - state["visible"].count("quote")
    for month in after["months"]:  # a month with only quotes loses its heading too
        assert month["visible"] == any(kind != "quote" for kind in month["kinds"]), month
    assert "Showing" in page.locator(".tme-tl-filter__status").inner_text()
    button.click()
    assert len(_timeline_state(page)["visible"]) == state["total"]
    assert page.js_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_timeline_filter_takes_its_place_before_the_script_runs(browser, server, width):  # noqa: F811
    """The filter is laid out from the first paint (the head's inline class), so nothing below it moves when the
    deferred script enables it (Lighthouse: no layout shift). Measured with that script blocked, then run."""

    def first_month_top(block_script: bool) -> float:
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            if block_script:
                context.route("**/assets/explainer.js", lambda route: route.abort())
            page = context.new_page()
            page.goto(server + "timeline/", wait_until="networkidle")
            assert page.evaluate("document.querySelector('[data-tme-filter]').offsetParent !== null")
            return page.evaluate("document.querySelector('h2.tme-tl-month').getBoundingClientRect().top")
        finally:
            context.close()

    assert first_month_top(block_script=True) == first_month_top(block_script=False)


def test_timeline_reads_fully_without_javascript(open_page):
    page = open_page("timeline/", 390, javascript=False)
    state = _timeline_state(page)
    assert not state["filterVisible"]  # no dead buttons
    assert len(state["visible"]) == state["total"] > 5
    assert all(m["visible"] for m in state["months"])


# --- Home page ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_home_page_title_shows_once_and_key_facts_come_first(open_page, width):
    page = open_page("", width)
    visible_h1 = page.evaluate(
        "[...document.querySelectorAll('article h1')].filter(h => h.getBoundingClientRect().height > 2).length"
    )
    assert visible_h1 == 0  # the header shows the site name; the H1 stays for screen readers
    assert page.locator("article h1").count() == 1
    # the first thing after the (hidden) title: how current the page is, then the key facts
    first = page.evaluate(
        "[...document.querySelector('article').querySelectorAll('p, aside, ul, figure')]"
        ".slice(0, 2).map(e => e.className)"
    )
    assert "tme-currency" in first[0] and "tme-facts" in first[1]
    facts = page.locator(".tme-facts").inner_text()
    for label in ("When", "Where", "Who", "What", "Sources"):
        assert label in facts
    assert page.locator(".tme-facts a[href*='sources/']").count() >= 1
    _no_page_overflow(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "relations/", "timeline/", "compare/"])
def test_axe_reports_no_violations_on_the_views(open_page, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(path, 390, scheme)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
