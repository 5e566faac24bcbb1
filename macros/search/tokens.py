"""Words and keys of the search index, spelled exactly as the browser's search spells a typed query.

One definition on each side: this module for the index, ``docs/assets/search-engine.js`` for queries. A key the
two sides spell differently is a word no reader can find, so the rules are few and plain: lower-case, decompose (NFD)
and drop combining marks ("Ḥusayn" → "husayn"); a word is a maximal run of Unicode letters, numbers and "+" ("P5+1"
stays one word; "Russia–Iran" is two).
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Iterator

MIN_QUERY_WORD = 2  # a shorter typed word is ignored, so no shorter key is written
NAME_PREFIX = 2  # names and headings: every prefix this long or longer is a key (search as you type: "lavr")
BODY_PREFIX = 4  # body words: likewise ("sanction" finds "sanctions") with fewer, longer prefixes
MAX_QUERY_WORDS = 6

_FNV_OFFSET = 2166136261
_FNV_PRIME = 16777619


def fold(text: str) -> str:
    """Lower case, then canonical decomposition without its combining marks (Unicode categories M*)."""
    text = text.lower()
    if text.isascii():
        return text
    return unicodedata.normalize("NFD", text).translate(_marks())


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order, repeats kept: runs of letters, numbers and "+"."""
    return _WORD.findall(fold(text).replace("_", " "))


def is_word_char(ch: str) -> bool:
    """The definition: a letter (L*), a number (N*) or "+"."""
    return ch == "+" or unicodedata.category(ch)[0] in "LN"


# Python's ``\w`` is exactly the letters and numbers (``str.isalnum``) and "_", which ``words`` makes a separator
# first: one fast regular expression instead of a loop over characters (tests/test_search_index.py checks the
# equivalence on every code point of the running Python's Unicode database).
_WORD = re.compile(r"[\w+]+")


@functools.cache
def _marks() -> dict[int, None]:
    """A ``str.translate`` table deleting every combining mark (built once per process, about a third of a second)."""
    return dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c))[0] == "M")


def keys(word: str, min_prefix: int) -> Iterator[tuple[str, bool]]:
    """The keys a word of the index is found by: (key, exact) for the word itself and each prefix of at least
    ``min_prefix`` characters; nothing for a word shorter than a query word can be."""
    if len(word) < MIN_QUERY_WORD:
        return
    yield word, True
    for end in range(max(min_prefix, MIN_QUERY_WORD), len(word)):
        yield word[:end], False


def fnv1a32(key: str) -> int:
    """FNV-1a, 32 bits, over the key's UTF-8 bytes (the JS side: ``Math.imul`` and ``>>> 0``)."""
    h = _FNV_OFFSET
    for byte in key.encode("utf-8"):
        h = ((h ^ byte) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def shard_of(key: str, shards: int) -> int:
    return fnv1a32(key) % shards
