"""Site search (Pagefind): indexed once per build, loaded only when a reader opens it, usable from the keyboard,
naming each result's kind, and finding records by their aliases. Browser tests drive Debian's Chromium."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest

from macros.core import load_dataset
from macros.render.urls import url_of
from macros.search.names import query_word

from conftest import CHROMIUM, ROOT, copy_project, run_build, static_server

RESULT = ".pagefind-ui__result"
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")


# --- in the browser ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(built):
    with static_server(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def alias_server(built, tmp_path_factory):
    """The site with "Araqchi" among Abbas Araghchi's aliases (the real data, or a copy given that alias)."""
    people = "data/actors/people.yml"
    if "Araqchi" in (ROOT / people).read_text(encoding="utf-8"):
        site = built.site
    else:
        project = copy_project(tmp_path_factory.mktemp("alias") / "project")
        text = (project / people).read_text(encoding="utf-8")
        record = text.index("- id: abbas-araghchi")
        aliases = text.index("aliases: [", record) + len("aliases: [")
        (project / people).write_text(text[:aliases] + "Araqchi, " + text[aliases:], encoding="utf-8")
        result = run_build(project, project / "site")
        assert result.returncode == 0, result.output
        site = result.site
    with static_server(site) as url:
        yield url


class Reader:
    """One browser tab; records the path of every request it makes."""

    def __init__(self, browser, server: str, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(urlparse(r.url).path))
        self.server = server

    def open(self, path: str):
        self.page.goto(self.server + path, wait_until="networkidle")
        return self.page

    def search(self, query: str) -> list[dict]:
        page = self.page
        page.keyboard.press("/")
        field = page.locator("#tme-search-ui input")
        field.wait_for(timeout=10000)
        field.fill(query)
        # Pagefind's UI lists placeholders first and fills each result in when its fragment arrives.
        page.wait_for_function(
            """sel => {
                const results = [...document.querySelectorAll(sel)];
                return results.length > 0 && results.every(e => e.querySelector('.pagefind-ui__result-link'));
            }""",
            arg=RESULT,
            timeout=10000,
        )
        return page.eval_on_selector_all(
            RESULT,
            """els => els.map(e => ({
                href: e.querySelector('.pagefind-ui__result-link').getAttribute('href'),
                kind: e.querySelector('[data-pagefind-ui-meta="kind"]')?.innerText ?? null,
                excerpt: e.querySelector('.pagefind-ui__result-excerpt')?.innerText ?? '',
            }))""",
        )

    def search_requests(self) -> list[str]:
        return [p for p in self.requests if "/pagefind/" in p or "search_index" in p]


@pytest.fixture
def reader(browser, server):
    readers = []

    def make(site: str | None = None, **context) -> Reader:
        r = Reader(browser, site or server, **context)
        readers.append(r)
        return r

    yield make
    for r in readers:
        r.context.close()


@needs_chromium
@pytest.mark.parametrize("path", ["", "visit/", "actors/sergei-lavrov/", "timeline/"])
def test_a_page_view_downloads_nothing_of_search(reader, path):
    r = reader()
    r.open(path)
    r.page.wait_for_timeout(300)
    assert r.requests  # the page itself was fetched
    assert r.search_requests() == []


@needs_chromium
def test_search_opens_from_the_keyboard_loads_on_demand_and_names_each_results_kind(reader):
    r = reader()
    page = r.open("visit/")
    results = r.search("Dedov")
    assert r.search_requests()  # loaded now, when the reader searched
    assert len(results) >= 3
    assert all(res["kind"] and res["kind"].startswith("Kind: ") for res in results), results
    assert {"Kind: Person", "Kind: Event", "Kind: Source"} <= {res["kind"] for res in results}
    assert page.evaluate("document.activeElement.closest('#tme-search') !== null")
    page.keyboard.press("Escape")
    assert page.evaluate("!document.getElementById('tme-search').open")


@needs_chromium
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Dedov", "actors/alexey-dedov/"),
        ("diplomatic potential", "quotes/lavrov-diplomatic-potential-jcpoa/"),
        ("Strategic Cooperation Treaty", "treaties/russia-iran-treaty/"),
        ("nonaggression", "claims/mutual-non-aggression-clause/"),  # Pagefind also indexes "non-aggression" joined
    ],
)
def test_search_finds_records_by_name_and_quote_text(reader, query, expected):
    r = reader()
    r.open("")
    hrefs = [res["href"] for res in r.search(query)]
    assert any(urlparse(h).path.endswith(expected) for h in hrefs), hrefs


@needs_chromium
def test_an_alternate_spelling_finds_the_record_first(reader, alias_server):
    r = reader(alias_server)
    r.open("treaty/")
    results = r.search("Araqchi")
    # First, above the IRNA source whose headline (its title) uses the same spelling: an alias outranks a title word.
    person = results[0]
    assert urlparse(person["href"]).path.endswith("/actors/abbas-araghchi/"), results
    assert any(urlparse(res["href"]).path.endswith("/sources/irna-85841471/") for res in results[1:]), results
    assert person["kind"] == "Kind: Person"
    assert "Kindperson" not in person["excerpt"]
    assert "asAraghchi" not in person["excerpt"]


@dataclass(frozen=True)
class NameCase:
    query: str
    expected: str  # the record's path, "/actors/sergei-lavrov/"
    bearers: frozenset[str]  # the paths of every record whose names contain each word of the query


def name_cases(built) -> list[NameCase]:
    """A query per name a reader types, from the data, so that a new record is checked too: every actor's name, and
    a person's surname (the name's last word; an organisation's last word, "Council", names no one), every treaty's
    short name, every glossary term. A query can name several records equally (two actors share the surname "Al
    Thani"; "Iran" starts a word of Iran International's and the Iran–China agreement's names; the 2001 treaty's short
    name contains the 2025 one's): Pagefind matches words by their start and has no "whole name" signal, so those
    records are its bearers, found from the names fields of the built pages, and the test asks for one of them first
    and the expected record among them."""
    names = {}
    for page in built.site.rglob("index.html"):
        box = built.page(page.parent.relative_to(built.site).as_posix()).select_one("dl[data-pagefind-meta^='names:']")
        if box is not None:
            names["/" + page.parent.relative_to(built.site).as_posix() + "/"] = box["data-pagefind-meta"][6:].split()
    data = load_dataset()
    queries = [(r.name, r) for r in data.all("actors")]
    queries += [(r.name.split()[-1], r) for r in data.all("actors") if r.kind == "person" and " " in r.name]
    queries += [(r.short_name, r) for r in data.all("treaties")]
    queries += [(r.term, r) for r in data.all("glossary")]
    cases = []
    for query, record in queries:
        words = [query_word(w) for w in query.split() if query_word(w)]
        bearers = frozenset(p for p, ws in names.items() if all(any(n.startswith(w) for n in ws) for w in words))
        cases.append(NameCase(query, "/" + url_of(record), bearers))
    return cases


RANKED = """async ([queries, n]) => {
    // The module the search UI loaded and configured (assets/search.js: its ranking), searched directly.
    const bundle = new URL(document.getElementById("tme-search").dataset.bundle, location.href);
    const pagefind = await import(new URL("pagefind.js", bundle).href);
    const ranked = [];
    for (const query of queries) {
        const found = await pagefind.search(query);
        ranked.push(await Promise.all(found.results.slice(0, n).map(async (r) => (await r.data()).url)));
    }
    return ranked;
}"""


@needs_chromium
def test_a_name_finds_its_record_first(reader, built):
    cases = name_cases(built)
    assert len(cases) > 150 and sum(len(c.bearers) == 1 for c in cases) > 150
    r = reader()
    r.open("")
    shown = [urlparse(res["href"]).path for res in r.search("Lavrov")]  # opens the UI, which sets the ranking
    ranked = r.page.evaluate(RANKED, [[c.query for c in cases], max(len(c.bearers) for c in cases)])
    assert ranked[[c.query for c in cases].index("Lavrov")][:3] == shown[:3]  # the UI shows the same order
    wrong = []
    for case, urls in zip(cases, ranked, strict=True):
        top = [urlparse(u).path for u in urls[: len(case.bearers)]]
        if case.expected not in case.bearers or not top or top[0] not in case.bearers or case.expected not in top:
            wrong.append(f"{case.query!r}: expected {case.expected} (bearers {sorted(case.bearers)}), got {top[:3]}")
    assert wrong == []


@needs_chromium
@pytest.mark.parametrize(("query", "expected"), [("timeline", "/timeline/"), ("what happened next", "/what-next/")])
def test_a_page_title_finds_the_page_in_the_first_results(reader, query, expected):
    r = reader()
    r.open("")
    hrefs = [urlparse(res["href"]).path for res in r.search(query)]
    assert expected in hrefs[:3], hrefs


@needs_chromium
def test_results_show_the_kind_and_not_the_ranking_fields(reader):
    r = reader()
    r.open("")
    results = r.search("Lavrov")
    assert urlparse(results[0]["href"]).path.endswith("/actors/sergei-lavrov/")
    assert results[0]["kind"] == "Kind: Person"
    tags = r.page.eval_on_selector_all(".pagefind-ui__result-tag", "els => els.map(e => e.dataset.pagefindUiMeta)")
    assert tags and set(tags) == {"kind"}  # not "names" or "heading", which only rank
    # Each fact-box row ends with a full stop in the snippet, the weighted one ("Also known as") too.
    assert "Kind person. Also known as Lavrov; Sergey Lavrov. Affiliation Russia." in results[0]["excerpt"], results[0]


@needs_chromium
def test_the_search_button_opens_and_closes_with_the_mouse_returning_focus(reader):
    r = reader(viewport={"width": 390, "height": 800})
    page = r.open("actors/sergei-lavrov/")
    page.click("[data-tme-search-open]")
    page.locator("#tme-search-ui input").wait_for(timeout=10000)
    assert page.evaluate("document.getElementById('tme-search').open")
    page.click("[data-tme-search-close]")
    assert page.evaluate("!document.getElementById('tme-search').open")
    assert page.evaluate("document.activeElement.matches('[data-tme-search-open]')")


@needs_chromium
@pytest.mark.parametrize(("scheme", "dark"), [("light", False), ("dark", True)])
def test_search_follows_the_colour_scheme(reader, scheme, dark):
    r = reader(color_scheme=scheme)
    r.open("")
    r.search("treaty")
    background = r.page.eval_on_selector("#tme-search", "e => getComputedStyle(e).backgroundColor")
    red, green, blue = (int(v) for v in re.findall(r"\d+", background)[:3])
    assert ((red + green + blue) / 3 < 100) is dark, background


@needs_chromium
def test_without_javascript_the_search_button_lists_the_readers_pages(reader):
    r = reader(java_script_enabled=False)
    page = r.open("visit/")
    page.click("[data-tme-search-open]")
    fallback = page.locator("[data-tme-search-fallback]")
    assert fallback.is_visible()
    assert "needs JavaScript" in fallback.inner_text()
    links = fallback.locator("a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h.endswith("actors/") for h in hrefs)
    assert any(h.endswith("sources/") for h in hrefs)
    assert r.search_requests() == []
