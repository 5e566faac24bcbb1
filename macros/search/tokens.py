"""Words and keys of the search index, spelled exactly as the browser's search spells a typed query.

One definition on each side: this module for the index, ``docs/assets/search-engine.js`` for queries. A key the
two sides spell differently is a word no reader can find, so the rules are few and plain:
- lower-case, decompose (NFD) and drop combining marks ("Ḥusayn" → "husayn", Russian "ё" → "е", Arabic harakat),
  except the breve of Russian "й", which is a letter of its own and which the Russian stemmer needs;
- Persian spelled one way: Arabic yeh and alef maksura (ي ى) as Persian yeh (ی), Arabic kaf (ك) as keheh (ک), no
  tatweel (the stretching "ـ"), and Arabic-Indic and Persian digits as 0–9 ("۱۴۰۳" and "1403" are the same word);
- a zero-width non-joiner (ZWNJ, U+200C, inside Persian words: "می‌دانیم") joins: typed with it or without, the word
  is the same. The index also keeps the parts of such a word (``indexed_words``), so "دانیم" finds it too;
- a word is a maximal run of Unicode letters, numbers and "+" ("P5+1" stays one word; "Russia–Iran" is two).
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterator

from macros.search.stems import group

MIN_QUERY_WORD = 2  # a shorter typed word is ignored, so no shorter key is written
NAME_PREFIX = 2  # names and headings: every prefix this long or longer is a key (search as you type: "lavr")
BODY_PREFIX = 4  # body words: likewise ("sanction" finds "sanctions") with fewer, longer prefixes
MAX_QUERY_WORDS = 6
# A key is at most this many characters: a longer word is indexed by its starts up to this length, and a longer typed
# word is looked up by its start (``query_key``). So a word adds at most MAX_KEY - 1 keys of at most MAX_KEY
# characters, and the index grows linearly with the text: a 5 000-letter name used to add every one of its 5 000
# prefixes, 12 MB of keys (issue 25). No word of the site's text comes near it ("counterproliferation" is 20).
MAX_KEY = 24

ZWNJ = "\u200c"
_FNV_OFFSET = 2166136261
_FNV_PRIME = 16777619
_SHORT_I = "\u0438\u0306"  # "и" and a combining breve: "й" decomposed
_PERSIAN = {
    "\u064a": "\u06cc",  # ي Arabic yeh → ی Persian yeh
    "\u0649": "\u06cc",  # ى alef maksura → ی
    "\u0643": "\u06a9",  # ك Arabic kaf → ک keheh
    "\u0640": None,  # ـ tatweel
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended Arabic-Indic (Persian) digits
}


def fold(text: str) -> str:
    """Lower case, canonical decomposition without its combining marks (Unicode categories M*) but with "й", Persian
    letters and digits spelled one way, no ZWNJ (module docstring)."""
    return _fold(text).replace(ZWNJ, "")


def _fold(text: str) -> str:
    """``fold`` keeping ZWNJ, so that the index can find the parts of a word it joins."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFD", text)
    if _SHORT_I in text:
        text = text.replace(_SHORT_I, "й")
    return text.translate(_table())


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order, repeats kept: runs of letters, numbers and "+"."""
    return _WORD.findall(fold(text).replace("_", " "))


def indexed_words(text: str) -> list[str]:
    """``words`` of a page's text, and after them the parts of each word that a ZWNJ joins ("می‌دانیم" is also
    "می" and "دانیم"), which a reader may type apart."""
    folded = _fold(text).replace("_", " ")
    found = _WORD.findall(folded.replace(ZWNJ, ""))
    if ZWNJ in folded:
        for joined in _JOINED.findall(folded):
            found += joined.split(ZWNJ)
    return found


def is_word_char(ch: str) -> bool:
    """The definition: a letter (L*), a number (N*) or "+"."""
    return ch == "+" or unicodedata.category(ch)[0] in "LN"


# Python's ``\w`` is exactly the letters and numbers (``str.isalnum``) and "_", which ``words`` makes a separator
# first: one fast regular expression instead of a loop over characters (tests/test_search_index.py checks the
# equivalence on every code point of the running Python's Unicode database).
_WORD = re.compile(r"[\w+]+")
_JOINED = re.compile(rf"[\w+]+(?:{ZWNJ}[\w+]+)+")


@functools.cache
def _table() -> dict[int, str | None]:
    """A ``str.translate`` table deleting every combining mark and spelling Persian one way (built once per process,
    about a third of a second)."""
    table: dict[int, str | None] = dict.fromkeys(
        c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c))[0] == "M"
    )
    table.update({ord(k): v for k, v in _PERSIAN.items()})
    return table


def keys(word: str, min_prefix: int) -> Iterator[tuple[str, bool]]:
    """The keys a word of the index is found by: (key, exact) for the word itself and each prefix of at least
    ``min_prefix`` characters, none longer than MAX_KEY (a longer word has no exact key: a typed word that long is
    looked up by its first MAX_KEY characters); nothing for a word shorter than a query word can be."""
    if len(word) < MIN_QUERY_WORD:
        return
    if len(word) <= MAX_KEY:
        yield word, True
    for end in range(max(min_prefix, MIN_QUERY_WORD), min(len(word), MAX_KEY + 1)):
        yield word[:end], False


def query_key(word: str) -> str:
    """The key a typed word is looked up by: the word, or its first MAX_KEY characters."""
    return word[:MAX_KEY]


def fnv1a32(key: str) -> int:
    """FNV-1a, 32 bits, over the key's UTF-8 bytes (the JS side: ``Math.imul`` and ``>>> 0``)."""
    h = _FNV_OFFSET
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def shard_of(key: str, shards: int) -> int:
    """The key file that holds ``key``: by the hash of its stem group (macros/search/stems.py), so a typed word and
    its stem, the two keys a query word looks up, are always in the same file."""
    return fnv1a32(group(key)) % shards
