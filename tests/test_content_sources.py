"""Sources a reader can open: the Sources index by outlet and by kind with what each supports, and each source's
page with outlet, title, address, date (or "date unknown" and why), language, kind and where it was seen."""

from __future__ import annotations

from collections import Counter

from content_helpers import language_name, row, words

from macros.core import load_dataset
from macros.render.labels import SOURCE_KIND_HEADINGS, SOURCE_KIND_LABELS

DATA = load_dataset()
SOURCES = DATA.all("sources")


def _index_parts(built):
    """The Sources index and its further parts: the real data fills more than one."""
    return built.parts("sources/")


def _item(parts, source_id):
    return next(item for page in parts if (item := page.select_one(f"#source-{source_id}")) is not None)


def test_every_source_is_listed_once_under_its_outlet(built):
    parts = _index_parts(built)
    items = [li for page in parts for li in page.select("li.tme-sources__item")]
    assert sorted(li["id"] for li in items) == sorted(f"source-{s.id}" for s in SOURCES)
    for source in SOURCES:
        item = _item(parts, source.id)
        section = item.find_parent("section", class_="tme-outlet")
        assert section["id"] == f"outlet-{source.outlet}"
        assert item.select_one("a.tme-source")["href"] == source.url
        assert SOURCE_KIND_LABELS[source.kind] in words(item)
    outlets = {s.outlet for s in SOURCES}
    assert {section["id"] for page in parts for section in page.select("section.tme-outlet")} == {
        f"outlet-{o}" for o in outlets
    }
    for page in parts:
        assert words(page.select_one(".tme-count")).startswith(f"{len(SOURCES)} sources from {len(outlets)} outlets.")


def test_the_summary_by_kind_counts_every_source(built):
    page = built.page("sources/")
    summary = {words(li.strong): words(li) for li in page.select("ul.tme-source-kinds > li")}
    counts = Counter(s.kind for s in SOURCES)
    assert set(summary) == {SOURCE_KIND_HEADINGS[k] for k in counts}
    for kind, n in counts.items():
        assert f": {n} source{'s' if n != 1 else ''}, from " in summary[SOURCE_KIND_HEADINGS[kind]]
    anchors = {a["href"] for a in page.select("ul.tme-source-kinds a")}
    assert {"#" + href.split("#", 1)[1] for href in anchors} == {f"#outlet-{s.outlet}" for s in SOURCES}
    for href in anchors:  # an outlet listed in a later part is linked there: page/2/#outlet-…
        part = href.split("#", 1)[0]
        assert (built.site / "sources" / part / "index.html").exists(), href
        assert built.page(f"sources/{part}").select_one("#" + href.split("#", 1)[1]) is not None, href


def test_each_source_says_what_it_supports(built):
    parts = _index_parts(built)
    for source in SOURCES:
        cited = DATA.index.all_referrers(("sources", source.id))
        expected = {f"../{coll}/{rid}/" for (coll, _), ids in cited.items() for rid in ids}
        supports = _item(parts, source.id).select_one(".tme-supports")
        shown = {a["href"] for a in supports.select("a")} if supports else set()
        if parts[0].select_one(f"#source-{source.id}") is None:  # a later part sits two folders deeper
            shown = {href.removeprefix("../../") for href in shown}
        # a source that cites another (citations: {note: […]}) is linked from the Sources index as a sibling
        shown = {href if href.startswith("../") else f"../sources/{href}" for href in shown}
        assert shown == expected, source.id
    irna = _item(parts, "irna-85762221").select_one(".tme-supports")
    assert "quotes:" in words(irna)


def test_a_source_page_shows_everything_a_reader_needs_to_open_it(built):
    for source in SOURCES:
        page = built.page(f"sources/{source.id}/")
        outlet = DATA.get("actors", source.outlet)
        assert words(row(page, "Outlet")) == outlet.name
        assert " ".join(row(page, "Title").get_text().split()) == " ".join(source.title.split())
        assert row(page, "Address").a["href"] == source.url
        published = row(page, "Published")
        if source.published:
            assert published.time["datetime"] == source.published.iso
        else:
            assert words(published) == "date unknown"
            assert row(page, "About the date") is not None, f"{source.id} says why its date is unknown"
        if source.language:
            assert words(row(page, "Language")) == language_name(source.language)
        assert words(row(page, "Kind")) == SOURCE_KIND_LABELS[source.kind]
        if source.seen_via:
            assert row(page, "Seen via").a["href"] == source.seen_via.url
        else:
            assert row(page, "Seen via") is None


def test_the_seed_article_is_one_source_among_many(built):
    article = DATA.get("sources", "article-lavrov-visit-tehran")
    assert article.url.startswith("https://") and article.published is None and article.date_note
    assert len(SOURCES) >= 50
    assert sum(1 for s in SOURCES if s.seen_via) >= 1, "sources seen only through a mirror say so"
