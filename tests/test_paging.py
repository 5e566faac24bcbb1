"""Bounded list pages: the timeline, the record indexes, the cast list and a record page's back-link sections
split into parts above a threshold.

A generated project of 110 actors (1 100 quotes, 11 sources each supporting about a hundred records) is big enough
for the real thresholds to split the timeline by year, the quotes and sources indexes into pages; every quote is also
made to be about one treaty (HUB), whose page would otherwise show 1 100 quote cards. The real site, far smaller,
keeps one page per list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from bench.generate import dump, generate
from macros.core import load_dataset
from macros.render import paging

from conftest import ROOT, run_build, static_server

SPLIT_N = 110
MAX_PAGE_BYTES = 1_000_000  # the budget of #13: no HTML page above 1 MB at any N
HUB = ("treaties", "treaty-000000")
HUB_SECTION = "Quotes about this treaty"
HUB_LIST = "treaties/treaty-000000/quotes-about-this-treaty/"  # the section's whole list, below the record's URL
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
    _make_every_quote_about_the_hub(project / "data")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.output
    return result, load_dataset(root=project)


def _make_every_quote_about_the_hub(data: Path) -> None:
    for path in (data / "quotes").glob("*.yml"):
        quotes = yaml.safe_load(path.read_text(encoding="utf-8"))
        for q in quotes:
            q["about_treaties"] = list(dict.fromkeys([*q.get("about_treaties", []), HUB[1]]))
        dump(path, "quote", quotes)


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
    lists = [("timeline/", "Timeline"), ("quotes/", "Quotes"), ("sources/", "Sources")]
    for list_url, name in [*lists, (HUB_LIST, HUB_SECTION)]:
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
    assert page.select_one("[data-search-body]") is not None
    index = result.site / "searchindex" / "docs"
    indexed = {row[0] for chunk in index.iterdir() for row in json.loads(chunk.read_text(encoding="utf-8"))}
    assert {*_parts(result.site, "timeline/"), *_parts(result.site, "quotes/")} <= indexed
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


def _href_path(page_url: str, href: str) -> str:
    return urlparse(urljoin("http://x/" + page_url, href)).path.lstrip("/")


def _section_cards(page: BeautifulSoup, heading: str) -> list[str]:
    h2 = next(h for h in page.select("article h2") if h.find(string=True, recursive=False) == heading)
    return [f["data-record"] for f in h2.find_next_sibling("div").select("figure.tme-quote")]


def test_a_long_back_link_section_shows_its_start_and_links_to_every_entry_in_parts(split_site):
    result, data = split_site
    about = {f"quotes/{q.id}" for q in data.all("quotes") if HUB[1] in q.about_treaties}
    assert len(about) == len(data.all("quotes")) == 10 * SPLIT_N
    record_url = f"{HUB[0]}/{HUB[1]}/"
    page = result.page(record_url)
    shown = _section_cards(page, HUB_SECTION)
    assert len(shown) == paging.MAX_BACKLINK_WEIGHT // paging.CARD_WEIGHT and set(shown) < about
    more = page.select_one("p.tme-more")
    assert more.get_text(" ", strip=True).startswith(f"The first {len(shown)} of {len(about)} quotes. All ")
    assert _href_path(record_url, more.a["href"]) == HUB_LIST

    parts = _parts(result.site, HUB_LIST)
    per_part = paging.MAX_INDEX_WEIGHT // paging.CARD_WEIGHT
    assert len(parts) == -(-len(about) // per_part)
    listed = []
    title = data.get(*HUB).title
    for position, (url, part) in enumerate(parts.items(), start=1):
        cards = [f["data-record"] for f in part.select("article figure.tme-quote")]
        assert 0 < len(cards) <= per_part, url
        listed += cards
        assert part.select_one("h1").get_text(strip=True) == f"{HUB_SECTION} — {title}, part {position} of {len(parts)}"
        assert _href_path(url, part.select_one("p.tme-count a")["href"]) == record_url  # back to the record
        # a list page: its entries repeat records indexed on their own pages, its title stays searchable
        assert all(f.find_parent(attrs={"data-search-ignore": True}) for f in part.select("figure.tme-quote"))
        assert not part.select_one("h1").find_parent(attrs={"data-search-ignore": True})
    assert sorted(listed) == sorted(about)  # every referring quote, once, across the parts
    assert listed[: len(shown)] == shown  # the record page shows the list's start
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"/{url}</loc>" in sitemap for url in parts)


def test_the_largest_page_is_bounded_by_the_limits_not_by_the_data(split_site):
    result, _ = split_site
    pages = [p for p in result.site.rglob("*.html") if "searchindex" not in p.parts]
    sizes = {p.parent.relative_to(result.site).as_posix() + "/": p.stat().st_size for p in pages}
    assert max(sizes.values()) < MAX_PAGE_BYTES, max(sizes, key=sizes.get)
    # the hub's section holds over a megabyte of cards, and neither its record page nor any part of its list does:
    # each is the theme's frame (the lightest page) plus what its limit lets through (at most 500 bytes per unit)
    parts = [u for u in sizes if u.startswith(HUB_LIST)]
    frame = min(sizes.values())
    cards = sum(len(str(f)) for u in parts for f in _soup(result.site / u / "index.html").select("figure.tme-quote"))
    assert cards > MAX_PAGE_BYTES
    assert sizes[f"{HUB[0]}/{HUB[1]}/"] <= frame + 500 * paging.MAX_BACKLINK_WEIGHT + 20_000  # and its infobox
    assert all(sizes[u] <= frame + 500 * paging.MAX_INDEX_WEIGHT for u in parts), {u: sizes[u] for u in parts}


def test_the_real_site_splits_a_list_only_past_its_limit(built):
    """Each list of the real site is one page, or the parts its limit requires (the Sources index, whose entries
    carry what each source supports, passed it this round): the site holds exactly the parts the renderer plans."""
    from macros.render.pages import PageRenderer
    from macros.render.project import prepare

    renderer = PageRenderer(prepare(ROOT, ROOT / "docs").site)
    planned = {p.src for p in renderer.pages() if p.part}
    for list_url in ("timeline/", "relations/", *(f"{c}/" for c in ("actors", "quotes", "sources", "glossary"))):
        folders = list((built.site / list_url).glob("page/*/index.html"))
        expected = [s for s in planned if s.startswith(list_url)]
        assert len(folders) == len(expected), list_url
        assert bool(built.page(list_url).select("nav.tme-parts")) == bool(expected), list_url
        if expected:
            whole = renderer.index_parts(list_url.rstrip("/"))
            assert (
                sum(map(renderer._index_weight, (r for part in whole for _, r in part.items))) > paging.MAX_INDEX_WEIGHT
            )
    assert not any(p.name.isdigit() for p in (built.site / "timeline").iterdir())
    for collection in ("actors", "quotes", "treaties", "events", "glossary", "sources", "claims"):
        below = [p for p in (built.site / collection).glob("*/*/index.html") if p.parent.parent.name != "page"]
        assert below == [], collection  # no back-link section is split: nothing below a record's page


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
    cards = [li["data-record"] for b in bodies for li in b.select("li.tme-cast__card")]
    outlets = [a for b in bodies for a in b.select("ul.tme-cast__outlets a")]
    assert len(cards) == len(set(cards)) == renderer.relations_view["counted"]["actors"]  # each actor once
    assert len(outlets) == renderer.relations_view["counted"]["outlets"]
    assert len(cards) + len(outlets) == len(site.dataset.all("actors"))

    timeline = [p for src, p in pages.items() if src.startswith("timeline")]
    assert len(timeline) > 2 and not timeline[0].part and all(p.part and not p.in_nav for p in timeline[1:])
    entries = [li for p in timeline for li in BeautifulSoup(p.render(), "html.parser").select("li[data-record]")]
    assert len(entries) == len(renderer.timeline_parts[0].entries)
    assert all(len(p.render().split('class="tme-timeline__entry ')) - 1 <= 20 for p in timeline)


def test_lowered_thresholds_split_long_back_link_sections_and_lose_nothing():
    from macros.render import backlinks
    from macros.render.pages import PageRenderer
    from macros.render.project import prepare

    root = Path(__file__).resolve().parents[1]
    site = prepare(root, root / "docs").site
    limits = paging.Limits(index_weight=12, backlink_weight=10)
    renderer = PageRenderer(site, limits)
    iran = site.dataset.get("actors", "iran")
    page_url = "actors/iran/"
    whole = _listed(PageRenderer(site).record_body(iran), page_url)  # the real limits: every section whole
    sections = {s.heading: s for s in backlinks.sections(site.dataset, iran) if s.ids}
    split = {heading for heading, s in sections.items() if s.total > limits.backlink_weight}
    assert {"Events", "Quotes about them"} <= split  # 26 events and 16 quote cards (weight 80) over a limit of 10
    shown = _listed(renderer.record_body(iran), page_url)
    assert shown.keys() >= sections.keys()
    body = renderer.record_body(iran)
    more = {h: _soup_of(text).select_one("p.tme-more") for h, text in _sections(body)}
    lists = list(renderer.backlink_pages(iran))
    assert all(p.backlinks_of is iran and p.subject is iran and not p.in_nav for p in lists)
    for heading, section in sections.items():
        assert len(shown[heading]) * section.weight <= limits.backlink_weight, heading
        if heading not in split:
            assert shown[heading] == whole[heading] and more[heading] is None
            continue
        list_url = f"{page_url}{section.slug}/"
        assert more[heading].a["href"] == section.slug + "/"
        parts = [p for p in lists if p.src.startswith(list_url[:-1])]
        per_part = limits.index_weight // section.weight
        assert len(parts) == -(-len(whole[heading]) // per_part) > 1
        listed = []
        for position, part in enumerate(parts):
            url = urljoin(list_url, part.src.removeprefix(list_url).removesuffix("index.md")) if position else list_url
            body = _soup_of(part.render())
            entries = _listed(part.render(), url, body.select_one("div, ul.tme-list"))
            assert 0 < len(entries) <= per_part
            listed += entries
            nav, steps = body.select("nav.tme-parts")
            assert nav["aria-label"] == f"{heading}: parts"
            assert [a.get("aria-current") for a in nav.select("li a")].index("page") == position
            rel = {a["rel"][0] for a in steps.select("a")}
            assert ("prev" in rel) == (position > 0) and ("next" in rel) == (position < len(parts) - 1)
            assert part.title == f"{heading} — Iran, part {position + 1} of {len(parts)}"
        assert listed == whole[heading]  # every referring record, once, in order, through the parts
        assert listed[: len(shown[heading])] == shown[heading]


def _soup_of(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown, "html.parser")


def _sections(body: str) -> list[tuple[str, str]]:
    """A record page's body as (heading, what follows it up to the next heading), one per ``<h2>``."""
    found = []
    for chunk in re.split(r"(?=<h2[ >])", body)[1:]:
        heading, rest = chunk.split("</h2>", 1)
        found.append((_soup_of(heading + "</h2>").h2.get_text().rstrip("¶"), rest))
    return found


def _listed(markdown: str, page_url: str, block=None) -> dict[str, list[str]] | list[str]:
    """The records a back-link list shows, as site paths: under each heading of a record page's body (a dict), or
    in one ``block`` of a list's part."""
    if block is None:
        return {h: _listed(body, page_url, _soup_of(body).select_one("div, ul")) for h, body in _sections(markdown)}
    if block.name == "div":
        return [f["data-record"] + "/" for f in block.select("figure[data-record]")]
    return [_href_path(page_url, li.a["href"]) for li in block.select("li")]
