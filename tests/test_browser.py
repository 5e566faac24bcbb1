"""The built site in headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no browser download)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest

from macros.core.collections import registry
from macros.core.dates import PartialDate
from macros.core.schema import Schema

from conftest import CHROMIUM, static_server

ROOT = Path(__file__).resolve().parents[1]
playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}")


@pytest.fixture(scope="module")
def server(built):
    with static_server(built.site) as address:
        yield address


class Visit:
    """A page with every console error and every request that left localhost recorded."""

    def __init__(self, browser, server: str, javascript: bool = True):
        self.context = browser.new_context(java_script_enabled=javascript)
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.server = server

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.server + path, wait_until="networkidle")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    visits = []

    def make(javascript: bool = True) -> Visit:
        v = Visit(browser, server, javascript)
        visits.append(v)
        return v

    yield make
    for v in visits:
        v.close()


PAGES = ["", "visit/", "treaty/", "grand-bargain/", "timeline/", "relations/", "compare/", "actors/sergei-lavrov/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_without_console_errors_or_third_party_requests(visit, path):
    v = visit()
    v.open(path)
    assert v.errors == []
    assert v.foreign == []


# Search is tested in test_search.py (the browser) and test_search_index.py (the index).


def test_timeline_is_in_date_order(visit):
    page = visit().open("timeline/")
    stamps = page.eval_on_selector_all(".tme-timeline__date time", "els => els.map(e => e.getAttribute('datetime'))")
    assert len(stamps) > 5
    dates = [PartialDate.parse(s) for s in stamps]
    assert dates == sorted(dates)


def test_every_cast_card_links_to_an_existing_page(visit, server):
    v = visit()
    page = v.open("relations/")
    hrefs = page.eval_on_selector_all(".tme-cast__name a", "els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) > 20
    for href in hrefs[:40]:
        url = page.evaluate("h => new URL(h, location.href).href", href)
        assert page.request.get(url).status == 200, url


@pytest.mark.parametrize("path", ["", "visit/", "actors/sergei-lavrov/", "treaties/russia-iran-treaty/"])
def test_axe_reports_no_violations(visit, path):
    from axe_playwright_python.sync_playwright import Axe

    page = visit().open(path)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize(
    ("path", "schema_type"),
    [
        ("actors/sergei-lavrov/", "Person"),
        ("actors/russia/", "Country"),
        ("treaties/russia-iran-treaty/", "Legislation"),
        ("quotes/dedov-not-mediators/", "Quotation"),
        ("events/lavrov-visit-tehran/", "Event"),
    ],
)
def test_json_ld_parses_and_names_the_right_type(visit, path, schema_type):
    page = visit().open(path)
    blocks = page.eval_on_selector_all('script[type="application/ld+json"]', "els => els.map(e => e.textContent)")
    nodes = [json.loads(b) for b in blocks]
    assert any(n.get("@type") == schema_type and n.get("@context") == "https://schema.org" for n in nodes)


def test_json_download_validates_against_the_data_schemas(visit, server):
    page = visit().open("")
    dataset = page.request.get(server + "downloads/dataset.json").json()
    assert {c.name for c in registry().collections} <= set(
        dataset
    )  # beside the licence metadata (test_contrib_licence)
    for info in registry().collections:
        schema = Schema(ROOT / "schemas" / f"{info.schema}.schema.json")  # resolves $ref to schemas/defs.schema.json
        schema.validator.validate(dataset[info.name])
        assert dataset[info.name], info.name


def test_pages_read_with_javascript_off(visit):
    v = visit(javascript=False)
    page = v.open("visit/")
    card = page.locator("#quote-araghchi-no-talks-under-pressure")
    assert card.is_visible()
    assert "We do not negotiate under pressure" in card.inner_text()
