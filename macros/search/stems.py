"""Word forms: a typed word's Snowball stem, looked up as a start of words, and the stem group that places keys.

A reader typing "negotiate" wants "negotiations", and "ratified" wants "ratification". The index already holds every
start of a word (macros/search/tokens.py, ``keys``), so the query side only needs the typed word's stem: "negotiate"
→ "negoti", which starts "negotiations" and "negotiating"; "ratified" → "ratifi", which starts "ratification".
Each query word is looked up twice, as typed and by its stem, and a page scores the better of the two
(docs/assets/search-engine.js, macros/search/query.py); a stem shorter than MIN_STEM letters is not looked up, since
it starts too many unrelated words ("used" → "use", "useful").

Stems are Snowball's (https://snowballstem.org/), English for words of the letters a–z and Russian for words of
Cyrillic letters: the ``snowballstemmer`` package here, and in the browser the same algorithms generated into
JavaScript by the same Snowball release (docs/assets/snowball/, with its licence); tests/test_search.py checks that
the two give the same stems. Persian words are matched as typed and by their starts: Snowball's Persian stemmer cuts
words to short roots that start unrelated words ("تحریم", sanctions → "تحر").

The two keys of a query word must come from one key file, so the first query still fetches one file per word: a key's
file is chosen by the hash of its *group*, the stem of the stem… until it no longer changes ("agreed" → "agre" →
"agr"). A word and its stem have the same group by construction.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

MIN_STEM = 4  # a shorter stem is not looked up
_ROUNDS = 8  # a stem of a stem... converges in two or three rounds; a bound all the same
_LANGUAGES = ((re.compile(r"[a-z]+"), "english"), (re.compile(r"[а-яё]+"), "russian"))


@functools.cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def language_of(word: str) -> str | None:
    """The Snowball stemmer for a folded word: English for a–z only, Russian for Cyrillic only, else none."""
    for pattern, language in _LANGUAGES:
        if pattern.fullmatch(word):
            return language
    return None


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The word's Snowball stem, or the word itself when no stemmer applies."""
    language = language_of(word)
    return _stemmer(language).stemWord(word) if language else word


def lookup_stem(word: str) -> str | None:
    """The stem a query word is also looked up by, or None (the word itself, or too short a stem)."""
    stemmed = stem(word)
    return stemmed if stemmed != word and len(stemmed) >= MIN_STEM else None


def group(key: str) -> str:
    """The key's stem, stemmed again until it stays the same: a word and its stem always share it."""
    for _ in range(_ROUNDS):
        shorter = stem(key)
        if shorter == key:
            break
        key = shorter
    return key
