"""The site's search index (macros/search): what each page's markup tells it, the files it writes, and their bounds.

The index (README, "Search"; macros/search/writer.py): meta.json, key shards holding each key's champion list, docs
chunks. A first query reads meta.json, one shard per word and one chunk per shown result, so every file is capped in
gzip size; the synthetic tests below feed thousands of pages straight to the builder to show the caps hold as the
site grows. The browser side (the query and the UI) is tested in test_search.py.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest

from macros.search import SearchIndexError, champion, index_site, index_words, indexer, writer
from macros.search.extract import Document, extract
from macros.search.query import rank
from macros.search.tokens import fnv1a32, fold, keys, shard_of, words

from conftest import run_build

INDEX = indexer.BUNDLE_DIR


def read_index(folder) -> tuple[dict, list[dict], list[list]]:
    """meta.json, every key shard and every docs chunk of a written index."""
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    shards = [json.loads((folder / "keys" / f"{s}.json").read_text(encoding="utf-8")) for s in range(meta["shards"])]
    chunks = [
        json.loads((folder / "docs" / f"{c}.json").read_text(encoding="utf-8"))
        for c in range(-(-meta["docs"] // meta["chunk"]))
    ]
    return meta, shards, chunks


def lookup(shards: list[dict], key: str) -> list[int] | None:
    return shards[shard_of(key, len(shards))].get(key)


def ranked(folder, query: str) -> list[str]:
    """The URLs a query finds, in the browser's order (macros/search/query.py, the twin of search-engine.js)."""
    meta, shards, chunks = read_index(folder)
    hits = rank(query, meta["docs"], lambda key: lookup(shards, key), meta)
    return [chunks[h.doc // meta["chunk"]][h.doc % meta["chunk"]][0] for h in hits]


def page(url: str, body: str, *, title: str = "A page", kind: str = "Page", extra: str = "") -> str:
    """A built page as the templates write it: navigation around an article marked for search."""
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><nav><a href='/'>Home navigation</a></nav>"
        f'<article><div class="tme-article" data-search-body data-search-kind="{kind}" '
        f'data-search-heading="{title}"{extra}><h1>{title}</h1>{body}</div></article>'
        f"<footer>Footer words</footer></body></html>"
    )


# --- the index of the real site, as built ------------------------------------------------------------------------


def test_every_page_but_the_404_is_indexed_once(built):
    pages = sorted(
        p.parent.relative_to(built.site).as_posix() + "/"
        for p in built.site.rglob("index.html")
        if INDEX not in p.parts
    )
    meta, _, chunks = read_index(built.site / INDEX)
    urls = [row[0] for chunk in chunks for row in chunk]
    assert [u or "./" for u in urls] == pages  # doc ids in URL order; the home page is "" (the site root)
    assert meta["docs"] == len(pages) > 50
    assert not (built.site / "pagefind").exists()  # Pagefind is the bench's, not the site's
    assert not (built.site / "search" / "search_index.json").exists()  # Material's whole-site index is gone


def test_meta_says_how_to_read_the_index_in_a_handful_of_bytes(built):
    meta, _, _ = read_index(built.site / INDEX)
    assert set(meta) == {"version", "shards", "chunk", "docs", "k", "minPrefix", "maxWords", "maxKey", "minStem"}
    assert (meta["version"], meta["chunk"], meta["k"], meta["minPrefix"], meta["maxWords"]) == (2, 32, 100, 2, 6)
    assert (meta["maxKey"], meta["minStem"]) == (24, 4)
    assert meta["shards"] & (meta["shards"] - 1) == 0  # a power of two
    assert len((built.site / INDEX / "meta.json").read_bytes()) < 120
    files = {p.relative_to(built.site / INDEX).as_posix() for p in (built.site / INDEX).rglob("*") if p.is_file()}
    expected = {f"keys/{s}.json" for s in range(meta["shards"])}
    expected |= {f"docs/{c}.json" for c in range(-(-meta["docs"] // 32))}
    assert files == expected | {"meta.json"}


def test_every_file_is_within_its_gzip_cap(built):
    folder = built.site / INDEX
    shards = list((folder / "keys").iterdir())
    chunks = list((folder / "docs").iterdir())
    assert shards and chunks
    assert max(writer.gzip_size(p.read_bytes()) for p in shards) <= 48 * 1024
    assert max(writer.gzip_size(p.read_bytes()) for p in chunks) <= 16 * 1024
    meta, _, _ = read_index(folder)
    if meta["shards"] > 1:  # S is the smallest such power of two: at S / 2 some shard would be over
        entries = {k: v for shard in read_index(folder)[1] for k, v in shard.items()}
        half = [{} for _ in range(meta["shards"] // 2)]
        for key in sorted(entries):
            half[shard_of(key, len(half))][key] = entries[key]
        assert max(writer.gzip_size(writer.dumps(h).encode()) for h in half) > 48 * 1024


def test_keys_are_in_the_shard_their_groups_hash_names_with_champion_lists_best_first(built):
    meta, shards, _ = read_index(built.site / INDEX)
    for number, shard in enumerate(shards):
        assert list(shard) == sorted(shard)
        for key, entry in shard.items():
            assert shard_of(key, meta["shards"]) == number and len(key) <= 24
            df, docs, scores = entry[0], entry[1::2], entry[2::2]
            assert 0 < len(docs) <= min(df, 100) and len(docs) == len(scores)
            assert all(0 <= d < meta["docs"] for d in docs) and all(s >= 1 for s in scores)
            assert list(zip(scores, docs, strict=True)) == sorted(
                zip(scores, docs, strict=True), key=lambda p: (-p[0], p[1])
            )


@pytest.mark.parametrize(
    ("url", "kind", "title"),
    [
        ("actors/abbas-araghchi/", "Person", "Abbas Araghchi"),
        ("actors/russia/", "State", "Russia"),
        ("treaties/russia-iran-treaty/", "Treaty", None),
        ("quotes/dedov-not-mediators/", "Quote", None),
        ("visit/", "Page", None),
    ],
)
def test_each_page_tells_the_index_its_kind_and_title_inside_the_article_only(built, url, kind, title):
    soup = built.page(url)
    (body,) = soup.select("[data-search-body]")
    assert body["data-search-kind"] == kind
    assert (
        body["data-search-heading"]
        == soup.find("h1").get_text(strip=True).replace("¶", "")
        == (title or body["data-search-heading"])
    )
    assert body.find_parent("article") is not None  # not the header, navigation or footer
    _, _, chunks = read_index(built.site / INDEX)
    (row,) = [r for chunk in chunks for r in chunk if r[0] == url]
    assert row[1:3] == [body["data-search-heading"], kind]
    assert row[3] and len(row[3]) <= 201  # a summary of the page's own text


def test_aliases_are_weighted_and_infobox_labels_are_apart_from_values(built):
    soup = built.page("actors/abbas-araghchi/")
    (aliases,) = [el for el in soup.select("[data-search-weight]") if "Araghchi" in el.get_text()]
    assert aliases.get_text().split("; ")[:2] == ["Araghchi", "Araqchi"]
    assert aliases.find_parent(attrs={"data-search-body": True}) is not None
    document = extract("actors/abbas-araghchi/", (built.site / "actors/abbas-araghchi/index.html").read_text())
    assert ("araqchi", 10) in document.body and ("kind", 1) in document.body and ("person", 1) in document.body
    assert not any(w.startswith("kindperson") for w, _ in document.body)  # "<dt>Kind</dt> <dd>person</dd>"


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("actors/abbas-araghchi/", "abbas araghchi araqchi"),  # name and aliases
        ("actors/russia/", "federation moscow russia russian"),
        ("actors/p5-plus-1/", "p5+1"),
        ("treaties/jcpoa/", "2015 deal iran jcpoa nuclear"),  # short name and aliases, not the official name
        ("glossary/snapback/", "snapback"),
    ],
)
def test_named_records_give_the_index_their_names_as_plain_words(built, url, names):
    (box,) = built.page(url).select("[data-search-body] dl.tme-infobox:not(.tme-infobox--more)")
    found = box["data-search-names"].split()
    assert found == sorted(set(found)) and set(names.split()) <= set(found)  # each once, sorted; and native names
    assert not {"comprehensive", "plan", "action", "person", "kind"} & set(found)  # not the official name, nor labels


def test_an_event_or_a_list_has_a_title_but_no_names(built):
    for url in ("events/araghchi-putin-meeting/", "timeline/"):
        assert not built.page(url).select("[data-search-names]")


@pytest.mark.parametrize("url", ["timeline/", "actors/", "glossary/", "sources/", "claims/", "quotes/", "relations/"])
def test_list_pages_entries_are_not_indexed(built, url):
    """A list page's entries only repeat records whose own pages are indexed: indexed again, they would put the list
    page among the results of every name it lists. Its title and its opening sentence are indexed."""
    (body,) = built.page(url).select("[data-search-body]")
    records = re.compile(r"/(actors|events|quotes|treaties|sources|glossary|claims)/[^/]+/$")
    listed = [a for a in body.select("a[href]") if records.search(urljoin(f"/{url}", a["href"]))]
    assert len(listed) > 5
    # The index never reads an SVG's text (the relations diagram's boxes).
    indexed = [a for a in listed if not (a.find_parent(attrs={"data-search-ignore": True}) or a.find_parent("svg"))]
    assert len(indexed) <= 1, [a["href"] for a in indexed]  # the timeline's opening sentence names the visit
    assert not body.find("h1").find_parent(attrs={"data-search-ignore": True})


def test_a_quote_with_other_renderings_is_summed_up_by_its_words_not_the_note_above_them(built):
    """Search shows each result's summary; a quote's is the quote, not the note that introduces its renderings."""
    _, _, chunks = read_index(built.site / INDEX)
    quotes = {url: summary for chunk in chunks for url, _, kind, summary in chunk if kind == "Quote"}
    with_renderings = [url for url in quotes if built.page(url).select_one(".tme-renderings__intro")]
    assert with_renderings
    assert all(quotes[url].startswith("\u201c") for url in with_renderings), [quotes[u] for u in with_renderings]


def test_a_name_typed_as_a_query_finds_its_record_first(built):
    folder = built.site / INDEX
    for query, expected in [
        ("Lavrov", "actors/sergei-lavrov/"),
        ("Araqchi", "actors/abbas-araghchi/"),  # an alias, above the IRNA headline that spells it so
        ("lavr", "actors/sergei-lavrov/"),  # search as you type
        ("snapback", "glossary/snapback/"),
        ("P5+1", "actors/p5-plus-1/"),
        ("timeline", "timeline/"),
    ]:
        assert ranked(folder, query)[0] == expected, (query, ranked(folder, query)[:3])


def test_every_name_in_the_data_finds_its_record_first_or_among_its_bearers_first(built, built_pages):
    """Every actor's name, each person's surname, every treaty's short name and glossary term, as a query, ranked as
    the browser ranks (``ranked``): its record first, or, where other records bear every word of it in their names
    too ("Thani", two people), one of those first and the record among them."""
    from macros.core import load_dataset
    from macros.render.urls import url_of

    names = {}
    for path in built.site.rglob("index.html"):
        url = path.parent.relative_to(built.site).as_posix() + "/"
        box = built_pages[f"{url}index.html".removeprefix("./")].search_names  # [data-search-names]
        if box is not None:
            names[url] = set(box.split())
    data = load_dataset()
    queries = [(r.name, r) for r in data.all("actors")]
    queries += [(r.name.split()[-1], r) for r in data.all("actors") if r.kind == "person" and " " in r.name]
    queries += [(r.short_name, r) for r in data.all("treaties")]
    queries += [(r.term, r) for r in data.all("glossary")]
    assert len(queries) > 150
    wrong = []
    for query, record in queries:
        expected = url_of(record)
        bearers = {u for u, ws in names.items() if set(words(query)) - {w for w in words(query) if len(w) < 2} <= ws}
        top = ranked(built.site / INDEX, query)[: max(1, len(bearers))]
        if not top or top[0] not in bearers | {expected} or expected not in top:
            wrong.append(f"{query!r}: expected {expected} (bearers {sorted(bearers)}), got {top[:3]}")
    assert wrong == []


def test_the_query_set_finds_its_records_first_or_in_the_first_three(built):
    """bench/search_queries.py's figures on the real site (docs/performance.md gives them before and after): at least
    the floors below, every original and every native name found in the first three, and the issue's two examples
    ("Putin ratified" put the ratification at rank 12 before, "Khamenei negotiate" his remarks at 7) in the first
    three. Outlets' spellings count only once the data has them as aliases."""
    from bench.search_queries import hits, measure, query_set, site_ranking

    outcomes = measure(query_set(), site_ranking(built.site))
    scored = [o for o in outcomes if o.query.kind != "outlets' transliterations"]
    assert hits(scored, 1) >= 0.8 * len(scored) and hits(scored, 3) >= 0.95 * len(scored)
    late = [
        (o.query.query, o.rank)
        for o in outcomes
        if (o.query.kind in ("original words", "native names", "Russian", "Persian") or o.query.query in EXAMPLES)
        and (o.rank is None or o.rank > 3)
    ]
    assert late == []


EXAMPLES = ("Putin ratified", "Khamenei negotiate")


def _index(tmp_path, texts: dict[str, str]):
    pages = [(url, page(url, f"<p>{text}</p>", title=url.strip("/").title())) for url, text in sorted(texts.items())]
    indexer.build(pages, tmp_path / INDEX)
    return lambda query: ranked(tmp_path / INDEX, query)


def test_a_word_finds_its_other_forms_in_english_and_russian(tmp_path):
    find = _index(
        tmp_path,
        {
            "a/": "The negotiations resumed in Muscat.",
            "b/": "The ratification law was signed.",
            "c/": "Переговоры о ратификации договора о стратегическом партнерстве.",
            "d/": "Unrelated words about the weather.",
            "e/": "Treaties and agreements.",
        },
    )
    for query, expected in [
        ("negotiate", "a/"),
        ("negotiating", "a/"),
        ("ratified", "b/"),
        ("ratify", "b/"),
        ("treaty", "e/"),
        ("agreed", "e/"),
        ("переговоров", "c/"),
        ("договоры", "c/"),
        ("стратегического партнерства", "c/"),
    ]:
        assert find(query)[:1] == [expected], query
    assert find("used") == []  # its stem, "use", is too short to look up as a start of words


def test_persian_is_found_however_its_letters_joiners_and_digits_are_typed(tmp_path):
    find = _index(
        tmp_path,
        {
            "fa/": "آیت\u200cالله خامنه\u200cای گفت: آمریکا مانع اصلی توافق است. ۱۴۰۳",
            "ru/": "Ещё одна встреча в Москве.",
            "en/": "Khamenei said the US was the main obstacle.",
        },
    )
    typed = ["خامنه\u200cای", "خامنهای", "خامنه", "ای", "آيت الله", "امريكا مانع", "مانـع", "مانِعِ اصلی", "1403", "١٤٠٣"]
    for query in typed:  # with or without ZWNJ, a part, Arabic ي ك, no madda, tatweel, harakat, digits
        assert find(query)[:1] == ["fa/"], query
    assert find("еще одна")[:1] == find("ещё")[:1] == ["ru/"]


def test_a_query_word_and_its_stem_are_in_one_key_file(built):
    """The first query fetches one key file per word: the file of a word's stem group, which holds its stem too."""
    from macros.search.stems import group, lookup_stem

    meta, shards, _ = read_index(built.site / INDEX)
    keys = [k for shard in shards for k in shard]
    pairs = [(k, lookup_stem(k)) for k in keys if lookup_stem(k)]
    assert len(pairs) > 1000
    assert [(k, s) for k, s in pairs if shard_of(k, meta["shards"]) != shard_of(s, meta["shards"])] == []
    assert group("agreed") == group("agre") == "agr"


# --- words and keys: the Python half of what search-engine.js does -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia–Iran", ["russia", "iran"]),
        ("P5+1", ["p5+1"]),
        ("Araghchi's", ["araghchi", "s"]),
        ("Araghchi’s", ["araghchi", "s"]),
        ("Ḥusayn", ["husayn"]),
        ("Erdoğan İstanbul", ["erdogan", "istanbul"]),
        ("عباس عراقچی", ["عباس", "عراقچی"]),
        ("Сергей Лавров", ["сергей", "лавров"]),  # "й" is a letter of its own: its breve stays
        ("Ёлка, ещё", ["елка", "еще"]),  # "ё" is typed "е" as often as not
        ("عراقچي كشور", ["عراقچی", "کشور"]),  # Arabic yeh and kaf, as Persian yeh and keheh
        ("عــراقچی", ["عراقچی"]),  # tatweel
        ("مُذاکِرات", ["مذاکرات"]),  # harakat
        ("می‌دانیم خامنه‌ای", ["میدانیم", "خامنهای"]),  # a ZWNJ joins
        ("۱۴۰۳ ١٤٠٣ 1403", ["1403", "1403", "1403"]),  # Persian and Arabic-Indic digits
        ("non-aggression, 2025.", ["non", "aggression", "2025"]),
        ("snake_case a.b", ["snake", "case", "a", "b"]),
        ("", []),
    ],
)
def test_words_are_split_and_folded_as_the_spec_says(text, expected):
    assert words(text) == expected


def test_fold_and_hash_match_the_reference_values():
    assert fold("ÉCOLE Ḥusayn") == "ecole husayn"
    assert fnv1a32("") == 2166136261
    assert fnv1a32("a") == 0xE40C292C  # the published FNV-1a 32-bit test vectors
    assert fnv1a32("foobar") == 0xBF9CF968
    assert fnv1a32("лавров") == fnv1a32("лавров".encode().decode())  # over UTF-8 bytes
    assert shard_of("foobar", 8) == 0xBF9CF968 % 8


def test_keys_stop_at_max_key_characters():
    word = "internationalisationsprozesses"  # 30 letters
    assert [k for k, _ in keys(word[:24], 20)] == [word[:24], word[:20], word[:21], word[:22], word[:23]]
    assert list(keys(word, 20)) == [(word[:n], False) for n in range(20, 25)]  # no exact key: only its start
    assert len(list(keys("x" * 5000, 2))) == 23


def test_keys_are_the_word_and_its_prefixes_from_the_fields_minimum():
    assert list(keys("lavrov", 2)) == [
        ("lavrov", True),
        ("la", False),
        ("lav", False),
        ("lavr", False),
        ("lavro", False),
    ]
    assert [k for k, _ in keys("sanctions", 4)] == ["sanctions", "sanc", "sanct", "sancti", "sanctio", "sanction"]
    assert list(keys("s", 2)) == []  # a typed word shorter than two characters is ignored, so it is never a key


def test_names_are_spelled_as_a_typed_query_reads_them():
    assert index_words(["Recep Tayyip Erdoğan", "P5+1"]) == "erdogan p5+1 recep tayyip"
    assert index_words(["Russia", None, "Moscow", "Russian Federation", "Moscow"]) == "federation moscow russia russian"
    assert index_words(["Lavrov", "Sergey Lavrov’s"]) == "lavrov sergey"  # each word once; "s" is no query word


# --- scores and champion lists -------------------------------------------------------------------------------------


def test_a_name_match_beats_a_heading_match_beats_body_text():
    documents = [
        Document("a-body/", "Talks in Moscow", body=[("zarif", 1)] * 20),
        Document("b-heading/", "Zarif in Moscow"),
        Document("c-name/", "Former foreign minister", names=["javad", "zarif"]),
        Document("d-prefix/", "A page", names=["zarifs"]),
    ]
    scores = [champion.scores(d).get("zarif") for d in documents]
    assert scores[2] > scores[1] > scores[0] >= 1
    assert scores[3] < scores[2]  # a name that only starts with the key: half a whole name's score
    index = champion.build(documents)
    assert [doc for doc, _ in index.champions("zarif")] == [2, 3, 1, 0]


def test_each_champion_list_keeps_the_best_k_and_counts_every_document():
    documents = [Document(f"p{n:04}/", "Page", body=[("common", 1)] * (1 + n % 7)) for n in range(250)]
    index = champion.build(documents)
    best = index.champions("common")
    assert len(best) == champion.K == 100 and index.df["common"] == 250
    scores = {n: champion.scores(d)["common"] for n, d in enumerate(documents)}
    expected = sorted(scores, key=lambda n: (-scores[n], n))[:100]  # ties: the lower doc id first
    assert [doc for doc, _ in best] == expected


def test_documents_must_come_in_url_order():
    with pytest.raises(ValueError, match="increasing URL order"):
        champion.build([Document("b/", "B"), Document("a/", "A")])


# --- bounds as the site grows (synthetic pages, fed straight to the builder) ----------------------------------------

COMMON = ["iran", "russia", "treaty", "sanctions", "moscow", "tehran", "talks", "nuclear", "minister", "foreign"]


def synthetic(n: int) -> list[Document]:
    """``n`` pages sharing common words, each with its own name and a few rarer words."""
    docs = []
    for i in range(n):
        rare = [f"topic{(i * 7919) % 997}", f"place{i % 53}", f"word{(i * 31) % 4001}"]
        body = [(w, 1) for w in COMMON * (1 + i % 3) + rare * 2 + [f"unique{i}"]]
        docs.append(
            Document(f"actors/person-{i:06}/", f"Person {i} of {n}", "Person", [f"name{i}", "person"], body, "…")
        )
    return docs


def written(documents: list[Document]) -> dict[str, bytes]:
    return dict(writer.files(champion.build(documents)))


def test_as_pages_grow_shards_multiply_and_every_file_stays_within_its_cap():
    sizes = {}
    for n in (200, 6000):
        files = written(synthetic(n))
        meta = json.loads(files["meta.json"])
        assert meta["docs"] == n
        shards = [data for name, data in files.items() if name.startswith("keys/")]
        chunks = [data for name, data in files.items() if name.startswith("docs/")]
        assert len(shards) == meta["shards"] and len(chunks) == -(-n // 32)
        assert max(map(writer.gzip_size, shards)) <= 48 * 1024
        assert max(map(writer.gzip_size, chunks)) <= 16 * 1024
        entries = {k: v for data in shards for k, v in json.loads(data).items()}
        assert entries["iran"][0] == n and len(entries["iran"]) == 1 + 2 * 100  # df counts all, the list keeps 100
        sizes[n] = (meta["shards"], len(files["meta.json"]))
    (small_s, small_meta), (big_s, big_meta) = sizes[200], sizes[6000]
    assert big_s > small_s
    assert abs(big_meta - small_meta) <= 3  # only the numbers' digits: no per-page or per-shard list


def test_the_same_pages_give_the_same_bytes(tmp_path):
    pages = [(d.url, page(d.url, " ".join(w for w, _ in d.body), title=d.title)) for d in synthetic(300)]
    first = indexer.build(pages, tmp_path / "one")
    second = indexer.build(pages, tmp_path / "two")
    assert first == second
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert one == two and len(one) == 1 + first.shards + first.chunks


def test_a_rebuilt_index_replaces_the_old_one_whole(tmp_path):
    folder = tmp_path / INDEX
    writer.write(champion.build(synthetic(6000)), folder)
    big = {p.name for p in (folder / "keys").iterdir()}
    indexer.build([("a/", page("a/", "one page"))], folder)
    assert {p.name for p in (folder / "keys").iterdir()} == {"0.json"} < big
    assert [p.name for p in tmp_path.iterdir()] == [INDEX]  # nothing left beside it


def _long_word(length: int) -> str:
    """A word of ``length`` letters that repeats no short pattern (gzip would hide a repetitive one's keys)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(letters[(n * n + 7 * n) % 26] for n in range(length))


def _key_bytes(folder) -> int:
    return sum(p.stat().st_size for p in (folder / "keys").iterdir())


@pytest.mark.parametrize("length", [5_000, 20_000])
def test_one_long_word_grows_the_index_by_a_bounded_amount_and_is_found_by_its_start(tmp_path, length):
    """Issue 25: a record named with one 5 000-letter word grew searchindex/keys/ from 532 KB to 13 MB, every start
    of the word a key (about L²/2 bytes). Keys now stop at MAX_KEY characters: the word adds a few dozen keys,
    whatever its length, and typing its start (or the whole word) still finds its page."""
    pages = [(d.url, page(d.url, " ".join(w for w, _ in d.body), title=d.title)) for d in synthetic(40)]
    base = indexer.build(pages, tmp_path / "base")
    word = _long_word(length)
    names = f' data-search-names="{index_words([word])}"'
    pages.append(("zz-long/", page("zz-long/", f"<p>{word} and more</p>", title=word, extra=names)))
    grown = indexer.build(pages, tmp_path / "grown")
    added = _key_bytes(tmp_path / "grown") - _key_bytes(tmp_path / "base")
    assert added < 8 * 1024, added  # 24 keys of at most 24 letters; before: 12 MB at 5 000 letters
    assert grown.bytes - base.bytes < 8 * 1024 + 2 * 200  # and the document's title and summary, cut to 200
    _, shards, _ = read_index(tmp_path / "grown")
    assert max(len(k) for shard in shards for k in shard) == 24
    for query in (word[:3], word[:24], word[:40], word):
        assert ranked(tmp_path / "grown", query)[0] == "zz-long/", query


# --- hostile text --------------------------------------------------------------------------------------------------

HOSTILE = [
    "</script><img src=x onerror=alert(1)>",
    "He said \"no\" and 'yes' \\ back",
    "line\u2028separator\u2029paragraph",
    "\u202eRTL override عباس\u202c",
    "nul-ish \x00 \x01\x7f\ufeff end",
    "lone \ud800 surrogate",
]


def test_hostile_titles_names_and_text_come_out_as_json_with_the_text_intact(tmp_path):
    from html import escape

    pages = []
    for n, text in enumerate(HOSTILE):
        body = f"<p>{escape(text)}</p>"
        extra = f' data-search-names="{escape(index_words([text]))}"'
        pages.append((f"p{n}/", page(f"p{n}/", body, title=escape(text, quote=True), extra=extra)))
    written_ = indexer.build(pages, tmp_path / INDEX)
    _, shards, chunks = read_index(tmp_path / INDEX)  # every file parses as JSON
    rows = [row for chunk in chunks for row in chunk]
    assert written_.docs == len(HOSTILE)
    for row, text in zip(rows, HOSTILE, strict=True):
        clean = " ".join(text.split()).encode("utf-8", "replace").decode()  # a lone surrogate cannot be UTF-8: "?"
        assert row[1] == clean and row[3] == clean  # title and summary: the text itself, not markup
    assert lookup(shards, "onerror") and lookup(shards, "عباس") and lookup(shards, "separator")
    raw = b"".join(p.read_bytes() for p in (tmp_path / INDEX).rglob("*.json"))
    assert b"</script>" in raw  # stays text inside a JSON string; it is never written into HTML


def test_markup_outside_the_body_and_in_ignored_parts_is_not_indexed():
    body = (
        '<p>Visible words <span class="tme-cites"><a>IRNA</a></span></p>'
        '<div data-search-ignore><p>listed entry</p></div><a class="headerlink">permalink</a>'
        '<div id="cite-this-page">citeme</div><script>var scripted = 1</script><style>.styled{}</style>'
        "<svg><text>diagram</text></svg><template>templated</template>"
        '<div data-search-weight="3"><p>heavy</p></div>'
    )
    document = extract("x/", page("x/", body, title="Title words"))
    found = {w for w, _ in document.body}
    assert {"visible", "words", "heavy", "title"} <= found
    assert not found & {"irna", "listed", "entry", "permalink", "citeme", "scripted", "styled", "diagram", "templated"}
    assert not found & {"navigation", "footer", "home"}
    assert ("heavy", 3) in document.body
    assert document.summary == "Visible words heavy"
    assert extract("404.html", "<html><body><h1>Not found</h1></body></html>") is None


def test_the_summary_is_the_first_paragraphs_else_the_text_after_the_title_cut_at_a_word():
    long = " ".join(f"word{n}" for n in range(100))
    document = extract("x/", page("x/", f"<ul><li>listed</li></ul><p>First <em>para</em>.</p><p>{long}</p>"))
    assert document.summary.startswith("First para. word0 word1 ")
    assert document.summary.endswith("…") and len(document.summary) <= 200
    assert document.summary[:-1].split()[-1] in long.split()  # a whole word before the cut
    assert extract("y/", page("y/", "<ul><li>one</li><li>two <b>three</b></li></ul>")).summary == "one two three"


def test_bad_markup_is_a_located_error(tmp_path):
    twice = page("x/", '<div data-search-body="">again</div>')
    with pytest.raises(SearchIndexError, match=r"x/: more than one element has data-search-body"):
        indexer.build([("x/", twice)], tmp_path / INDEX)
    weight = page("y/", '<div data-search-weight="heavy">x</div>')
    with pytest.raises(SearchIndexError, match=r"y/: data-search-weight='heavy' is not a whole number"):
        indexer.build([("y/", weight)], tmp_path / INDEX)
    assert not (tmp_path / INDEX).exists()  # no half index


def test_a_page_with_two_search_bodies_stops_the_build_with_that_message(project_copy, tmp_path):
    (project_copy / "docs" / "visit.md").write_text(
        (project_copy / "docs" / "visit.md").read_text(encoding="utf-8") + "\n<div data-search-body>x</div>\n",
        encoding="utf-8",
    )
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "search index: visit/: more than one element has data-search-body" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()  # the last good site (none here) is left as it was


def test_index_site_indexes_a_folder_of_pages(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page("a/", "<p>alpha words</p>", title="Alpha"), encoding="utf-8")
    (tmp_path / "index.html").write_text(page("", "<p>home words</p>", title="Home"), encoding="utf-8")
    (tmp_path / "404.html").write_text("<html><body>Not found</body></html>", encoding="utf-8")
    done = index_site(tmp_path)
    assert (done.docs, done.shards, done.chunks) == (2, 1, 1)
    assert ranked(tmp_path / INDEX, "alpha") == ["a/"] and ranked(tmp_path / INDEX, "home") == [""]


def test_python_word_characters_are_exactly_letters_numbers_and_plus():
    """tokens.words relies on ``\\w`` being the letters and numbers and "_" in this Python's Unicode database."""
    import sys

    from macros.search.tokens import is_word_char

    word = re.compile(r"[\w+]")
    wrong = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and chr(c) != "_" and bool(word.match(chr(c))) != is_word_char(chr(c))
    ]
    assert wrong == []


def test_a_partial_preview_build_keeps_the_last_index_whole(tmp_path):
    """Under `mkdocs serve`, a build that re-renders only some record pages links the last full build's index into
    the new site (macros/mkdocs_glue/incremental.py): every file of it, the same bytes."""
    from macros.mkdocs_glue.incremental import Built, Preview

    old = tmp_path / "old"
    indexer.build([(d.url, page(d.url, "<p>words</p>", title=d.title)) for d in synthetic(40)], old / INDEX)
    preview = Preview(last=Built("", None, frozenset(), {}, old), rebuild=set())
    staging = tmp_path / "staging"
    staging.mkdir()
    assert preview.carry_site_wide_files(staging)
    kept = {p.relative_to(staging): p.read_bytes() for p in (staging / INDEX).rglob("*") if p.is_file()}
    assert kept == {p.relative_to(old): p.read_bytes() for p in (old / INDEX).rglob("*") if p.is_file()}
    assert (staging / INDEX / "meta.json") in {staging / k for k in kept}
