"""What a reader downloads: a built site served with gzip on 127.0.0.1, loaded in headless Chromium (Playwright).

Bytes are what crosses the wire (gzip-encoded bodies, as a static host compresses them), summed over every response
the page causes; requests to any other host are refused (the site makes none). Search is driven the way a reader
drives it: on the site, its search button's keyboard shortcut and a typed query in its own search UI, until the first
results are shown; on the floor indexed by Pagefind (which has no search UI of ours), Pagefind's own JS API, asking
for the first results' data as its UI does.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path

from scripts.serve_gzip import GzipHandler

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# The site's index; Pagefind's bundle (on the floor); Material's search index and worker (the floor as built).
SEARCH_PARTS = ("/searchindex/", "/pagefind/", "/search/")
# What a query's bytes are, by the file they come from (first match on the URL path). The site's index (macros/search):
# a meta file of a few bytes, one key shard per query word, one docs chunk per 32 documents shown, each capped in size
# whatever N is. Pagefind's page metadata (pf_meta) has an entry per page, so it grows with N; its index chunks grow
# with the pages holding the query's words; its WebAssembly, scripts and stylesheets are the same at any N; fragments
# are the results shown (five at first).
QUERY_KINDS = (
    ("search meta", ("/searchindex/meta.json",)),
    ("key shards", ("/searchindex/keys/",)),
    ("doc chunks", ("/searchindex/docs/",)),
    ("pf_meta", (".pf_meta",)),
    ("wasm", (".pagefind",)),
    ("index chunks", (".pf_index",)),
    ("fragments", (".pf_fragment",)),
    ("filters", (".pf_filter",)),
    ("Pagefind loader and worker", ("/pagefind.js", "/pagefind-worker.js", "/pagefind-entry.json")),
    ("Pagefind UI js/css", ("/pagefind-ui.", "/pagefind-component-ui.", "/pagefind-modular-ui.", "-highlight.js")),
    ("site's search js/css", ("/assets/search.", "/assets/search-engine.", "/assets/snowball/")),  # and stemmers
    # Material's script, which the site loads on a reader's first interaction (assets/material-on-interaction.js):
    # the key that opens search is one. Not search, but fetched then.
    ("Material's js (first interaction)", ("/assets/javascripts/bundle.",)),
)
OTHER = "other"
SHOWN_RESULTS = 5  # Pagefind's UI fills in the data of its first five results (the floor)
SITE_INPUT = ".tme-search__input"  # the site's search UI (overrides/partials/search.html, docs/assets/search.js)
SITE_RESULT_LINK = ".tme-search__result .tme-search__link"
TIMEOUT_MS = 120_000


class QuietHandler(GzipHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` served with gzip on a free local port; yields its base URL (ending in ``/``)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Fetched:
    """Encoded bytes of each response, by URL path, in order."""

    sizes: list[tuple[str, int]] = field(default_factory=list)
    requested: int = 0  # requests the page made
    settled: int = 0  # of them, those whose response was recorded (or that failed)

    def wait_for_every_response(self, page, seconds: float = 10) -> None:
        """Let Playwright deliver the response events of every request made so far. A page that has shown its
        results has received their files, but the Python side may not have handled their events yet, and
        ``wait_for_load_state("networkidle")`` returns at once on a page that was idle before."""
        deadline = time.monotonic() + seconds
        while self.settled < self.requested and time.monotonic() < deadline:
            page.wait_for_timeout(50)

    def total(self, *, search: bool | None = None) -> int:
        """All bytes; only search bytes (``search=True``); or all but them (``False``)."""
        return sum(n for path, n in self.sizes if search is None or any(p in path for p in SEARCH_PARTS) == search)


@contextmanager
def browser_page(base: str) -> Iterator[tuple[object, Fetched]]:
    from playwright.sync_api import sync_playwright

    fetched = Fetched()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        try:
            context = browser.new_context()

            def only_local(route) -> None:
                route.continue_() if route.request.url.startswith(base) else route.abort()

            context.route("**/*", only_local)
            page = context.new_page()

            def record(response) -> None:
                try:
                    size = response.request.sizes()["responseBodySize"]
                except Exception:  # a response Chromium dropped (aborted, redirected) has no size
                    return
                finally:
                    fetched.settled += 1
                fetched.sizes.append((response.url[len(base) - 1 :], size))

            def count(_request) -> None:
                fetched.requested += 1

            def failed(_request) -> None:
                fetched.settled += 1

            page.on("request", count)
            page.on("requestfailed", failed)
            page.on("response", record)
            yield page, fetched
        finally:
            browser.close()


def kind_of(path: str) -> str:
    """Which part of search a fetched file is (QUERY_KINDS), or OTHER."""
    path = path.split("?", 1)[0]
    return next((kind for kind, marks in QUERY_KINDS if any(m in path for m in marks)), OTHER)


def by_kind(sizes: list[tuple[str, int]]) -> dict[str, int]:
    """Bytes by kind of file, in QUERY_KINDS order, kinds fetched only."""
    totals = dict.fromkeys([kind for kind, _ in QUERY_KINDS] + [OTHER], 0)
    for path, n in sizes:
        totals[kind_of(path)] += n
    return {kind: n for kind, n in totals.items() if n}


@dataclass(frozen=True)
class ReaderBytes:
    page_view: int  # everything a first view of the page fetches, search excluded
    page_view_search: int  # search bytes that first view fetched anyway (Material's index, its worker)
    first_query: int  # bytes fetched for the first query, after the page view
    first_query_by_kind: dict[str, int] = field(default_factory=dict)  # the same bytes, by kind of file (by_kind)


def site_reader_bytes(site: Path, path: str, query: str) -> ReaderBytes:
    """The site: a page view, then "/" opens search and the query is typed; until its first results are shown."""
    with served(site) as base, browser_page(base) as (page, fetched):
        page.goto(base + path, wait_until="networkidle", timeout=TIMEOUT_MS)
        view, view_search = fetched.total(search=False), fetched.total(search=True)
        before = len(fetched.sizes)
        page.keyboard.press("/")
        field = page.locator(SITE_INPUT)
        field.wait_for(timeout=TIMEOUT_MS)
        field.fill(query)
        page.locator(SITE_RESULT_LINK).first.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle")
        fetched.wait_for_every_response(page)
        query = fetched.sizes[before:]
        return ReaderBytes(view, view_search, sum(n for _, n in query), by_kind(query))


def floor_reader_bytes(site: Path, path: str, query: str) -> ReaderBytes:
    """The floor (Material's own search) with a Pagefind bundle beside it: a page view, then Pagefind's JS API."""
    with served(site) as base, browser_page(base) as (page, fetched):
        page.goto(base + path, wait_until="networkidle", timeout=TIMEOUT_MS)
        view, view_search = fetched.total(search=False), fetched.total(search=True)
        before = len(fetched.sizes)
        count = page.evaluate(
            """async ([query, shown]) => {
                const pagefind = await import('/pagefind/pagefind.js');
                const search = await pagefind.search(query);
                await Promise.all(search.results.slice(0, shown).map(r => r.data()));
                return search.results.length;
            }""",
            [query, SHOWN_RESULTS],
        )
        if not count:
            raise SystemExit(f"Pagefind found nothing for {query!r} on the floor")
        page.wait_for_load_state("networkidle")
        fetched.wait_for_every_response(page)
        query = fetched.sizes[before:]
        return ReaderBytes(view, view_search, sum(n for _, n in query), by_kind(query))
