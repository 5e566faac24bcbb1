"""The real site, built into a temporary folder: pages, verbatim quotes, links both ways, no broken links."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urldefrag

import pytest

from macros.core import load_dataset
from macros.core.collections import registry

ARTICLE = Path(__file__).parent / "fixtures" / "article.md"
DATA = load_dataset()


def article_quotes() -> list[str]:
    """Every quotation in the article: the text between “ and ”, longer than a short phrase."""
    return re.findall(r"“([^”]+)”", ARTICLE.read_text(encoding="utf-8"))


def test_every_record_has_its_page_and_every_collection_an_index(built):
    for info in registry().collections:
        assert (built.site / info.name / "index.html").is_file()
        for record in DATA.all(info.name):
            page = built.site / info.name / record.id / "index.html"
            assert page.is_file(), f"no page for {info.name}/{record.id}"


def test_every_article_quote_appears_verbatim_with_its_speaker_linked(built):
    quotes_by_text = {q.text: q for q in DATA.all("quotes")}
    for words in article_quotes():
        assert words in quotes_by_text, f"article quote missing from data: {words[:60]}"
        q = quotes_by_text[words]
        page = built.page(f"quotes/{q.id}/")
        card = page.select_one(f"#quote-{q.id}")
        assert card.blockquote.get_text() == f"“{words}”"
        speaker = card.select_one(".tme-quote__speaker a")
        assert speaker["href"] == f"../../actors/{q.speaker}/"


def test_back_links_both_ways(built):
    lavrov = built.page("actors/sergei-lavrov/")
    quote_links = {a["href"] for a in lavrov.select("a")}
    assert "../../quotes/lavrov-diplomatic-potential-jcpoa/" in quote_links
    assert "../../events/lavrov-visit-tehran/" in quote_links
    assert "../../visit/" in quote_links, "narrative pages that mention an actor are listed on its page"
    visit = built.page("events/lavrov-visit-tehran/")
    assert "../../actors/sergei-lavrov/" in {a["href"] for a in visit.select("a")}
    treaty = built.page("treaties/russia-iran-treaty/")
    assert {"../../actors/russia/", "../../actors/iran/"} <= {a["href"] for a in treaty.select("a")}
    russia = built.page("actors/russia/")
    assert "../../treaties/russia-iran-treaty/" in {a["href"] for a in russia.select("a")}


def test_every_name_on_a_narrative_page_links_to_its_page(built):
    page = built.page("visit/")
    hrefs = {a["href"] for a in page.select("article a")}
    for actor in ("sergei-lavrov", "abbas-araghchi", "masoud-pezeshkian", "alexey-dedov", "isna", "p5-plus-1"):
        assert f"../actors/{actor}/" in hrefs


def _internal_links(page: str, hrefs: list[str]):
    """The links of the page at ``page`` (``actors/x/index.html``) inside the site: (href, target path, fragment)."""
    base = posixpath.dirname(page)
    for href in hrefs:
        if re.match(r"^[a-z][a-z0-9+.-]*:", href) or href.startswith("//"):
            continue
        url, fragment = urldefrag(href)
        # 404.html links from the site root (the test build's site_url path is "/")
        target = url.lstrip("/") or "." if url.startswith("/") else posixpath.join(base, url)
        yield href, posixpath.normpath(target), fragment


def test_no_internal_link_or_anchor_is_broken(built, built_pages):
    broken = []
    for page, facts in built_pages.items():
        for href, target, fragment in _internal_links(page, facts.links):
            path = built.site / target
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page} → {href}")
                continue
            if fragment and path.suffix == ".html":
                ids = built_pages[path.relative_to(built.site).as_posix()].ids
                if fragment not in ids:
                    broken.append(f"{page} → {href} (no anchor)")
    assert len(built_pages) == len(list(built.site.rglob("*.html"))) > 50  # every page was read
    assert not broken, "\n".join(broken[:20])


def test_sidebar_lists_narratives_and_indexes_not_every_record(built):
    page = built.page("actors/sergei-lavrov/")
    nav_links = {a["href"] for a in page.select("nav.md-nav--primary a")}
    assert not any("/actors/" in h and h.rstrip("/").split("/")[-1] not in ("actors", "..") for h in nav_links)
    assert any(h.endswith("visit/") for h in nav_links)


@pytest.mark.parametrize("collection", ["actors", "quotes", "treaties", "events", "sources", "glossary"])
def test_index_pages_list_every_record(built, collection):
    hrefs = {a["href"] for page in built.parts(f"{collection}/") for a in page.select("article a")}
    linked = {h.removeprefix("../../") for h in hrefs}  # a later part links up from page/N/
    for record in DATA.all(collection):
        assert f"{record.id}/" in linked
