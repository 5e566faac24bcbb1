"""Words and keys of the search index, spelled exactly as the browser's search spells a typed query.

One definition on each side: this module for the index, ``docs/assets/search-engine.js`` for queries
(/work/coord/search-spec.md, "Words"). A key the two sides spell differently is a word no reader can find, so the
rules are few and plain: lower-case, decompose (NFD) and drop combining marks ("Ḥusayn" → "husayn"); a word is a
maximal run of Unicode letters, numbers and "+" ("P5+1" stays one word; "Russia–Iran" is two).
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
    return _marks().sub("", unicodedata.normalize("NFD", text))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order, repeats kept: runs of letters, numbers and "+"."""
    return _word().findall(fold(text))


def is_word_char(ch: str) -> bool:
    """The definition: a letter (L*), a number (N*) or "+"."""
    return ch == "+" or unicodedata.category(ch)[0] in "LN"


def _word() -> re.Pattern[str]:
    return _patterns()[0]


def _marks() -> re.Pattern[str]:
    return _patterns()[1]


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Word characters and combining marks as regular expressions, built once from the Unicode database: Python's own
    ``\\w`` is close to "letters and numbers" but not the same set, and a loop over characters is slow on a big site."""
    classes: dict[str, list[str]] = {"word": [], "mark": []}
    starts: dict[str, int | None] = {"word": None, "mark": None}
    for code in range(sys.maxunicode + 2):
        kind = None
        if code <= sys.maxunicode and not 0xD800 <= code <= 0xDFFF:
            ch = chr(code)
            major = unicodedata.category(ch)[0]
            kind = "word" if major in "LN" or ch == "+" else "mark" if major == "M" else None
        for name, start in starts.items():
            if start is not None and kind != name:
                first, last = re.escape(chr(start)), re.escape(chr(code - 1))
                classes[name].append(first if start == code - 1 else f"{first}-{last}")
                starts[name] = None
            elif start is None and kind == name:
                starts[name] = code
    return re.compile(f"[{''.join(classes['word'])}]+"), re.compile(f"[{''.join(classes['mark'])}]+")


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
