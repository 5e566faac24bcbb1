"""The index's files: tiny meta, hash-sharded key files and id-chunked document files, each capped in gzip size.

A first query fetches meta.json, one key shard per query word and one docs chunk per shown result, so capping each
file bounds the bytes of a query at any number of pages (README, "Search"):
- ``keys/<s>.json``: the keys whose group's FNV-1a hash is s modulo S (a key's group is its stem's stem…,
  macros/search/stems.py: a typed word and its stem, the two keys a query word looks up, share a file), each
  ``[df, doc, score, doc, score, ...]``. S is the smallest power of two for which every shard's gzip size is at most
  SHARD_CAP: doubled until that holds, so the cap holds by construction (a single key's list is at most K pairs,
  far below it, and a group holds the few keys of one word's forms).
- ``docs/<c>.json``: documents c × C to c × C + C - 1 as ``[url, title, kind, summary]``; a chunk over DOCS_CAP has its
  summaries, then titles, cut until it fits.
Every file is ``json.dumps`` output (hostile text stays data), written byte-for-byte the same for the same site.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.search.champion import ChampionIndex, K, Shown
from macros.search.extract import SUMMARY_CHARS, TITLE_CHARS, cut
from macros.search.stems import MIN_STEM, group
from macros.search.tokens import MAX_KEY, MAX_QUERY_WORDS, NAME_PREFIX, fnv1a32

VERSION = 2  # 2: keys placed by their stem group, at most MAX_KEY characters; query words also looked up by stem
CHUNK = 32  # documents per docs chunk
SHARD_CAP = 48 * 1024  # gzip bytes of a key shard
DOCS_CAP = 16 * 1024  # gzip bytes of a docs chunk
GZIP_LEVEL = 6  # what common servers use; level 9 (the bench's server) is never larger
MAX_SHARDS = 1 << 24


class IndexTooLarge(ValueError):
    """A file cannot be brought under its cap (a page address alone too long for a docs chunk)."""


@dataclass(frozen=True)
class Written:
    """What was written, for the build's log and the bench."""

    docs: int
    shards: int
    chunks: int
    bytes: int  # on disk, uncompressed
    largest_shard_gzip: int
    largest_chunk_gzip: int


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def dumps(value: object) -> str:
    """Compact, deterministic JSON; non-ASCII text as UTF-8 (Persian and Cyrillic stay two bytes a letter)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def files(index: ChampionIndex) -> Iterator[tuple[str, bytes]]:
    """Every file of the index as (path relative to the index folder, bytes), meta.json first."""
    shards = _shards(index)
    chunks = list(_chunks(index.shown))
    meta = {
        "version": VERSION,
        "shards": len(shards),
        "chunk": CHUNK,
        "docs": len(index.shown),
        "k": K,
        "minPrefix": NAME_PREFIX,
        "maxWords": MAX_QUERY_WORDS,
        "maxKey": MAX_KEY,
        "minStem": MIN_STEM,
    }
    yield "meta.json", dumps(meta).encode()
    for number, data in enumerate(shards):
        yield f"keys/{number}.json", data
    for number, data in enumerate(chunks):
        yield f"docs/{number}.json", data


def write(index: ChampionIndex, folder: Path) -> Written:
    """Write the index into ``folder`` (replaced whole): built beside it, then renamed, so a failure leaves no half
    index."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        (temporary / "keys").mkdir()
        (temporary / "docs").mkdir()
        total = shards = chunks = largest_shard = largest_chunk = 0
        for name, data in files(index):
            (temporary / name).write_bytes(data)
            total += len(data)
            if name.startswith("keys/"):
                shards += 1
                largest_shard = max(largest_shard, gzip_size(data))
            elif name.startswith("docs/"):
                chunks += 1
                largest_chunk = max(largest_chunk, gzip_size(data))
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(temporary, folder)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return Written(len(index.shown), shards, chunks, total, largest_shard, largest_chunk)


def _shards(index: ChampionIndex) -> list[bytes]:
    """The key shards for the smallest power-of-two S that keeps every one within SHARD_CAP."""
    entries = []  # (hash, "key":[...]) in key order
    for key in sorted(index.keys()):
        flat: list[int] = [index.df[key]]
        for doc, score in index.champions(key):
            flat += (doc, score)
        entries.append((fnv1a32(group(key)), f"{dumps(key)}:{dumps(flat)}"))
    shards = 1
    while True:
        parts: list[list[str]] = [[] for _ in range(shards)]
        for hashed, text in entries:
            parts[hashed % shards].append(text)
        data = [("{" + ",".join(part) + "}").encode() for part in parts]
        if all(gzip_size(d) <= SHARD_CAP for d in data):
            return data
        if shards >= MAX_SHARDS:  # cannot happen: one key's list is a few kB
            raise IndexTooLarge(f"a key shard stays over {SHARD_CAP} bytes of gzip at {shards} shards")
        shards *= 2


def _chunks(shown: list[Shown]) -> Iterator[bytes]:
    for start in range(0, len(shown), CHUNK):
        yield _chunk(shown[start : start + CHUNK])


def _chunk(docs: list[Shown]) -> bytes:
    """One docs chunk, its summaries and then its titles cut shorter until its gzip size is within DOCS_CAP."""
    summary, title = SUMMARY_CHARS, TITLE_CHARS
    while True:
        rows = [[d.url, cut(d.title, title), d.kind, cut(d.summary, summary) if summary else ""] for d in docs]
        data = dumps(rows).encode()
        if gzip_size(data) <= DOCS_CAP:
            return data
        if summary:
            summary //= 2
        elif title > 20:
            title //= 2
        else:
            raise IndexTooLarge(
                f"the docs chunk of {docs[0].url!r} … {docs[-1].url!r} stays over {DOCS_CAP} bytes of gzip: "
                f"page addresses this long cannot be indexed"
            )
