"""What changed in the data between two builds, and which pages that touches: the incremental preview's rule.

A build remembers a :class:`Snapshot` of its data (a digest of each record as written, where each record is written,
and what each refers to) and, for each page, the keys it read while it was rendered (``macros.core.reads``).
The next build diffs the snapshots into changed keys; a page whose reads meet them is rebuilt, the others are not.
Plain Python: the engine glue decides what to do with the answer.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from macros.core.dataset import Dataset
from macros.core.index import Key
from macros.core.reads import collection_key, record_key, referrers_key


def position_key(collection: str, record_id: str) -> str:
    """Where a record is written (file, line, the file's last commit): shown on the record's own page only."""
    return f"{collection}/{record_id}@"


@dataclass(frozen=True)
class Snapshot:
    """One build's data, reduced to what tells a later build which records changed."""

    digests: dict[Key, str]  # record → digest of its fields as written; in collection, then file order
    positions: dict[Key, str]  # record → digest of where it is written
    references: dict[Key, frozenset[Key]]  # record → the records it refers to


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def snapshot(dataset: Dataset, file_state: Callable[[str], object] = lambda path: None) -> Snapshot:
    """The snapshot of a loaded dataset; ``file_state(path)`` adds what a record page shows about its file
    (its last commit), so that a commit made while previewing rebuilds the pages of that file's records."""
    digests: dict[Key, str] = {}
    positions: dict[Key, str] = {}
    for collection, by_id in dataset.records.items():
        for record_id in by_id:
            key = (collection, record_id)
            digests[key] = _digest(dataset.raw[key])
            origin = dataset.origins[key]
            positions[key] = _digest([origin.path, origin.where()[0], repr(file_state(origin.path))])
    references: dict[Key, set[Key]] = {}
    for source, target in dataset.index.references():
        references.setdefault(source, set()).add(target)
    return Snapshot(digests, positions, {k: frozenset(v) for k, v in references.items()})


def _order(snap: Snapshot, collection: str) -> list[str]:
    return [record_id for (c, record_id) in snap.digests if c == collection]


def changed_keys(old: Snapshot, new: Snapshot) -> set[str]:
    """The read keys (``macros.core.reads``) whose answer differs between the two snapshots."""
    changed: set[str] = set()
    for key in old.digests.keys() | new.digests.keys():
        if old.digests.get(key) != new.digests.get(key):  # added, removed or edited
            changed |= {record_key(*key), collection_key(key[0])}
            for target in old.references.get(key, frozenset()) | new.references.get(key, frozenset()):
                changed.add(referrers_key(*target))  # its referrers now include or lack it
        if old.positions.get(key) != new.positions.get(key):
            changed.add(position_key(*key))
    for collection in {c for c, _ in old.digests.keys() | new.digests.keys()}:
        if _order(old, collection) != _order(new, collection):  # lists in file order show the new order
            changed.add(collection_key(collection))
    return changed


def own_keys(collection: str, record_id: str) -> set[str]:
    """What a record's own page depends on besides what it reads: the record and where it is written."""
    return {record_key(collection, record_id), position_key(collection, record_id)}


def affected(reads: Mapping[str, Iterable[str]], changed: set[str]) -> set[str]:
    """The pages (keys of ``reads``) that read any changed key."""
    return {page for page, keys in reads.items() if not changed.isdisjoint(keys)}
