"""The treaty page answers a reader's first questions: official name, informal labels, signing, length, term,
renewal, entry into force, provisions with article numbers (and the clause it does not have), what it replaces, and
the full status history with disputed dates flagged and every value shown."""

from __future__ import annotations

from content_helpers import cited_ids, resolve, row, words

from macros.core import load_dataset

DATA = load_dataset()
TREATY = DATA.get("treaties", "russia-iran-treaty")


def test_official_name_and_informal_labels(built):
    page = built.page("treaties/russia-iran-treaty/")
    assert words(page.select_one("article h1")) == TREATY.name
    assert words(row(page, "Official name")).startswith(TREATY.name)
    informal = [a for a in TREATY.aliases if a.informal]
    assert informal, "the article's label is recorded as an informal alias"
    labels = row(page, "Informal labels")
    for alias in informal:
        item = next(li for li in labels.select("li") if f"“{alias.name}”" in words(li))
        assert "informal" in words(item.select_one(".tme-kind"))
    formal = words(row(page, "Also known as"))
    assert all(a.name not in formal for a in informal), "an informal label is never listed as a name"


def test_signing_day_place_and_signatories_with_sources(built):
    page = built.page("treaties/russia-iran-treaty/")
    signed = row(page, "Signed")
    assert signed.time["datetime"] == "2025-01-17"
    assert TREATY.signed.place in words(signed)
    assert cited_ids(signed) == list(TREATY.signed.sources)
    signatories = row(page, "Signatories")
    assert [a["href"] for a in signatories.select("a.tme-ref")] == [f"../../actors/{p}/" for p in TREATY.signatories]
    assert cited_ids(signatories) == list(TREATY.signed.sources)


def test_length_term_renewal_and_entry_into_force(built):
    page = built.page("treaties/russia-iran-treaty/")
    assert words(row(page, "Length")).startswith("47 articles")
    assert words(row(page, "Term")).startswith(TREATY.term)
    assert words(row(page, "Renewal")).startswith(TREATY.renewal)
    assert words(row(page, "Entry into force")).startswith(" ".join(TREATY.entry_into_force.split()))
    for label, field in (("Length", "articles"), ("Term", "term"), ("Entry into force", "entry_into_force")):
        assert cited_ids(row(page, label)) == list(TREATY.citations[field])


def test_provisions_show_article_numbers_and_the_clause_it_does_not_have(built):
    page = built.page("treaties/russia-iran-treaty/")
    shown = page.select(".tme-provisions .tme-provision")
    for provision, item in zip(TREATY.provisions, shown, strict=True):
        heading = words(item.dt)
        if provision.article and provision.article[0].isdigit():
            assert heading.startswith(f"Article {provision.article}:") or heading.startswith(
                f"Not in the treaty Article {provision.article}:"
            )
        assert item.get("data-topic") == provision.topic
        assert ("tme-provision--absent" in item["class"]) == provision.absent
        assert ("Not in the treaty" in heading) == provision.absent
    absent = [p for p in TREATY.provisions if p.absent]
    assert [p.topic for p in absent] == ["mutual-defence"], "the treaty has no mutual-defence clause, and says so"
    article_3 = [p for p in TREATY.provisions if (p.article or "").startswith("3")]
    assert any(p.topic == "non-aid-to-aggressor" for p in article_3)


def test_replaces_and_replaced_by_link_both_ways(built):
    page = built.page("treaties/russia-iran-treaty/")
    link = row(page, "Replaces").select_one("a.tme-ref")["href"]
    assert resolve("treaties/russia-iran-treaty/", link) == f"treaties/{TREATY.replaces}/"
    older = built.page(f"treaties/{TREATY.replaces}/")
    link = row(older, "Replaced by").select_one("a")["href"]
    assert resolve(f"treaties/{TREATY.replaces}/", link) == "treaties/russia-iran-treaty/"


def test_status_history_flags_disputed_dates_and_shows_both_values(built):
    page = built.page("treaties/russia-iran-treaty/")
    items = page.select("ol.tme-status > li")
    assert len(items) == len(TREATY.status) >= 7
    for entry, item in zip(TREATY.status, items, strict=True):
        assert item.select_one(".tme-status__date time")["datetime"] == entry.date.iso
        flagged = item.select_one(".tme-label--disputed") is not None
        assert flagged == bool(entry.disputed or entry.other_dates)
        shown = [t["datetime"] for t in item.select(".tme-other-dates time")]
        assert shown == [o.date.iso for o in entry.other_dates]
    duma = next(i for e, i in zip(TREATY.status, items, strict=True) if e.other_dates and e.date.iso == "2025-04-08")
    assert "8 April 2025" in words(duma) and "Also reported as 7 April 2025" in words(duma)


def test_jcpoa_is_concluded_not_signed(built):
    jcpoa = DATA.get("treaties", "jcpoa")
    assert jcpoa.signed is None and jcpoa.status[0].status == "concluded"
    page = built.page("treaties/jcpoa/")
    assert row(page, "Signed") is None
    assert "Concluded" in words(page.select_one("ol.tme-status > li"))
