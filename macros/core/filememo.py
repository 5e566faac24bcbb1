"""Each data file is parsed and checked against its schema once per content, for the life of the process.

Under `mkdocs serve` every rebuild loads the whole dataset again, and parsing and schema validation are most of the
data layer's time, though an edit usually changes one file. Their result depends only on the file's bytes, where it
is shown and the schemas, so it is kept per shown path under a digest of those: an unchanged file is not read twice,
a changed one (or changed schemas) is. Keyed by the shown path, not the absolute one, the same file in another copy of
the project (the test suite's bad-data cases, one copy each) is a hit too, and the memo holds one entry per data file.
Checks across files (references, duplicates, dates) always run in full.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from macros.core.errors import Problem
from macros.core.schema import Schema
from macros.core.yamlio import LoadedFile, load_yaml

Checked = tuple[LoadedFile, list[Problem], list[tuple[tuple, Problem]]]
_memo: dict[str, tuple[bytes, Checked]] = {}


def schemas_digest(schema_dir: Path) -> bytes:
    """One digest of every schema file: a changed schema checks every data file again."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(schema_dir.glob("*.json")):
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0unreadable")
    return digest.digest()


def read_and_check(path: Path, shown: str, schema: Schema, schemas: bytes) -> Checked:
    """(the loaded file, problems reading it, schema problems with their paths); no schema check if unreadable."""
    try:
        key = hashlib.blake2b(path.read_bytes() + b"\0" + shown.encode() + b"\0" + schemas, digest_size=16).digest()
    except OSError:
        key = None
    memo = _memo.get(shown)
    if key is not None and memo is not None and memo[0] == key:
        loaded, load_problems, located = memo[1]
        return loaded, list(load_problems), list(located)
    loaded, load_problems = load_yaml(path, shown)
    located = [] if load_problems else schema.located_problems(loaded)
    if key is not None:
        _memo[shown] = (key, (loaded, list(load_problems), list(located)))
    return loaded, load_problems, located
