"""Back-links computed once from the data: who refers to a record, through which field."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from macros.core.reads import note, referrers_key

Key = tuple[str, str]  # (collection, id)


class Edge(NamedTuple):
    """One reference: ``source`` names ``target`` in its field ``field``, at ``path`` (e.g. ("roles", 0, "of"))."""

    source: Key
    field: str
    target: Key
    path: tuple


class CrossIndex:
    """Every reference in the data, inverted: ``referrers(target, from_collection, field)`` in O(1)."""

    def __init__(self) -> None:
        self._back: dict[Key, dict[tuple[str, str], list[str]]] = defaultdict(lambda: defaultdict(list))
        self.edges: list[Edge] = []  # every reference, in the order the data gives them

    def add(self, source: Key, field: str, target: Key, path: tuple = ()) -> None:
        """Record that ``source`` refers to ``target`` through ``field`` (at ``path`` inside the record)."""
        self.edges.append(Edge(source, field, target, path))
        bucket = self._back[target][(source[0], field)]
        if not bucket or bucket[-1] != source[1]:
            bucket.append(source[1])

    def referrers(self, target: Key, collection: str, *fields: str) -> list[str]:
        """Ids in ``collection`` that refer to ``target`` through any of ``fields`` (all fields if none)."""
        note(referrers_key(*target))
        entries = self._back.get(target)
        if not entries:
            return []
        seen: dict[str, None] = {}
        for (coll, field), ids in entries.items():
            if coll == collection and (not fields or field in fields):
                seen.update(dict.fromkeys(ids))
        return list(seen)

    def all_referrers(self, target: Key) -> dict[tuple[str, str], list[str]]:
        """Every (collection, field) that refers to ``target``, with the referring ids."""
        note(referrers_key(*target))
        return {k: list(v) for k, v in self._back.get(target, {}).items()}

    def references(self) -> Iterator[tuple[Key, Key]]:
        """Every (source, target) pair once per field, forward: what each record refers to."""
        for target, entries in self._back.items():
            for (collection, _field), ids in entries.items():
                for source_id in ids:
                    yield (collection, source_id), target
