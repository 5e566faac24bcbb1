"""How the explainer's views look and behave in headless Chromium at 390 px and 1280 px, light and dark:
the relations diagram, quote cards, the treaty comparison, the timeline and its filter, the key-facts card."""

from __future__ import annotations

import pytest
from test_browser import server  # noqa: F401  (shared fixture: the built site over HTTP; `browser` is in conftest)

from macros.core import load_dataset
from macros.render import overview, urls

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


# --- Relations diagram -------------------------------------------------------------------------------------------

DIAGRAM_GEOMETRY = """() => {
  const svg = document.querySelector('svg.tme-diagram__svg');
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const scroller = document.querySelector('.tme-diagram__scroll');
  const article = document.querySelector('article').getBoundingClientRect();
  const out = {scale, nodes: [], outside: [], clipped: [], fonts: []};
  for (const a of svg.querySelectorAll('a.tme-node')) {
    const rect = a.querySelector('rect').getBoundingClientRect();
    const text = a.querySelector('text').getBoundingClientRect();
    out.nodes.push({record: a.dataset.record, href: a.getAttribute('href')});
    if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5 || rect.top < box.top - 0.5
        || rect.bottom > box.bottom + 0.5) out.outside.push(a.dataset.record);
    if (text.left < rect.left || text.right > rect.right || text.top < rect.top || text.bottom > rect.bottom)
      out.clipped.push([a.dataset.record, text.width, rect.width]);
  }
  for (const t of svg.querySelectorAll('text, tspan')) {
    out.fonts.push(parseFloat(getComputedStyle(t).fontSize) * scale);
  }
  out.scrollerInside = scroller.getBoundingClientRect().right <= article.right + 1
    && scroller.getBoundingClientRect().left >= article.left - 1;
  out.svgInScroller = scroller.scrollWidth >= box.width - 1;
  return out;
}"""


def _expected_nodes() -> set[str]:
    graph = overview.relations(load_dataset())
    return {f"{r.collection}/{r.id}" for r in graph.nodes}


@pytest.mark.parametrize("width", WIDTHS)
def test_relations_diagram_is_legible_and_nothing_overflows(open_page, width):
    page = open_page("relations/", width)
    g = page.evaluate(DIAGRAM_GEOMETRY)
    assert g["outside"] == [], "nodes outside the diagram"
    assert g["clipped"] == [], "labels wider than their boxes"
    assert min(g["fonts"]) >= 12, f"smallest diagram text {min(g['fonts']):.1f} CSS px"
    assert g["scrollerInside"], "the diagram's box overflows the page column"
    assert g["svgInScroller"]
    _no_page_overflow(page)


def test_relations_diagram_has_every_related_record_and_links_each_to_its_page(open_page, server):  # noqa: F811
    page = open_page("relations/", 1280)
    nodes = page.evaluate(DIAGRAM_GEOMETRY)["nodes"]
    assert {n["record"] for n in nodes} == _expected_nodes()
    assert len(nodes) >= 15
    for n in nodes:
        collection, record_id = n["record"].split("/")
        url = page.evaluate("h => new URL(h, location.href).href", n["href"])
        assert url == server + urls.record_url(collection, record_id)
        assert page.request.get(url).status == 200, url
    legend = page.locator(".tme-legend").inner_text()
    for words in ("Person", "State", "Treaty", "Event", "Party to a treaty", "Took part in an event"):
        assert words in legend


def test_relations_lines_do_not_cross_unrelated_boxes(open_page):
    page = open_page("relations/", 1280)
    crossings = page.evaluate(
        """() => {
      const nodes = [...document.querySelectorAll('svg.tme-diagram__svg a.tme-node')].map(a => {
        const r = a.querySelector('rect');
        return {key: a.dataset.record, x: +r.getAttribute('x'), y: +r.getAttribute('y'),
                w: +r.getAttribute('width'), h: +r.getAttribute('height')};
      });
      const out = [];
      for (const path of document.querySelectorAll('svg.tme-diagram__svg path.tme-gedge')) {
        const ends = path.dataset.ends.split(' ');
        const length = path.getTotalLength();
        for (let at = 0; at <= length; at += 2) {
          const p = path.getPointAtLength(at);
          for (const n of nodes) {
            if (ends.includes(n.key)) continue;
            if (p.x > n.x + 1 && p.x < n.x + n.w - 1 && p.y > n.y + 1 && p.y < n.y + n.h - 1) {
              out.push(path.dataset.ends + ' crosses ' + n.key);
            }
          }
        }
      }
      return [...new Set(out)];
    }"""
    )
    assert page.locator("svg.tme-diagram__svg path.tme-gedge").count() > 10
    assert crossings == []


def test_relations_read_without_javascript(open_page):
    page = open_page("relations/", 390, javascript=False)
    assert page.locator("svg.tme-diagram__svg a.tme-node").count() == len(_expected_nodes())
    assert page.locator("svg.tme-diagram__svg").is_visible()
    assert page.locator(".tme-relations__list li").count() > 5


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
    first = page.evaluate("document.querySelector('article').querySelector('p, aside, ul, figure').className")
    assert "tme-facts" in first
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
