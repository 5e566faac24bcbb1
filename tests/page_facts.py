"""What the whole-site checks read from every built page, parsed once per test run.

BeautifulSoup's html.parser takes 10–15 ms a page; the real site has about 800 pages, and seven checks (broken
links, repeated ids, blocking scripts, third-party loads, search names, wording) used to parse all of them each.
``facts_of`` reads each page once for all of them (``conftest.built_pages``); each check still asserts on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

LOADING_RELS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}


@dataclass(frozen=True)
class PageFacts:
    ids: list[str]  # every element id, in document order, repeats kept
    links: list[str]  # the href of every <a> and <link> that has one, in order
    blocking_scripts: list[str]  # external scripts neither deferred nor held inert (type text/plain)
    loads: list[str]  # what the browser fetches with the page: src of script, img, iframe… and loading <link>s
    search_names: str | None  # the first [data-search-names] value, if the page has one
    text: str  # the page's visible text, whitespace collapsed


def facts_of(html: str) -> PageFacts:
    soup = BeautifulSoup(html, "html.parser")
    names = soup.select_one("[data-search-names]")
    return PageFacts(
        ids=[tag["id"] for tag in soup.find_all(id=True)],
        links=[tag["href"] for tag in soup.find_all(["a", "link"], href=True)],
        blocking_scripts=[
            s["src"]
            for s in soup.find_all("script", src=True)
            if not s.has_attr("defer") and s.get("type") != "text/plain"
        ],
        loads=[t["src"] for t in soup.find_all(["script", "img", "iframe", "source", "audio", "video"], src=True)]
        + [t["href"] for t in soup.find_all("link", href=True) if LOADING_RELS & set(t.get("rel", []))],
        search_names=names["data-search-names"] if names is not None else None,
        text=" ".join(soup.get_text(" ").split()),
    )


def scan(site: Path) -> dict[str, dict]:
    """Every HTML page of ``site`` (path relative to it, ``actors/x/index.html``) and its facts, as JSON values."""
    return {
        path.relative_to(site).as_posix(): facts_of(path.read_text(encoding="utf-8")).__dict__
        for path in sorted(site.rglob("*.html"))
    }
