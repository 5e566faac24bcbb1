"""Markup hygiene on the built site: unique ids, an escaped 404 head, readers-only navigation."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT


def test_no_page_repeats_an_element_id(built, built_pages):
    repeated = {}
    assert len(built_pages) == len(list(built.site.rglob("*.html"))) > 50  # every page was read
    for page, facts in built_pages.items():
        ids = Counter(facts.ids)
        dupes = {i: n for i, n in ids.items() if n > 1}
        if dupes:
            repeated[page] = dupes
    assert not repeated


def test_no_page_loads_a_script_that_blocks_its_first_paint(built, built_pages):
    """Every external script is deferred, and Material's bundle is not loaded with the page at all: its tag is inert
    (type text/plain, its address in data-src) and assets/material-on-interaction.js loads it on the reader's first
    interaction (scripts/lighthouse.sh; test_browser_material.py runs it). Inline scripts in the head stay: they are
    tiny and set state the first paint needs (Material's palette, the tme-js class)."""
    blocking = {page: facts.blocking_scripts for page, facts in built_pages.items() if facts.blocking_scripts}
    assert not blocking
    home = BeautifulSoup((built.site / "index.html").read_text(encoding="utf-8"), "html.parser")
    (held,) = home.select("script[data-tme-on-interaction]")
    assert "javascripts/bundle." in held["data-src"] and held["type"] == "text/plain"
    assert not held.has_attr("src")  # a data block may not have one (Nu validator)
    assert not [s for s in home.find_all("script", src=True) if "javascripts/bundle." in s["src"]]
    assert any(s["src"].endswith("material-on-interaction.js") for s in home.find_all("script", defer=True))


def test_a_quote_said_and_published_by_an_outlet_is_listed_once_with_its_anchor(built):
    """Khabar Online is both the speaker and the publisher of its words: the card appears once, with its id."""
    page = built.page("actors/khabar-online/")
    cards = page.select('figure.tme-quote[data-record="quotes/khabar-online-versailles"]')
    assert [c.get("id") for c in cards] == ["quote-khabar-online-versailles"]


HOSTILE = 'It said "hi"><script>alert(1)</script><meta name="x" content=\'&amp;'


def give_the_site_a_hostile_description(project: Path) -> None:
    """The edit (tests/edited.py): mkdocs.yml's site_description closes its attribute and opens a script."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("site_description:")
    end = text.index("site_url:")
    quoted = HOSTILE.replace("'", "''")
    config.write_text(text[:start] + f"site_description: '{quoted}'\n" + text[end:], encoding="utf-8")


def test_404_head_escapes_a_hostile_site_description(edited):
    result = edited
    for page in ("404.html", "index.html", "about/index.html"):
        soup = BeautifulSoup((result.site / page).read_text(encoding="utf-8"), "html.parser")
        assert not [s for s in soup.find_all("script") if s.get_text().strip() == "alert(1)"], page
        assert not soup.select('meta[name="x"]'), page
        (description,) = soup.select('meta[name="description"]')
        assert description["content"] in (HOSTILE, " ".join(HOSTILE.split())), page


def test_404_page_is_not_indexed_and_lists_the_readers_pages(built):
    soup = BeautifulSoup((built.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not soup.select("[data-search-body]")
    hrefs = [a["href"] for a in soup.select("article a")]
    assert any(h.endswith("actors/") for h in hrefs)


def test_readers_navigation_has_no_contributor_pages(built):
    page = built.page("")
    titles = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a")]
    hrefs = [a["href"] for a in page.select("nav.md-nav--primary a")]
    assert "Timeline" in titles
    assert "Who is who" in titles
    assert not any("Performance" in t for t in titles)
    assert not any("performance" in h for h in hrefs)
    assert (built.site / "performance" / "index.html").exists()  # still built, linked from About
    about = built.page("about/")
    assert any(a["href"].endswith("performance/") for a in about.select("article a"))


def extra_css() -> list[str]:
    """The stylesheets mkdocs.yml lists under extra_css, in order."""
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("extra_css:") + 1
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("  - "))
    return [line.removeprefix("  - ").split("#")[0].strip() for line in lines[start:end]]


def test_the_site_stylesheets_arrive_as_one_file_in_their_order(built):
    """mkdocs.yml's extra_css files are joined into assets/site.css (macros/mkdocs_glue/stylesheets.py): a page blocks
    its first paint on Material's two stylesheets and this one, not on one request per source file."""
    sources = extra_css()
    assert len(sources) > 1
    joined = (built.site / "assets/site.css").read_text(encoding="utf-8")
    at = [joined.index((ROOT / "docs" / path).read_text(encoding="utf-8").strip()) for path in sources]
    assert at == sorted(at)
    for page in ("index.html", "visit/index.html", "actors/sergei-lavrov/index.html", "404.html"):
        soup = BeautifulSoup((built.site / page).read_text(encoding="utf-8"), "html.parser")
        hrefs = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
        assert len(hrefs) == 3 and hrefs[2].endswith("assets/site.css"), (page, hrefs)
        assert all("/stylesheets/" in href for href in hrefs[:2]), (page, hrefs)  # Material's main and palette
