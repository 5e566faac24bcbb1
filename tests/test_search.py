"""Site search in the browser: loaded only when a reader opens it, usable from the keyboard and the mouse, naming
each result's kind, finding records by their names and aliases, fetching a bounded set of index files per query, and
never linking outside the site. Tests drive Debian's Chromium; the index itself is tested in test_search_index.py."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from macros.core import load_dataset
from macros.render.urls import url_of
from macros.search.tokens import MIN_QUERY_WORD, fnv1a32, shard_of, words

from conftest import CHROMIUM, ROOT, copy_project, run_build, static_server

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


RESULT = ".tme-search__result"
STATUS = ".tme-search__status"


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

    def type_query(self, query: str):
        """Open search with "/" and type ``query`` into its field, as a reader would."""
        page = self.page
        if not page.evaluate("document.getElementById('tme-search').open"):
            page.keyboard.press("/")
        field = page.locator(".tme-search__input")
        field.wait_for(timeout=10000)
        field.fill(query)
        return field

    def answered(self, query: str) -> None:
        """Wait until the status line reports the answer to ``query`` (set once its results are shown)."""
        self.page.wait_for_function(
            """([sel, query]) => {
                const text = document.querySelector(sel)?.textContent ?? "";
                return text.endsWith(`for “${query}”`) || text.startsWith("Search could not");
            }""",
            arg=[STATUS, query],
            timeout=10000,
        )

    def results(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            RESULT,
            """els => els.map(e => ({
                href: e.querySelector('a.tme-search__link')?.getAttribute('href') ?? null,
                title: e.querySelector('.tme-search__link')?.textContent ?? '',
                kind: e.querySelector('.tme-search__kind')?.textContent ?? null,
                summary: e.querySelector('.tme-search__summary')?.textContent ?? '',
                marked: [...e.querySelectorAll('.tme-search__summary mark')].map(m => m.textContent),
                parts: [...e.children].map(c => c.className),
            }))""",
        )

    def search(self, query: str) -> list[dict]:
        self.type_query(query)
        self.answered(query)
        return self.results()

    def search_requests(self) -> list[str]:
        return [p for p in self.requests if "/searchindex/" in p or p.endswith("/search-engine.js")]


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


def search_index(site: Path) -> tuple[dict, Callable[[str], list[int]]]:
    """The built index's meta and a lookup of a word's champion list (its doc ids, best first), read in Python."""
    meta = json.loads((site / "searchindex" / "meta.json").read_text(encoding="utf-8"))

    def champions(word: str) -> list[int]:
        shard = site / "searchindex" / "keys" / f"{shard_of(word, meta['shards'])}.json"
        return json.loads(shard.read_text(encoding="utf-8"))[word][1::2]

    return meta, champions


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
    assert all(res["kind"] for res in results), results
    assert {"Person", "Event", "Source"} <= {res["kind"] for res in results}
    assert page.evaluate("document.activeElement.closest('#tme-search') !== null")
    assert page.locator("[data-tme-search-fallback]").is_hidden()  # the no-JavaScript list gives way to the search
    page.keyboard.press("Escape")
    assert page.evaluate("!document.getElementById('tme-search').open")


@needs_chromium
def test_a_link_to_the_search_panel_opens_search(reader):
    r = reader()
    page = r.open("visit/#tme-search")
    page.locator(".tme-search__input").wait_for(timeout=10000)
    assert page.evaluate("document.getElementById('tme-search').open")
    # The field is focused once the engine has loaded (a promise later): wait for it rather than race it.
    page.wait_for_function("document.activeElement?.matches('.tme-search__input')", timeout=10000)


@needs_chromium
@pytest.mark.parametrize("key", ["s", "/"])
def test_the_search_field_is_labelled_and_its_status_is_announced(reader, key):
    r = reader()
    page = r.open("")
    page.keyboard.press(key)
    field = page.get_by_role("searchbox", name="Search names, quotes, treaties, events")
    field.wait_for(timeout=10000)
    assert page.locator("#tme-search-ui form[role=search]").count() == 1
    assert page.eval_on_selector(STATUS, "e => [e.getAttribute('role'), e.getAttribute('aria-live')]") == [
        "status",
        "polite",
    ]
    field.fill("zzqqxxnothing")
    r.answered("zzqqxxnothing")
    assert page.inner_text(STATUS) == "No results for “zzqqxxnothing”"
    assert r.results() == []


@needs_chromium
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Dedov", "actors/alexey-dedov/"),
        ("diplomatic potential", "quotes/lavrov-diplomatic-potential-jcpoa/"),
        ("Strategic Cooperation Treaty", "treaties/russia-iran-treaty/"),
        ("non-aggression", "claims/mutual-non-aggression-clause/"),
        # the original's words, another form ("unprovoked aggression" is in other records' originals since March 2026)
        ("абсолютно неспровоцированной", "quotes/putin-unprovoked-aggression/"),
        ("مذاکره تحریم", "quotes/araghchi-no-talks-under-pressure/"),  # the Persian original's words
        ("Putin ratified", "events/putin-signs-ratification/"),  # "ratification"
    ],
)
def test_search_finds_records_by_name_quote_text_and_original_words_in_the_first_three(reader, query, expected):
    r = reader()
    r.open("")
    hrefs = [urlparse(res["href"]).path for res in r.search(query)]
    assert f"/{expected}" in hrefs[:3], hrefs[:3]
    # A title or a summary in Persian reads in its own direction.
    shown = ".tme-search__link, .tme-search__summary"
    assert r.page.eval_on_selector_all(shown, "els => els.every(e => e.dir === 'auto')")


@needs_chromium
def test_an_alternate_spelling_finds_the_record_first(reader, alias_server):
    r = reader(alias_server)
    r.open("treaty/")
    results = r.search("Araqchi")
    # First, above the IRNA source whose headline (its title) uses the same spelling: an alias outranks a title word.
    person = results[0]
    assert urlparse(person["href"]).path.endswith("/actors/abbas-araghchi/"), results
    assert any(urlparse(res["href"]).path.endswith("/sources/irna-85841471/") for res in results[1:]), results
    assert person["kind"] == "Person"
    assert "Kindperson" not in person["summary"]
    assert "asAraghchi" not in person["summary"]


@dataclass(frozen=True)
class NameCase:
    query: str
    expected: str  # the record's path, "/actors/sergei-lavrov/"
    bearers: frozenset[str]  # the paths of every record whose names contain each word of the query


def name_cases(built, built_pages) -> list[NameCase]:
    """A query per name a reader types, from the data, so that a new record is checked too: every actor's name, and
    a person's surname (the name's last word; an organisation's last word, "Council", names no one), every treaty's
    short name, every glossary term. A query can name several records equally (two actors share the surname "Al
    Thani"; "Iran" starts a word of Iran International's and the Iran–China agreement's names; the 2001 treaty's short
    name contains the 2025 one's): a names field matches a typed word by its start and has no "whole name" signal,
    so those records are its bearers, found from the names fields of the built pages, and the test asks for one of
    them first and the expected record among them."""
    names = {}
    for page in built.site.rglob("index.html"):
        box = built_pages[page.relative_to(built.site).as_posix()].search_names  # [data-search-names]
        if box is not None:
            names["/" + page.parent.relative_to(built.site).as_posix() + "/"] = words(box)
    data = load_dataset()
    queries = [(r.name, r) for r in data.all("actors")]
    queries += [(r.name.split()[-1], r) for r in data.all("actors") if r.kind == "person" and " " in r.name]
    queries += [(r.short_name, r) for r in data.all("treaties")]
    queries += [(r.term, r) for r in data.all("glossary")]
    cases = []
    for query, record in queries:
        typed = [w for w in words(query) if len(w) >= MIN_QUERY_WORD]  # as the engine reads a query ("L'Orient")
        bearers = frozenset(p for p, ws in names.items() if all(any(n.startswith(w) for n in ws) for w in typed))
        cases.append(NameCase(query, "/" + url_of(record), bearers))
    return cases


RANKED = """async ([queries, n]) => {
    // The engine the search UI loaded (assets/search-engine.js), searched directly.
    const dialog = document.getElementById("tme-search");
    const engine = await import(new URL(dialog.dataset.engine, location.href).href);
    const bundle = new URL(dialog.dataset.bundle, location.href);
    const root = new URL(dialog.dataset.root, location.href);
    const ranked = [];
    for (const query of queries) {
        const found = await engine.search(bundle, query);
        const docs = await engine.documents(bundle, found.slice(0, n).map((hit) => hit.doc));
        ranked.push(docs.map((doc) => new URL(doc.url, root).href));
    }
    return ranked;
}"""


@needs_chromium
def test_a_name_finds_its_record_first(reader, built, built_pages):
    cases = name_cases(built, built_pages)
    assert len(cases) > 150 and sum(len(c.bearers) == 1 for c in cases) > 150
    r = reader()
    r.open("")
    shown = [urlparse(res["href"]).path for res in r.search("Lavrov")]
    ranked = r.page.evaluate(RANKED, [[c.query for c in cases], max(len(c.bearers) for c in cases)])
    assert [urlparse(u).path for u in ranked[[c.query for c in cases].index("Lavrov")][:3]] == shown[:3]
    wrong = []
    for case, urls in zip(cases, ranked, strict=True):
        top = [urlparse(u).path for u in urls[: len(case.bearers)]]
        if case.expected not in case.bearers or not top or top[0] not in case.bearers or case.expected not in top:
            wrong.append(f"{case.query!r}: expected {case.expected} (bearers {sorted(case.bearers)}), got {top[:3]}")
    assert wrong == []


@needs_chromium
def test_the_browser_ranks_the_query_set_as_python_does(reader, built):
    """bench/search_queries.py measures the ranking in Python (macros/search/query.py); the browser's engine gives the
    same first three results for every query of the set: word forms, Russian and Persian words, names, aliases."""
    from bench.search_queries import query_set, site_ranking

    queries = [q.query for q in query_set()]
    r = reader()
    r.open("")
    js = [[urlparse(u).path.lstrip("/") for u in urls] for urls in r.page.evaluate(RANKED, [queries, 3])]
    python = site_ranking(built.site)
    assert [(q, j) for q, j in zip(queries, js, strict=True) if j != python(q)[:3]] == []


@needs_chromium
@pytest.mark.parametrize(("query", "expected"), [("timeline", "/timeline/"), ("what happened next", "/what-next/")])
def test_a_page_title_finds_the_page_in_the_first_results(reader, query, expected):
    r = reader()
    r.open("")
    hrefs = [urlparse(res["href"]).path for res in r.search(query)]
    assert expected in hrefs[:3], hrefs


@needs_chromium
def test_results_show_title_kind_and_summary_with_the_query_marked(reader):
    r = reader()
    r.open("")
    results = r.search("Lavrov")
    first = results[0]
    assert urlparse(first["href"]).path.endswith("/actors/sergei-lavrov/")
    assert first["title"] == "Sergei Lavrov"
    assert first["kind"] == "Person"
    # Only what a reader reads: the names field and the heading only rank.
    assert all(res["parts"] == ["tme-search__link", "tme-search__kind", "tme-search__summary"] for res in results)
    assert "Lavrov" in first["summary"] and set(first["marked"]) == {"Lavrov"}, first
    assert len(results) == 10 and r.page.locator(".tme-search__more").is_visible()


@needs_chromium
def test_a_result_title_reads_as_the_page_title_does(reader):
    r = reader()
    r.open("")
    titles = [res["title"] for res in r.search("oil sector")]
    assert "New US sanctions on Iran's oil sector" in titles, titles  # not "Iran&#39;s"


@needs_chromium
def test_show_more_results_adds_the_next_ten(reader):
    r = reader()
    page = r.open("")
    r.search("Iran")
    total = int(page.inner_text(STATUS).split()[0])
    assert total > 20
    first_ten = [res["href"] for res in r.results()]
    page.click(".tme-search__more")
    page.wait_for_function("sel => document.querySelectorAll(sel).length >= 20", arg=RESULT, timeout=10000)
    twenty = [res["href"] for res in r.results()]
    assert len(twenty) == 20 and twenty[:10] == first_ten and len(set(twenty)) == 20
    assert page.evaluate("document.activeElement === document.querySelectorAll('.tme-search__link')[10]")
    assert page.locator(".tme-search__more").is_visible()


@needs_chromium
def test_enter_opens_the_first_result(reader):
    r = reader()
    page = r.open("visit/")
    field = r.type_query("Lavrov")
    with page.expect_navigation(timeout=10000):
        field.press("Enter")  # before the typed query's results are shown: Enter waits for them
    assert urlparse(page.url).path == "/actors/sergei-lavrov/"


@needs_chromium
def test_the_arrow_keys_move_between_the_field_and_the_results(reader):
    r = reader()
    page = r.open("")
    r.search("Lavrov")
    focused = "() => document.activeElement.closest('li')?.querySelector('a')?.getAttribute('href') ?? 'field'"
    page.keyboard.press("ArrowDown")
    assert urlparse(page.evaluate(focused)).path == "/actors/sergei-lavrov/"
    page.keyboard.press("ArrowDown")
    second = page.evaluate(focused)
    assert second != "field" and urlparse(second).path != "/actors/sergei-lavrov/"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == "field"
    with page.expect_navigation(timeout=10000):
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")  # on a focused result: that link
    assert urlparse(page.url).path == "/actors/sergei-lavrov/"


@needs_chromium
def test_a_first_query_fetches_only_meta_its_words_shards_and_the_shown_results_chunks(reader, built):
    meta, _ = search_index(built.site)
    r = reader()
    r.open("visit/")
    query = "Lavrov sanctions treaty"
    r.search(query)
    ids = r.page.evaluate(
        """async (query) => {
            const dialog = document.getElementById("tme-search");
            const engine = await import(new URL(dialog.dataset.engine, location.href).href);
            return (await engine.search(new URL(dialog.dataset.bundle, location.href), query)).map((h) => h.doc);
        }""",
        query,
    )
    assert len(ids) > 10
    fetched = [p.split("/searchindex/", 1)[1] for p in r.requests if "/searchindex/" in p]
    shards = {f"keys/{shard_of(w, meta['shards'])}.json" for w in ("lavrov", "sanctions", "treaty")}
    chunks = {f"docs/{doc // meta['chunk']}.json" for doc in ids[:10]}
    assert sorted(fetched) == sorted({"meta.json", *shards, *chunks})  # each once, and nothing else
    # Each file's gzip size is capped when the index is written: a shard's at 48 KiB, a chunk's at 16 KiB.
    gzipped = sum(len(gzip.compress((built.site / "searchindex" / f).read_bytes())) for f in fetched)
    assert gzipped <= 1024 + len(shards) * 48 * 1024 + len(chunks) * 16 * 1024


@pytest.fixture(scope="module")
def hostile_site(built, tmp_path_factory):
    """A copy of the built site whose index gives the best results for "Lavrov" addresses outside the site."""
    site = tmp_path_factory.mktemp("hostile") / "site"
    shutil.copytree(built.site, site)
    meta, champions = search_index(site)
    best = champions("lavrov")[: len(HOSTILE)]
    for doc, url in zip(best, HOSTILE, strict=True):
        path = site / "searchindex" / "docs" / f"{doc // meta['chunk']}.json"
        chunk = json.loads(path.read_text(encoding="utf-8"))
        if url is None:
            chunk[doc % meta["chunk"]] = None  # no entry at all: not a link to the home page ("")
        else:
            chunk[doc % meta["chunk"]][:2] = [url, f"Hostile {url}"]
        path.write_text(json.dumps(chunk), encoding="utf-8")
    with static_server(site) as url:
        yield url


HOSTILE = [
    "javascript:alert(1)",
    "//evil.example/",
    "/abs",
    "\\\\evil.example/",
    "\t//evil.example/",
    "https://evil.example/",
    None,
]


@needs_chromium
def test_a_result_addressed_outside_the_site_is_not_a_link(reader, hostile_site):
    r = reader(hostile_site)
    r.open("")
    results = r.search("Lavrov")
    assert len(results) == 10 - len(HOSTILE), results  # the others still show, and nothing of the hostile ones
    assert not [res for res in results if res["title"].startswith("Hostile")], results
    assert all(res["href"].startswith(hostile_site) for res in results), results
    links = r.page.eval_on_selector_all("#tme-search a[href]", "els => els.map(e => e.href)")
    assert all(h.startswith(hostile_site) for h in links), links


TRICKY = [
    "Russia–Iran",
    "P5+1",
    "Araghchi's",
    "Ḥusayn",
    "Erdoğan",
    "Сергей Лавров, МИД России",
    "عباس عراقچی ۱۴۰۳",
    "emoji 🇮🇷🤝🇷🇺 👍🏽 ok",
    "line\u2028separator\u2029paragraph",
    "İstanbul ΟΔΟΣ Straße ǅemal",
    "zero\u200bwidth\u200djoiner\u00a0nbsp_under",
    "ﬁnal Ⅻ ²3 ١٢٣ 𝐁old",
    "a\u0301 \u0301lone",
    "Ёлка ещё Йошкар-Ола Сергей",
    "عراقچي كشور ى عــراقچی مُذاکِرات",
    "می\u200cدانیم آیت\u200cالله خامنه\u200cای",
    "۱۴۰۳ ١٤٠٣ 1403 ٠٩",
    "",
]


@needs_chromium
def test_words_and_shards_are_the_same_in_the_browser_and_in_python(reader):
    r = reader()
    r.open("")
    js = r.page.evaluate(
        """async (texts) => {
            const dialog = document.getElementById("tme-search");
            const engine = await import(new URL(dialog.dataset.engine, location.href).href);
            return texts.map((t) => [engine.words(t), engine.fnv1a32(t)]);
        }""",
        TRICKY,
    )
    assert js == [[words(t), fnv1a32(t)] for t in TRICKY]
    assert words("عراقچي كشور") == words("عراقچی کشور") and words("Ёлка") == words("елка")
    assert words("Russia–Iran") == ["russia", "iran"]
    assert words("P5+1 Araghchi's Ḥusayn") == ["p5+1", "araghchi", "s", "husayn"]
    assert fnv1a32("") == 2166136261 and fnv1a32("a") == 0xE40C292C  # FNV-1a's published test vectors


FORMS = (
    "negotiate negotiated negotiating negotiations negotiator ratified ratify ratifies ratification ratifying agreed "
    "agreement agreements sanctions sanctioned strategic strategies treaty treaties partnership cooperation "
    "condemned condemnation aggression aggressor generous generously emerging arsenal past universal news "
    "переговоры переговоров ратифицировал ратифицировать договор договора договором сотрудничества санкции "
    "агрессия агрессии осуждаем стратегическом партнерстве новый новыми ещё Йошкар"
)


@needs_chromium
def test_stems_and_stem_groups_are_the_same_in_the_browser_and_in_python(reader, built):
    """The vendored Snowball JavaScript (assets/snowball/) and the snowballstemmer package stem every word alike: the
    words above and every key of the built index (its words and their starts), in English and Russian."""
    from macros.search.stems import group, language_of, stem

    keys = sorted({k for f in (built.site / "searchindex" / "keys").iterdir() for k in json.loads(f.read_text())})
    forms = [w for w in dict.fromkeys(words(FORMS) + keys) if language_of(w)]
    assert len(forms) > 3000 and sum(language_of(w) == "russian" for w in forms) > 200
    r = reader()
    r.open("")
    js = r.page.evaluate(
        """async (forms) => {
            const dialog = document.getElementById("tme-search");
            const engine = await import(new URL(dialog.dataset.engine, location.href).href);
            return Promise.all(forms.map(async (w) => [await engine.stem(w), await engine.group(w)]));
        }""",
        forms,
    )
    python = [[stem(w), group(w)] for w in forms]
    assert [(w, j) for w, j, p in zip(forms, js, python, strict=True) if j != p] == []
    assert stem("negotiate") == "negoti" and stem("ratified") == "ratifi" and stem("переговоров") == "переговор"
    assert all(stem(g) == g for _, g in python)  # each group is a fixed point: a word and its stem share it


@needs_chromium
def test_the_search_button_opens_and_closes_with_the_mouse_returning_focus(reader):
    r = reader(viewport={"width": 390, "height": 800})
    page = r.open("actors/sergei-lavrov/")
    page.click("[data-tme-search-open]")
    page.locator(".tme-search__input").wait_for(timeout=10000)
    assert page.evaluate("document.getElementById('tme-search').open")
    page.click("[data-tme-search-close]")
    assert page.evaluate("!document.getElementById('tme-search').open")
    assert page.evaluate("document.activeElement.matches('[data-tme-search-open]')")
    page.click("[data-tme-search-open]")
    page.mouse.click(5, 790)  # the backdrop
    assert page.evaluate("!document.getElementById('tme-search').open")


@needs_chromium
@pytest.mark.parametrize(("scheme", "dark"), [("light", False), ("dark", True)])
def test_search_follows_the_colour_scheme(reader, scheme, dark):
    r = reader(color_scheme=scheme)
    r.open("")
    r.search("treaty")

    def lightness(selector: str, prop: str) -> float:
        colour = r.page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")
        return sum(int(v) for v in re.findall(r"\d+", colour)[:3]) / 3

    assert (lightness("#tme-search", "backgroundColor") < 100) is dark
    assert (lightness(".tme-search__summary", "color") > 150) is dark  # text contrasts with the background
    assert (lightness(".tme-search__input", "backgroundColor") < 100) is dark


@needs_chromium
@pytest.mark.parametrize(("scheme", "width"), [("light", 390), ("dark", 390), ("dark", 1280)])
def test_axe_reports_no_violations_in_search_with_results(reader, scheme, width):
    from axe_playwright_python.sync_playwright import Axe

    r = reader(color_scheme=scheme, viewport={"width": width, "height": 900})
    r.open("")
    r.search("Lavrov sanctions")
    r.page.locator(".tme-search__link").first.focus()
    results = Axe().run(r.page, context="#tme-search")
    assert results.violations_count == 0, results.generate_report()


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
