"""Bounded list pages: the timeline, the record indexes and the relations list split into parts above a threshold.

A generated project of 110 actors (1 100 quotes, 11 sources each supporting about a hundred records) is big enough
for the real thresholds to split the timeline by year, the quotes and sources indexes into pages; the real site,
far smaller, keeps one page per list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from bench.generate import generate
from macros.core import load_dataset
from macros.render import paging

from conftest import run_build, static_server

SPLIT_N = 110
MAX_PAGE_BYTES = 1_000_000  # the budget of #13: no HTML page above 1 MB at any N
LISTS = {"timeline/": "Timeline", "quotes/": "Quotes", "sources/": "Sources", "actors/": "Actors"}


# --- The pure functions -------------------------------------------------------------------------------------------


def test_runs_keep_order_and_never_exceed_the_limit():
    items = list(range(25))
    assert paging.runs(items, 10) == [items[:10], items[10:20], items[20:]]
    weighted = paging.runs([1, 5, 5, 1, 12, 2], 10, weight=lambda w: w)
    assert weighted == [[1, 5], [5, 1], [12], [2]]  # an item heavier than the limit runs alone
    assert paging.runs([], 10) == [[]]


def test_paged_puts_the_first_part_at_the_list_url_and_labels_positions():
    parts = paging.paged(list("abcdefg"), 3)
    assert [p.path for p in parts] == ["", "page/2/", "page/3/"]
    assert [p.label for p in parts] == ["1–3", "4–6", "7"]
    assert [x for p in parts for x in p.items] == list("abcdefg")
    assert [p.path for p in paging.paged(list("ab"), 3)] == [""]  # fits: one part, as before


@dataclass(frozen=True)
class _Month:
    year: int
    month: int
    entries: tuple


def test_timeline_splits_by_year_then_month_then_page():
    months = [_Month(2019, 1, tuple(range(3))), _Month(2019, 2, tuple(range(2))), _Month(2020, 0, tuple(range(2)))]
    months += [_Month(2021, 3, tuple(range(4))), _Month(2021, 4, tuple(range(9)))]
    assert paging.by_date(months, 100) == [paging.Part("", "", tuple(months))]
    parts = paging.by_date(months, 5)
    assert [p.path for p in parts] == ["", "2020/", "2021/03/", "2021/04/", "2021/04/page/2/"]
    assert [p.label for p in parts] == ["2019", "2020", "March 2021", "April 2021, part 1", "April 2021, part 2"]
    assert all(sum(len(m.entries) for m in p.items) <= 5 for p in parts)
    assert [e for p in parts for m in p.items for e in m.entries] == [e for m in months for e in m.entries]
    year_only = paging.by_date([_Month(2020, 0, tuple(range(6))), _Month(2020, 5, (1,))], 5)
    assert [p.path for p in year_only] == ["", "2020/month-not-given/page/2/", "2020/05/"]  # first at the list URL


def test_navigation_links_are_relative_and_mark_the_current_part():
    parts = paging.paged(list("abcdefg"), 3)
    nav = paging.navigation("Quotes", "quotes/", parts, 1)
    assert [str(link.href) for link in nav.links] == ["../../", "./", "../3/"]
    assert [link.current for link in nav.links] == [False, True, False]
    assert nav.previous.label == "1–3" and nav.next.label == "7"
    assert not paging.navigation("Quotes", "quotes/", parts[:1], 0).split


# --- The built site ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    project = generate(SPLIT_N, tmp_path_factory.mktemp("paging") / "project")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.output
    return result, load_dataset(root=project)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _parts(site: Path, list_url: str) -> dict[str, BeautifulSoup]:
    """Every part of a list, by site-relative URL, found by following its navigation from the first part."""
    first = _soup(site / list_url / "index.html")
    nav = first.select_one("nav.tme-parts:not(.tme-parts--steps)")
    if nav is None:
        return {list_url: first}
    found = {}
    for a in nav.select("a"):
        url = urlparse(urljoin("http://x/" + list_url, a["href"])).path.lstrip("/")
        assert (site / url / "index.html").is_file(), (list_url, a["href"])
        found[url] = _soup(site / url / "index.html")
    return found


def test_long_lists_are_split_into_parts_below_the_size_bound(split_site):
    result, _ = split_site
    site = result.site
    timeline = _parts(site, "timeline/")
    assert len(timeline) > 5 and all(re.fullmatch(r"timeline/(\d{4}/)?", u) for u in timeline)
    assert len(_parts(site, "quotes/")) >= 2 and "quotes/page/2/" in _parts(site, "quotes/")
    assert len(_parts(site, "sources/")) >= 2  # weighted by the records each source supports
    assert len(_parts(site, "actors/")) == 1  # 110 actors fit in one page
    for url in [*timeline, *_parts(site, "quotes/"), *_parts(site, "sources/")]:
        assert (site / url / "index.html").stat().st_size < MAX_PAGE_BYTES, url
    for url, page in timeline.items():
        assert len(page.select("li.tme-timeline__entry")) <= paging.MAX_TIMELINE_ENTRIES, url


def test_every_record_is_reachable_from_the_parts(split_site):
    result, data = split_site
    timeline = _parts(result.site, "timeline/")
    on_timeline = [li["data-record"] for page in timeline.values() for li in page.select("li.tme-timeline__entry")]
    expected = len(data.all("quotes")) + len(data.all("events")) + sum(len(t.status) for t in data.all("treaties"))
    assert len(on_timeline) == expected  # each entry once, across the parts
    assert {r for r in on_timeline if r.startswith("quotes/")} == {f"quotes/{q.id}" for q in data.all("quotes")}
    for collection in ("quotes", "sources", "actors"):
        linked = set()
        for url, page in _parts(result.site, f"{collection}/").items():
            for a in page.select("article a[href]"):
                target = urlparse(urljoin("http://x/" + url, a["href"])).path.strip("/").split("/")
                if len(target) == 2 and target[0] == collection:
                    linked.add(target[1])
        assert linked >= {r.id for r in data.all(collection)}, collection


def test_part_navigation_works_without_javascript(split_site):
    result, _ = split_site
    for list_url, name in (("timeline/", "Timeline"), ("quotes/", "Quotes"), ("sources/", "Sources")):
        parts = _parts(result.site, list_url)
        urls = list(parts)
        for position, (url, page) in enumerate(parts.items()):
            navs = page.select("nav.tme-parts")
            assert [n["aria-label"] for n in navs] == [f"{name}: parts", f"{name}: previous and next part"]
            current = navs[0].select('a[aria-current="page"]')
            assert len(current) == 1
            assert urlparse(urljoin("http://x/" + url, current[0]["href"])).path == "/" + url
            steps = {a["rel"][0]: urlparse(urljoin("http://x/" + url, a["href"])).path for a in navs[1].select("a")}
            assert steps.get("prev") == ("/" + urls[position - 1] if position else None)
            assert steps.get("next") == ("/" + urls[position + 1] if position + 1 < len(urls) else None)
            assert not page.select("script[src*='paging']")  # plain links, nothing to run


def test_parts_are_in_the_sitemap_and_search_but_only_the_first_in_the_site_navigation(split_site):
    result, _ = split_site
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    for url in [*_parts(result.site, "timeline/"), *_parts(result.site, "quotes/")]:
        assert f"/{url}</loc>" in sitemap, url
    page = result.page("quotes/page/2/")
    assert page.select_one("[data-pagefind-body]") is not None
    nav_links = {a["href"] for a in page.select(".md-nav--primary a.md-nav__link[href]")}
    assert "../../" in nav_links and not any("page/" in h for h in nav_links)
    assert page.select_one("h1").get_text(strip=True).startswith("Quotes, ")


def test_the_sources_summary_links_to_the_part_holding_each_outlet(split_site):
    result, _ = split_site
    first = result.page("sources/")
    for a in first.select(".tme-source-kinds a"):
        outlet = a["href"].split("#", 1)[1]
        assert first.select_one(f"#{outlet}") is not None  # the outlet's first sources are on the first part
    assert result.page("sources/page/2/").select_one(".tme-source-kinds") is None


def test_the_real_site_keeps_one_page_per_list(built):
    for list_url in ("timeline/", "relations/", *(f"{c}/" for c in ("actors", "quotes", "sources", "glossary"))):
        page = built.page(list_url)
        assert page.select("nav.tme-parts") == [], list_url
        folders = [p for p in (built.site / list_url).glob("*/*/index.html") if p.parent.parent.name == "page"]
        assert folders == [], list_url
    assert not any(p.name.isdigit() for p in (built.site / "timeline").iterdir())


# --- In Chromium ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def split_server(split_site):
    result, _ = split_site
    with static_server(result.site) as address:
        yield address


def test_the_timeline_filter_works_on_a_part_and_its_links_lead_on(browser, split_server):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(split_server + "timeline/2018/")
    entries = page.locator("li.tme-timeline__entry")
    total = entries.count()
    quotes = page.locator("li.tme-timeline__entry[data-kind='quote']").count()
    assert 0 < quotes < total
    button = page.locator('button[data-kind="quote"]')
    assert button.is_visible()
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    visible = page.evaluate("[...document.querySelectorAll('li.tme-timeline__entry')].filter(e => !e.hidden).length")
    assert visible == total - quotes
    page.locator("nav.tme-parts--steps a[rel='next']").click()
    page.wait_for_url("**/timeline/2019/")
    assert page.locator("nav.tme-parts a[aria-current='page']").inner_text() == "2019"
    assert errors == []
    page.close()


# --- The real data with lowered thresholds (in-process) ------------------------------------------------------------


def test_lowered_thresholds_split_the_real_data_and_lose_nothing():
    from macros.render.pages import PageRenderer
    from macros.render.project import prepare

    root = Path(__file__).resolve().parents[1]
    site = prepare(root, root / "docs").site
    renderer = PageRenderer(site, paging.Limits(timeline_entries=20, index_weight=30))
    pages = {p.src: p for p in renderer.pages()}

    relations = [p for src, p in pages.items() if src.startswith("relations")]
    assert relations[0].src == "relations.md" and len(relations) > 1 and all(p.part for p in relations[1:])
    bodies = [BeautifulSoup(p.render(), "html.parser") for p in relations]
    assert bodies[0].select_one("svg.tme-diagram__svg") is not None  # the diagram stays on the first part
    assert all(b.select_one("svg.tme-diagram__svg") is None for b in bodies[1:])
    listed = [li for b in bodies for li in b.select("ul.tme-relations__list > li")]
    assert len(listed) == len(renderer.relations_view["graph"].statements())

    timeline = [p for src, p in pages.items() if src.startswith("timeline")]
    assert len(timeline) > 2 and not timeline[0].part and all(p.part and not p.in_nav for p in timeline[1:])
    entries = [li for p in timeline for li in BeautifulSoup(p.render(), "html.parser").select("li[data-record]")]
    assert len(entries) == len(renderer.timeline_parts[0].entries)
    assert all(len(p.render().split('class="tme-timeline__entry ')) - 1 <= 20 for p in timeline)
