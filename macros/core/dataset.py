"""Load every file under ``data/`` once, validate it completely, and index it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from macros.core.collections import DATA_SUFFIXES, SCHEMA_DIR, Registry, registry
from macros.core.errors import DataErrors, Problem, describe, relative_path
from macros.core.filememo import read_and_check, schemas_digest
from macros.core.index import CrossIndex, Key
from macros.core.models import FieldValueError, Record
from macros.core.reads import collection_key, note, record_key
from macros.core.schema import RefSpec, suggest
from macros.core.semantics import semantic_problems
from macros.core.yamlio import LoadedFile

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Origin:
    """Where a record was written: its file and its position in that file's list."""

    loaded: LoadedFile
    index: int

    @property
    def path(self) -> str:
        return self.loaded.path

    def where(self, *field_path: object) -> tuple[int, int]:
        return self.loaded.where((self.index, *field_path))

    def problem(self, record_id: str, field_path: tuple, message: str, **kw) -> Problem:
        line, column = self.where(*field_path)
        field = ".".join(str(p) for p in field_path) or None
        return Problem(self.path, line, column, message, record_id=record_id, field=field, **kw)


class Dataset:
    """All records by collection and id, where each came from, and the cross-reference index."""

    def __init__(
        self,
        records: dict[str, dict[str, Record]],
        origins: dict[Key, Origin],
        index: CrossIndex,
        raw: dict[Key, dict],
        collections: Registry | None = None,
    ):
        self.collections = collections or registry()  # the registry the data was read with
        self.records = records
        self.origins = origins
        self.index = index
        self.raw = raw

    def as_documents(self) -> dict[str, list[dict]]:
        """Every record as written in YAML (schema-valid), by collection: the downloadable dataset."""
        return {name: [self.raw[(name, rid)] for rid in by_id] for name, by_id in self.records.items()}

    def get(self, collection: str, record_id: str) -> Record | None:
        note(record_key(collection, record_id))
        return self.records.get(collection, {}).get(record_id)

    def all(self, collection: str) -> list[Record]:
        """Records of a collection in file order."""
        note(collection_key(collection))
        return list(self.records.get(collection, {}).values())

    def __len__(self) -> int:
        return sum(len(v) for v in self.records.values())


def _not_regular(path: Path, root: Path) -> Problem | None:
    """A problem if ``path`` is a symbolic link or not a plain file or folder; it is never followed or read."""
    if path.is_symlink():
        return Problem(
            relative_path(path, root, resolve=False),
            1,
            1,
            "this is a symbolic link; data must be regular files inside the repository",
            hint="replace the link with the file itself",
        )
    if not (path.is_dir() or path.is_file()):
        return Problem(relative_path(path, root, resolve=False), 1, 1, "this is not a regular file or folder")
    return None


def _files_under(folder: Path, root: Path) -> Iterator[tuple[Path, Problem | None]]:
    """Every entry below ``folder``, depth first and sorted, without following links."""
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        problem = _not_regular(entry, root)
        if problem or entry.is_file():
            yield entry, problem
        else:
            yield from _files_under(entry, root)


def _folder_hint(entry: Path, near: str | None) -> str:
    """How to fix an entry of data/ that is not a collection folder: a typo, or a collection not declared yet."""
    if not entry.is_dir():
        return f"did you mean data/{near}/?" if near else "put data files in data/<collection>/"
    return (f"did you mean data/{near}/? If not, a" if near else "A") + (
        f" new collection needs schemas/<name>.schema.json with an x-collection block naming '{entry.name}'"
        " (CONTRIBUTING.md, Adding a collection)"
    )


def data_files(
    data_dir: Path, root: Path, collections: Registry | None = None
) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """The data files of every collection, sorted, and problems for anything that does not belong."""
    known = collections or registry()
    files, problems = [], []
    for entry in sorted(data_dir.iterdir()):
        shown = relative_path(entry, root, resolve=False)
        if entry.name.startswith(".") or (entry.suffix == ".md" and not entry.is_symlink()):
            continue
        problem = _not_regular(entry, root)
        if problem:
            problems.append(problem)
            continue
        if not entry.is_dir() or entry.name not in known:
            near = suggest(entry.name, known.names())
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "this is not a collection folder",
                    expected="one of: " + ", ".join(known.names()),
                    hint=_folder_hint(entry, near),
                )
            )
            continue
        for file, problem in _files_under(entry, root):
            if problem:
                problems.append(problem)
            elif file.suffix in DATA_SUFFIXES:
                files.append((entry.name, file))
            elif file.suffix != ".md":
                problems.append(
                    Problem(
                        relative_path(file, root, resolve=False), 1, 1, "not a data file", hint="data files end in .yml"
                    )
                )
    return files, problems


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Loading makes hundreds of thousands of small objects and no garbage cycles; the cyclic collector's repeated
    passes over them cost about a third of the load time at 1 000 records and free nothing (see bench/)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_dataset(
    data_dir: Path | None = None,
    schema_dir: Path | None = None,
    *,
    root: Path | None = None,
    today: date | None = None,
) -> Dataset:
    """Load, validate and index the data. Raises :class:`DataErrors` listing every problem found."""
    with _cyclic_gc_paused():
        return _load_dataset(data_dir, schema_dir, root, today)


def _load_dataset(data_dir: Path | None, schema_dir: Path | None, root: Path | None, today: date | None) -> Dataset:
    root = root or PROJECT_ROOT
    data_dir = data_dir or root / "data"
    schema_dir = schema_dir or SCHEMA_DIR
    if not data_dir.is_dir():
        raise DataErrors([Problem(relative_path(data_dir, root), 1, 1, "the data folder does not exist")])
    if data_dir.is_symlink():
        raise DataErrors([_not_regular(data_dir, root)])
    collections = registry(schema_dir, root)
    schemas = collections.schemas
    files, problems = data_files(data_dir, root, collections)
    records: dict[str, dict[str, Record]] = {c.name: {} for c in collections}
    raw: dict[Key, dict] = {}
    origins: dict[Key, Origin] = {}
    unchecked: list[tuple[Key, dict, Origin]] = []  # records with schema problems: references are still checked
    unread: set[str] = set()  # collections with a file that did not load: their ids are unknown, not missing
    misshapen: set[tuple] = set()  # (file, record index, field...) of values the schema rejected: not looked up
    schema_digest = schemas_digest(schema_dir)
    models = {c.name: collections.model(c.name) for c in collections}
    for collection, file in files:
        shown = relative_path(file, root, resolve=False)
        loaded, load_problems, located = read_and_check(file, shown, schemas[collection], schema_digest)
        problems += load_problems
        if load_problems:
            unread.add(collection)
            continue
        schema_problems = [problem for _, problem in located]
        problems += schema_problems
        misshapen.update((loaded.path, *path) for path, _ in located)
        if not isinstance(loaded.value, list):
            unread.add(collection)
            continue
        broken = {p.record_id for p in schema_problems}
        for i, item in enumerate(loaded.value):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            origin = Origin(loaded, i)
            key = (collection, item["id"])
            if key in origins:
                first = origins[key]
                problems.append(
                    origin.problem(
                        item["id"],
                        ("id",),
                        f"duplicate id: '{item['id']}' is already used in {first.path}:{first.where('id')[0]}",
                        hint="give this record its own id, or merge the two records",
                    )
                )
                continue
            origins[key] = origin
            if item["id"] in broken:
                unchecked.append((key, item, origin))
                continue
            try:
                records[collection][item["id"]] = models[collection].build(item)
            except FieldValueError as exc:
                problems.append(
                    origin.problem(
                        item["id"],
                        exc.path,
                        f"impossible date: {exc}",
                        found=describe(_dig(item, exc.path)),
                        hint="check the date against the source",
                    )
                )
                unchecked.append((key, item, origin))
                continue
            raw[key] = item
    known: dict[str, set[str] | None] = {name: {rid for (coll, rid) in origins if coll == name} for name in records}
    for name in unread:
        known[name] = None  # any id may be in the file that did not load: report that file's problem only
    index = CrossIndex()
    for key, item in raw.items():
        problems += _reference_problems(key, item, schemas[key[0]].refs, records, known, origins[key], index)
    for key, item, origin in unchecked:
        problems += _reference_problems(
            key, item, schemas[key[0]].refs, records, known, origin, CrossIndex(), misshapen
        )
    problems += semantic_problems(records, origins, today or date.today(), collections)
    if problems:
        raise DataErrors(problems, unread)
    return Dataset(records, origins, index, raw, collections)


def _dig(item: object, path: tuple) -> object:
    for part in path:
        item = item[part]
    return item


def _walk(value: object, path: tuple[str, ...], here: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Values at a schema path (``*`` = every list item or mapping value), with their concrete paths."""
    if not path:
        yield here, value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        items = value.items() if isinstance(value, dict) else enumerate(value if isinstance(value, list) else [])
        for i, item in items:
            yield from _walk(item, rest, (*here, i))
    elif isinstance(value, dict) and head in value:
        yield from _walk(value[head], rest, (*here, head))


def _inside_misshapen(misshapen: set[tuple], origin: Origin, path: tuple) -> bool:
    """Whether the value at ``path``, or a value around it (a mapping where a list belongs), was rejected."""
    return any((origin.path, origin.index, *path[:n]) in misshapen for n in range(1, len(path) + 1))


def _reference_problems(
    key: Key,
    item: dict,
    refs: tuple[RefSpec, ...],
    records: dict[str, dict[str, Record]],
    known: dict[str, set[str] | None],
    origin: Origin,
    index: CrossIndex,
    misshapen: set[tuple] = frozenset(),  # type: ignore[assignment]
) -> list[Problem]:
    """Problems with the references in one record; every valid reference is added to ``index``."""
    problems = []
    for spec in refs:
        targets = records[spec.target]
        for path, target_id in _walk(item, spec.path):
            if not isinstance(target_id, str) or _inside_misshapen(misshapen, origin, path):
                continue  # a wrong type or form, already reported by the schema
            target = targets.get(target_id)
            ids = known[spec.target]
            if ids is None and target is None:
                continue  # the target may be in a file that did not load, reported there
            if ids is not None and target_id not in ids:
                near = suggest(target_id, ids)
                problems.append(
                    origin.problem(
                        key[1],
                        path,
                        f"unknown id '{target_id}' in {spec.target}",
                        expected=f"the id of a record in data/{spec.target}/",
                        hint=f"did you mean '{near}'?" if near else f"add the record to data/{spec.target}/ first",
                    )
                )
            elif target is None:
                continue  # the target exists but has problems of its own, reported there
            elif spec.kinds and getattr(target, "kind", None) not in spec.kinds:
                problems.append(
                    origin.problem(
                        key[1],
                        path,
                        f"'{target_id}' is a {target.kind}, which this field does not accept",
                        expected="an actor of kind " + " or ".join(spec.kinds),
                        hint="point to an actor of the right kind",
                    )
                )
            else:
                index.add(key, spec.field_name, (spec.target, target_id), path)
    return problems
