"""Champion lists: for each key, the K best documents and how many documents have it.

Manning, Raghavan & Schütze, *Introduction to Information Retrieval*, §7.1.3: keeping only the top K documents per
term bounds what a query reads, whatever the number of pages; the price is that a page outside a common word's top K
is found only through a rarer word it has, and a multi-word query only ranks pages that are champions of some word.
``df`` (documents with the key before the cut) is kept so the browser can still weigh rare words above common ones.

Scores are decided here, once per build, as integers (``SCALE`` × the sum below), so the browser only adds them up:
- names (a record's names, ``data-search-names``): 10 for the whole word, 5 for a word the key starts;
- heading (the page title): 5 × ``m`` × (1 + 1/n) / 2 for a title of n words, where ``m`` is 1 for a whole word
  and 0.5 for a start: a short title that is the query outranks a long one containing it ("Iran", "Iran International");
- body: ``m`` × tf / (tf + 1.2), BM25's saturation with k1 = 1.2 of the key's count tf in the page's text, each
  occurrence counted ``data-search-weight`` times (1 by default; BM25F's field weighting, before the saturation),
  ``m`` as above (1 if any occurrence is the whole word).
So a match in the names beats one in the title, which beats any count in the body (below 1). Ties: lower doc id.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from macros.search.extract import Document
from macros.search.tokens import BODY_PREFIX, NAME_PREFIX, keys

K = 100
SCALE = 10
NAMES_WEIGHT = 10.0
HEADING_WEIGHT = 5.0
BODY_K1 = 1.2
PREFIX_MATCH = 0.5


@dataclass(frozen=True)
class Shown:
    """What a result shows: the document's entry in a docs chunk."""

    url: str
    title: str
    kind: str
    summary: str


@dataclass
class ChampionIndex:
    """The whole index before it is written: documents in id order, and each key's df and champion list."""

    shown: list[Shown] = field(default_factory=list)
    df: dict[str, int] = field(default_factory=dict)
    heaps: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # key → min-heap of (score, -doc)

    def add(self, document: Document) -> int:
        """Score ``document`` (the next id) and offer it to each of its keys' champion lists; return its id."""
        if self.shown and document.url <= self.shown[-1].url:
            raise ValueError(
                f"documents must come in increasing URL order: {document.url!r} after {self.shown[-1].url!r}"
            )
        doc = len(self.shown)
        self.shown.append(Shown(document.url, document.title, document.kind, document.summary))
        df, heaps = self.df, self.heaps
        for key, score in scores(document).items():
            df[key] = df.get(key, 0) + 1
            heap = heaps.get(key)
            entry = (score, -doc)
            if heap is None:
                heaps[key] = [entry]
            elif len(heap) < K:
                heapq.heappush(heap, entry)
            elif entry > heap[0]:
                heapq.heapreplace(heap, entry)
        return doc

    def champions(self, key: str) -> list[tuple[int, int]]:
        """The key's champion list as (doc, score), best first, ties by lower doc id."""
        return [(-neg, score) for score, neg in sorted(self.heaps[key], key=lambda e: (-e[0], -e[1]))]

    def keys(self) -> Iterator[str]:
        return iter(self.heaps)


def build(documents: Iterable[Document]) -> ChampionIndex:
    """The champion index of ``documents``, given in increasing URL order (their ids: 0, 1, ...)."""
    index = ChampionIndex()
    for document in documents:
        index.add(document)
    return index


def scores(document: Document) -> dict[str, int]:
    """Every key of ``document`` and its score (module docstring), as an integer ≥ 1."""
    total: dict[str, float] = {}
    for key, match in _best_matches(set(document.names), NAME_PREFIX).items():
        total[key] = NAMES_WEIGHT * match
    heading = set(document.heading)
    if heading:
        length = (1 + 1 / len(heading)) / 2
        for key, match in _best_matches(heading, NAME_PREFIX).items():
            total[key] = total.get(key, 0.0) + HEADING_WEIGHT * match * length
    counts: dict[str, int] = {}  # key → its weighted count in the body
    exact: set[str] = set()
    for (word, weight), count in Counter(document.body).items():
        for key, whole in keys(word, BODY_PREFIX):
            if whole:
                exact.add(key)
            counts[key] = counts.get(key, 0) + weight * count
    for key, tf in counts.items():
        match = 1.0 if key in exact else PREFIX_MATCH
        total[key] = total.get(key, 0.0) + match * tf / (tf + BODY_K1)
    return {key: max(1, round(SCALE * value)) for key, value in total.items()}


def _best_matches(field_words: set[str], min_prefix: int) -> dict[str, float]:
    best: dict[str, float] = {}
    for word in field_words:
        for key, whole in keys(word, min_prefix):
            match = 1.0 if whole else PREFIX_MATCH
            if best.get(key, 0.0) < match:
                best[key] = match
    return best
