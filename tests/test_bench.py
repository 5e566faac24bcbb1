"""The benchmark's generator and floor still produce valid sites (run small; nothing here is timed)."""

from __future__ import annotations

import json
import re

import pytest

from bench import index_scale
from bench.floor import write_floor
from bench.generate import actor_id, generate
from bench.run import main
from macros.core import load_dataset

from conftest import browser_missing, run_build


def test_generated_project_validates_builds_and_links(tmp_path):
    project = generate(20, tmp_path / "site-20")
    dataset = load_dataset(root=project)
    assert len(dataset.records["actors"]) == 20
    assert len(dataset.records["quotes"]) == 200
    assert len(dataset.records["treaties"]) == len(dataset.records["events"]) == 2

    result = run_build(project, project / "site")
    assert result.returncode == 0, result.output
    speaker = result.page(f"actors/{actor_id(0)}/")
    hrefs = {a["href"] for a in speaker.select("article a")}
    assert "../../quotes/quote-0000000/" in hrefs
    assert "../../visit/" not in hrefs and "../../" in hrefs  # the synthetic home page mentions actor 0

    floor = write_floor(project, project / "site", tmp_path / "floor-20")
    floor_result = run_build(floor, floor / "site")
    assert floor_result.returncode == 0, floor_result.output

    def urls(site):
        return sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))

    assert urls(floor / "site") == urls(project / "site")

    # The index at three times the size, from renumbered copies of these pages: more documents, the same caps.
    sample = index_scale.sample_documents(project / "site")
    records = [d for d in sample if re.search(r"\d{6,}", d.url)]
    built_index = index_scale.figures(project / "site")
    tripled = index_scale.at_scale(60, project / "site", 20, tmp_path)
    assert built_index.docs == len(sample) and tripled.docs == len(sample) + 2 * len(records)
    assert tripled.largest_shard_gzip <= 48 * 1024 and tripled.largest_chunk_gzip <= 16 * 1024
    assert tripled.shards >= built_index.shards
    assert tripled.worst_first_query <= 6 * 48 * 1024 + 10 * 16 * 1024 + tripled.meta_gzip + tripled.search_assets_gzip


def test_record_pages_have_the_same_shape_at_every_size(tmp_path):
    small = load_dataset(root=generate(20, tmp_path / "a"))
    large = load_dataset(root=generate(60, tmp_path / "b"))
    key = ("actors", actor_id(0))
    for collection in ("quotes", "treaties", "events", "actors"):
        assert len(small.index.referrers(key, collection)) == len(large.index.referrers(key, collection))


def test_the_benchmark_prints_every_figure_at_a_tiny_size(tmp_path, capsys):
    """The whole benchmark at N = 20: builds, reader bytes in Chromium, the preview after an edit (nothing timed)."""
    if browser_missing():
        pytest.skip(browser_missing())
    results = tmp_path / "results.json"
    argv = ["--sizes", "20", "--repeat", "1", "--serve-at", "20", "--work", str(tmp_path), "--results", str(results)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "| largest HTML page: site / floor | page view: site / floor / floor+Pagefind |" in printed
    rows = [line for line in printed.splitlines() if line.startswith("| 20 |")]
    # two tables, as it goes and at the end; the bytes of each query by kind, both sides; the search index
    assert len(rows) == 4 + 2 * 2 + 1
    (figures,) = json.loads(results.read_text())
    assert figures["serve_rebuild_s"] is not None  # returned only once the edited page was served
    assert "name: Edited 000000" in (tmp_path / "site-20" / "data" / "actors" / "actors-000000.yml").read_text()
    assert figures["largest_page"]["bytes"] > 0 and figures["floor_largest_page"]["url"].startswith("/")
    assert (
        "| N | query | side | total | search meta | key shards | doc chunks | pf_meta | wasm | index chunks |"
        in printed
    )
    assert "| N | docs | shards S | index files |" in printed
    assert figures["site_index"]["docs"] == figures["pages"]  # every page (the 404 page, not counted, is not indexed)
    assert figures["index_worst_first_query"] > figures["site_index"]["largest_shard_gzip"] > 0
    floor_pages = [p for p in (tmp_path / "floor-20" / "site").rglob("*.html") if "pagefind" not in p.parts]
    indexed = list((tmp_path / "floor-20" / "site" / "pagefind" / "fragment").iterdir())
    assert len(indexed) == len(floor_pages) > 200  # Pagefind on the floor indexes every page, as on the site
    for reader in figures["reader"].values():
        for side, expected in (
            ("site", {"search meta", "key shards", "doc chunks", "site's search js/css"}),  # loaded on opening search
            ("floor", {"pf_meta", "wasm", "index chunks"}),
        ):  # every byte of a first query is put under one kind of file
            kinds = reader[side]["first_query_by_kind"]
            assert sum(kinds.values()) == reader[side]["first_query"] and expected <= set(kinds), kinds
        assert not {"pf_meta", "wasm", "Pagefind UI js/css"} & set(reader["site"]["first_query_by_kind"])
        assert reader["site"]["page_view_search"] == 0  # a page view fetches nothing of search
        assert reader["site"]["page_view"] > 0 and reader["site"]["first_query"] > 0
        assert reader["floor"]["page_view_search"] > 0  # Material's search fetches its index on every page view
        assert reader["floor"]["first_query"] > 0  # Pagefind's API on the floor fetched its chunks


def test_query_bytes_are_told_apart_by_file_kind():
    from bench.reader import by_kind, kind_of

    assert kind_of("/searchindex/meta.json") == "search meta"
    assert kind_of("/searchindex/keys/12.json") == "key shards"
    assert kind_of("/searchindex/docs/3.json") == "doc chunks"
    assert kind_of("/assets/search-engine.js") == kind_of("/assets/search.css") == "site's search js/css"
    assert kind_of("/assets/javascripts/bundle.a5f9d56c.min.js") == "Material's js (first interaction)"
    assert kind_of("/pagefind/pagefind.en_9af17f95e0.pf_meta") == "pf_meta"
    assert kind_of("/pagefind/wasm.en.pagefind") == "wasm"
    assert kind_of("/pagefind/index/en_1a2b3c4.pf_index") == "index chunks"
    assert kind_of("/pagefind/fragment/en_0a48039.pf_fragment") == "fragments"
    assert kind_of("/pagefind/pagefind-ui.js?ts=1") == "Pagefind UI js/css"
    assert kind_of("/pagefind/pagefind.js") == kind_of("/pagefind/pagefind-entry.json") == "Pagefind loader and worker"
    assert kind_of("/assets/search.js") == "site's search js/css" and kind_of("/favicon.png") == "other"
    assert by_kind([("/pagefind/a.pf_index", 3), ("/x.png", 1), ("/pagefind/b.pf_index", 4)]) == {
        "index chunks": 7,
        "other": 1,
    }
