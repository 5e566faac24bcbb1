"""The site's search index, measured from its files: its size, its caps, and what a first query fetches at worst.

``figures`` reads a written ``searchindex/`` (the site's, after a bench build). ``at_scale`` shows the bound where no
build can go on this machine: it builds the generated project at a small N once, reads its pages' indexed documents
and feeds the index builder copies of them, renumbered (actor 000001 of copy 3 becomes actor 000301 at a sample of
N = 100), so the builder sees the pages of N = 10 000 (about 113 000 documents) with the shape of the generated ones.
Figures are computed from the files written; the time is printed, never asserted.
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from macros.search import champion, indexer, writer
from macros.search.extract import Document
from macros.search.tokens import MAX_QUERY_WORDS

SHOWN = 10  # results the site's search UI shows first (docs/assets/search.js)
SEARCH_ASSETS = ("assets/search.js", "assets/search.css", "assets/search-engine.js")
_NUMBER = re.compile(r"\d{6,}")  # the generated records' numbers: actor-000042, quote-0000420


@dataclass(frozen=True)
class IndexFigures:
    docs: int
    shards: int
    files: int
    bytes: int  # on disk, uncompressed
    largest_shard_gzip: int
    largest_chunk_gzip: int
    meta_gzip: int
    search_assets_gzip: int  # the search UI's scripts and stylesheet, loaded when the reader opens search
    seconds: float | None = None  # building the index (extracting the pages included), when measured

    @property
    def worst_first_query(self) -> int:
        """Gzip bytes of a first query at worst: meta, a shard per query word (6), a docs chunk per shown result
        (10, each in another chunk), and the search UI's files."""
        return (
            self.meta_gzip
            + MAX_QUERY_WORDS * self.largest_shard_gzip
            + SHOWN * self.largest_chunk_gzip
            + self.search_assets_gzip
        )


def gz(data: bytes) -> int:
    """Gzip size as the bench's server sends it (scripts/serve_gzip.py: level 9)."""
    return len(gzip.compress(data, mtime=0))


def figures(site: Path, seconds: float | None = None, folder: Path | None = None) -> IndexFigures:
    """The figures of the index in ``folder`` (default ``site/searchindex``); the search assets are ``site``'s."""
    folder = folder or site / indexer.BUNDLE_DIR
    files = list(folder.rglob("*.json"))
    shards = [gz(p.read_bytes()) for p in (folder / "keys").iterdir()]
    chunks = [gz(p.read_bytes()) for p in (folder / "docs").iterdir()]
    meta = (folder / "meta.json").read_bytes()
    assets = sum(gz((site / a).read_bytes()) for a in SEARCH_ASSETS if (site / a).is_file())
    return IndexFigures(
        docs=json.loads(meta)["docs"],
        shards=len(shards),
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        largest_shard_gzip=max(shards),
        largest_chunk_gzip=max(chunks),
        meta_gzip=gz(meta),
        search_assets_gzip=assets,
        seconds=seconds,
    )


def timed_index(site: Path) -> IndexFigures:
    """Index a built site again (the build already did; the bytes are the same) and time it."""
    start = time.perf_counter()
    indexer.index_site(site)
    return figures(site, round(time.perf_counter() - start, 2))


def sample_documents(site: Path) -> list[Document]:
    return list(indexer.documents(indexer.pages(site)))


def scaled(sample: list[Document], copies: int, stride: int) -> Iterator[Document]:
    """``copies`` renumbered copies of the sample's record pages (pages whose address has a record number) and the
    other pages once, in URL order (the index's doc ids)."""
    plan = sorted(
        (_renumber(d.url, copy, stride), n, copy)
        for n, d in enumerate(sample)
        for copy in (range(copies) if _NUMBER.search(d.url) else (0,))
    )
    for _, n, copy in plan:
        yield _copy(sample[n], copy, stride)


def at_scale(n: int, sample_site: Path, sample_n: int, work: Path | None = None) -> IndexFigures:
    """Index figures for the generated project at ``n``, from copies of its pages built at ``sample_n``."""
    sample = sample_documents(sample_site)
    copies = -(-n // sample_n)
    with tempfile.TemporaryDirectory(prefix="index-scale-", dir=work) as folder:
        start = time.perf_counter()
        writer.write(champion.build(scaled(sample, copies, 10 * sample_n)), Path(folder) / "searchindex")
        seconds = round(time.perf_counter() - start, 2)
        return figures(sample_site, seconds, Path(folder) / "searchindex")


def _renumber(text: str, copy: int, stride: int) -> str:
    if not copy:
        return text
    return _NUMBER.sub(lambda m: str(int(m.group()) + copy * stride).zfill(len(m.group())), text)


def _copy(document: Document, copy: int, stride: int) -> Document:
    if not copy:
        return document
    return replace(
        document,
        url=_renumber(document.url, copy, stride),
        title=_renumber(document.title, copy, stride),
        names=[_renumber(w, copy, stride) for w in document.names],
        body=[(_renumber(w, copy, stride), weight) for w, weight in document.body],
        summary=_renumber(document.summary, copy, stride),
    )
