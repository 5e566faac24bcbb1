"""The search query set and its figures: hits@1 and hits@3 of the site's search on queries whose answer is known.

``python -m bench.search_queries [SITE_DIR]`` (default ``site/``, built with ``make build``) prints, for each kind of
query, how many find one of their expected records first (hits@1) and among the first three results (hits@3), then
every query that does not, with the rank it got. The ranking is the browser's (macros/search/query.py, the twin of
docs/assets/search-engine.js; tests/test_search.py checks the two agree on this set).

The set: the hand-written queries of bench/search-queries.yml (word forms, Russian and Persian words, outlets'
transliterations), and queries made from the data, so that a record added tomorrow is measured too:
- every actor's name in another script (``native_names``), and each Persian one typed with Arabic letters (ي, ك);
- for every quote with its original words, the first three words of four letters or more of the original;
- every alias of an actor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.core import load_dataset
from macros.core.dataset import Dataset
from macros.render.urls import url_of
from macros.search.query import rank
from macros.search.tokens import shard_of

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "bench" / "search-queries.yml"
_ARABIC_LETTERS = str.maketrans({"ی": "ي", "ک": "ك"})
_WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True)
class Query:
    kind: str
    query: str
    expected: tuple[str, ...]  # site-relative URLs of the records it should find: "events/duma-ratification/"


def hand_written(data: Dataset, path: Path = QUERIES) -> list[Query]:
    """The queries of ``path``; an expected record the data does not have is an error (a renamed id)."""
    found = []
    for group in yaml.safe_load(path.read_text(encoding="utf-8")):
        for entry in group["queries"]:
            urls = []
            for ref in entry["expected"]:
                collection, record_id = ref.split("/")
                record = data.get(collection, record_id)
                if record is None:
                    raise ValueError(f"{path.name}: query {entry['query']!r} expects {ref}, which is not in data/")
                urls.append(url_of(record))
            found.append(Query(group["kind"], entry["query"], tuple(urls)))
    return found


def from_data(data: Dataset) -> list[Query]:
    """Queries made from the records: native names (and their Arabic spellings), originals' words, aliases."""
    actors = list(data.all("actors"))
    by_name: dict[str, list[str]] = {}
    for actor in actors:
        for native in actor.native_names:
            by_name.setdefault(native.name, []).append(url_of(actor))
    queries = [Query("native names", name, tuple(urls)) for name, urls in by_name.items()]
    for name, urls in by_name.items():
        arabic = name.translate(_ARABIC_LETTERS)
        if arabic != name:
            queries.append(Query("Persian typed with Arabic letters", arabic, tuple(urls)))
    by_original: dict[str, list[str]] = {}
    for quote in data.all("quotes"):
        if quote.original:
            by_original.setdefault(quote.original.text, []).append(url_of(quote))
    for text, urls in by_original.items():
        queries.append(Query("original words", " ".join(_WORD.findall(text)[:3]), tuple(urls)))
    by_alias: dict[str, list[str]] = {}
    for actor in actors:
        for alias in actor.aliases:
            by_alias.setdefault(alias.casefold(), []).append(url_of(actor))
    queries += [Query("aliases", alias, tuple(urls)) for alias, urls in by_alias.items()]
    return queries


def query_set(data: Dataset | None = None) -> list[Query]:
    data = data or load_dataset()
    return hand_written(data) + from_data(data)


def site_ranking(site: Path) -> Callable[[str], list[str]]:
    """The URLs a query finds on the built site, best first, as its search ranks them."""
    folder = site / "searchindex"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    shards = [json.loads((folder / "keys" / f"{s}.json").read_text(encoding="utf-8")) for s in range(meta["shards"])]
    chunks = [
        json.loads((folder / "docs" / f"{c}.json").read_text(encoding="utf-8"))
        for c in range(-(-meta["docs"] // meta["chunk"]))
    ]

    def ranked(query: str) -> list[str]:
        hits = rank(query, meta["docs"], lambda key: shards[shard_of(key, len(shards))].get(key), meta)
        return [chunks[h.doc // meta["chunk"]][h.doc % meta["chunk"]][0] for h in hits]

    return ranked


@dataclass(frozen=True)
class Outcome:
    query: Query
    rank: int | None  # the first expected record's rank, from 1; None if not found


def measure(queries: Iterable[Query], ranked: Callable[[str], list[str]]) -> list[Outcome]:
    outcomes = []
    for query in queries:
        urls = ranked(query.query)
        ranks = [n for n, url in enumerate(urls, 1) if url in query.expected]
        outcomes.append(Outcome(query, ranks[0] if ranks else None))
    return outcomes


def hits(outcomes: list[Outcome], k: int) -> int:
    return sum(o.rank is not None and o.rank <= k for o in outcomes)


def report(outcomes: list[Outcome]) -> str:
    """A table of hits@1 and hits@3 by kind of query and in all, then the queries that missed the first place."""
    kinds = list(dict.fromkeys(o.query.kind for o in outcomes))
    lines = [f"{'Queries':<36} {'n':>4} {'hits@1':>11} {'hits@3':>11}"]
    for kind, group in [(k, [o for o in outcomes if o.query.kind == k]) for k in kinds] + [("all", outcomes)]:
        shares = [f"{hits(group, k):>4} ({hits(group, k) / len(group):4.0%})" for k in (1, 3)]
        lines.append(f"{kind:<36} {len(group):>4} {shares[0]} {shares[1]}")
    missed = [o for o in outcomes if o.rank != 1]
    if missed:
        lines.append("")
        lines.append("Not first:")
        lines += [
            f"  {o.query.query!r}: {'not found' if o.rank is None else f'rank {o.rank}'} ({o.query.expected[0]})"
            for o in missed
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    args = parser.parse_args(argv)
    if not (args.site / "searchindex" / "meta.json").exists():
        sys.exit(f"{args.site}/searchindex/meta.json not found: build the site first (make build)")
    print(report(measure(query_set(), site_ranking(args.site))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
