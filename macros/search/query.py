"""A typed query as the browser's search reads and ranks it: the Python twin of docs/assets/search-engine.js.

The build never queries; tests and the query-set measure (bench/search_queries.py) do, on the files the build wrote,
and tests/test_search.py checks that this ranking and the browser's agree. The rules:
- the query's words (macros/search/tokens.py), each once, at least MIN_QUERY_WORD characters, the first
  MAX_QUERY_WORDS; each looked up by its key (the word, or its first MAX_KEY characters) and by its Snowball stem
  (macros/search/stems.py), both from one key file;
- a page's score for a word is the better of its score × log(1 + D / df) over the word's keys;
- pages matching more of the query's words come first, then the larger sum of log(1 + word score), then the lower id.
  The logarithm gives a page matching every word fairly well (an event titled "Putin's signing of the ratification
  law", for "Putin ratified") the lead over one matching a word very well and the others barely (Putin's own page,
  whose names field holds "Putin" and whose text says "ratifying" once); a one-word query ranks as by the score.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from macros.search.stems import lookup_stem
from macros.search.tokens import MAX_KEY, MAX_QUERY_WORDS, MIN_QUERY_WORD, query_key, words


@dataclass(frozen=True)
class Term:
    """One query word and the keys it is looked up by: ``key`` (as typed) and, where it differs, ``stem``."""

    word: str
    key: str
    stem: str | None

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,) if self.stem is None else (self.key, self.stem)


@dataclass(frozen=True)
class Hit:
    doc: int
    score: float
    matched: int


def terms(query: str, *, min_word: int = MIN_QUERY_WORD, max_words: int = MAX_QUERY_WORDS) -> list[Term]:
    """The words of ``query`` that are looked up, with their keys."""
    found: list[Term] = []
    for word in dict.fromkeys(words(query)):
        if len(word) < min_word:
            continue
        key = query_key(word)
        found.append(Term(word, key, lookup_stem(word) if len(word) <= MAX_KEY else None))
        if len(found) == max_words:
            break
    return found


def rank(query: str, docs: int, postings: Callable[[str], list[int] | None], meta: Mapping[str, int] | None = None):
    """Every page the query leads to, best first. ``postings(key)`` gives a key's ``[df, doc, score, …]`` or None;
    ``docs`` is the number of pages indexed; ``meta`` the index's meta.json (its word limits)."""
    meta = meta or {}
    found: dict[int, Hit] = {}
    for term in terms(query, min_word=meta.get("minPrefix", MIN_QUERY_WORD), max_words=meta.get("maxWords", 6)):
        best: dict[int, float] = {}
        for key in term.keys:
            entry = postings(key)
            if not entry:
                continue
            idf = math.log(1 + docs / max(1, entry[0]))
            for doc, score in zip(entry[1::2], entry[2::2], strict=True):
                best[doc] = max(best.get(doc, 0.0), score * idf)
        for doc, score in best.items():
            hit = found.get(doc)
            gain = math.log(1 + score)
            found[doc] = Hit(doc, gain, 1) if hit is None else Hit(doc, hit.score + gain, hit.matched + 1)
    return sorted(found.values(), key=lambda h: (-h.matched, -h.score, h.doc))
