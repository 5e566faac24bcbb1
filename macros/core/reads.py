"""Which data a page reads while it is rendered: the dependencies the incremental preview rebuilds by.

The dataset and the cross-reference index report each lookup here (``note``). Outside a ``recording()`` block that
costs one context-variable read and records nothing, so a plain build is unaffected. The keys are strings:

- ``"actors/sergei-lavrov"``: the record was looked up (found or not: adding it later changes the page);
- ``"actors/*"``: every record of the collection was listed (any added, removed or changed one changes the page);
- ``"actors/sergei-lavrov<-"``: the records referring to it were listed (a new or dropped reference changes the page).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_reads: ContextVar[set[str] | None] = ContextVar("tme_reads", default=None)


def record_key(collection: str, record_id: str) -> str:
    return f"{collection}/{record_id}"


def collection_key(collection: str) -> str:
    return f"{collection}/*"


def referrers_key(collection: str, record_id: str) -> str:
    return f"{collection}/{record_id}<-"


def note(key: str) -> None:
    """Record that the page being rendered read ``key`` (nothing happens outside ``recording()``)."""
    reads = _reads.get()
    if reads is not None:
        reads.add(key)


@contextmanager
def recording(into: set[str] | None = None) -> Iterator[set[str]]:
    """Collect every key read inside the block into ``into`` (a new set if none), also when nested."""
    reads = set() if into is None else into
    outer = _reads.get()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)
        if outer is not None:
            outer.update(reads)
