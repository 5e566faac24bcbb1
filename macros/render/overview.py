"""Whole-dataset views: the timeline, the treaty comparison and the relations map (computed once per build)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby

from macros.core.dataset import Dataset
from macros.core.dates import PartialDate
from macros.core.models import Record, StatusEntry


@dataclass(frozen=True)
class TimelineEntry:
    date: PartialDate
    kind: str  # "event", "milestone" or "quote"
    record: Record
    entry: StatusEntry | None = None
    phase: str = ""  # against the visit: "before", "visit", "during" (dates overlap it) or "after"

    def sort_key(self) -> tuple:
        return (self.date, {"milestone": 0, "event": 1, "quote": 2}[self.kind], self.record.id)


VISIT_EVENT_ID = "lavrov-visit-tehran"  # the event the whole site is about; the timeline marks before and after it
KIND_LABELS = {"event": "Event", "milestone": "Treaty milestone", "quote": "Quote"}


@dataclass(frozen=True)
class TimelineMonth:
    """The entries of one month (``month`` 0: dated only by year), with a heading and an anchor."""

    year: int
    month: int
    entries: tuple[TimelineEntry, ...]

    @property
    def heading(self) -> str:
        return PartialDate(self.year, self.month).display if self.month else f"{self.year}, month not given"

    @property
    def anchor(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Timeline:
    months: tuple[TimelineMonth, ...]
    visit: Record | None  # the visit event, if the data has it

    @property
    def entries(self) -> list[TimelineEntry]:
        return [e for m in self.months for e in m.entries]

    def kinds(self) -> list[tuple[str, str, int]]:
        """(kind, label, how many) for the filter, in a fixed order."""
        counts = {k: 0 for k in KIND_LABELS}
        for e in self.entries:
            counts[e.kind] += 1
        return [(k, label, counts[k]) for k, label in KIND_LABELS.items() if counts[k]]


def _phase(entry: TimelineEntry, visit: Record | None) -> str:
    if visit is None:
        return ""
    if entry.kind == "event" and entry.record.id == visit.id:
        return "visit"
    start, end = visit.date.earliest(), (visit.end_date or visit.date).latest()
    if entry.date.latest() < start:
        return "before"
    if entry.date.earliest() > end:
        return "after"
    return "during"


def timeline(data: Dataset) -> Timeline:
    """Every dated event, treaty milestone and quote, oldest first, grouped by month, each placed against the visit."""
    entries = [TimelineEntry(e.date, "event", e) for e in data.all("events")]
    entries += [TimelineEntry(s.date, "milestone", t, s) for t in data.all("treaties") for s in t.status]
    entries += [TimelineEntry(q.date, "quote", q) for q in data.all("quotes")]
    entries.sort(key=TimelineEntry.sort_key)
    visit = data.get("events", VISIT_EVENT_ID)
    entries = [replace(e, phase=_phase(e, visit)) for e in entries]
    months = tuple(
        TimelineMonth(year, month, tuple(group))
        for (year, month), group in groupby(entries, key=lambda e: (e.date.year, e.date.month))
    )
    return Timeline(months, visit)


def compared_treaties(data: Dataset) -> list[Record]:
    return [t for t in data.all("treaties") if t.compare]


Key = tuple[str, str]  # (collection, id)

# Relation kinds in the order the legend lists them: (kind, legend label, phrase from the first record's side).
RELATION_KINDS: tuple[tuple[str, str, str], ...] = (
    ("party", "Party to a treaty", "party to"),
    ("signatory", "Signed a treaty", "signed"),
    ("participant", "Took part in an event", "took part in"),
    ("concerns", "Event about a treaty", "concerned"),
    ("member", "Member of a grouping", "member of"),
    ("role", "Holds an office of", "office:"),
    ("affiliation", "Affiliated with", "affiliated with"),
)
NODE_KINDS = ("person", "state", "organisation", "outlet", "grouping", "event", "treaty")
RELATION_PHRASE = {kind: phrase for kind, _, phrase in RELATION_KINDS}


@dataclass(frozen=True)
class Relation:
    """One line of the diagram: ``tail`` is the record the relation is said of (an actor, or an event)."""

    tail: Key
    head: Key
    kind: str
    note: str = ""  # the office, for roles


@dataclass(frozen=True)
class RelationsGraph:
    """Every record that has a relation, and the relations, in a stable order."""

    nodes: tuple[Record, ...]
    relations: tuple[Relation, ...]

    def node_kind(self, record: Record) -> str:
        return getattr(record, "kind", None) or {"treaties": "treaty", "events": "event"}[record.collection]

    def kinds(self) -> list[str]:
        """Node kinds present, in a fixed order (for the legend)."""
        present = {self.node_kind(r) for r in self.nodes}
        return [k for k in NODE_KINDS if k in present]

    def relation_kinds(self) -> list[tuple[str, str]]:
        present = {r.kind for r in self.relations}
        return [(kind, label) for kind, label, _ in RELATION_KINDS if kind in present]

    def statements(self) -> list[tuple[Record, list[tuple[str, list[tuple[Record, str]]]]]]:
        """The diagram in words: each record with its relations, grouped by kind (every relation said once)."""
        by_key = {(r.collection, r.id): r for r in self.nodes}
        out: dict[Key, dict[str, list[tuple[Record, str]]]] = {}
        for rel in self.relations:
            out.setdefault(rel.tail, {}).setdefault(rel.kind, []).append((by_key[rel.head], rel.note))
        return [(by_key[key], list(kinds.items())) for key, kinds in out.items()]


def node_label(record: Record) -> str:
    return record.short_name if record.collection == "treaties" else record.title


def relations(data: Dataset) -> RelationsGraph:
    """Every reference the schemas mark with ``x-relation`` (parties, signatories, participants, events' treaties,
    groupings' members, roles and affiliations), read from the dataset's one index of references."""
    found: dict[tuple[Key, Key, str], list[str]] = {}
    specs = {
        (c.name, spec.field_name): spec.relation for c in data.collections for spec in data.collections.refs(c.name)
    }
    yielding = []  # relations drawn only where the two records have no other tie of a given kind
    for edge in data.index.edges:
        relation = specs.get((edge.source[0], edge.field))
        if relation is None:
            continue
        tail, head = (edge.target, edge.source) if relation.said_of == "target" else (edge.source, edge.target)
        note = ""
        if relation.note:
            entry = data.raw[edge.source]
            for part in edge.path[:-1]:
                entry = entry[part]
            note = entry.get(relation.note, "")
        if relation.unless:
            yielding.append((tail, head, relation))
            continue
        notes = found.setdefault((tail, head, relation.kind), [])
        if note and note not in notes:
            notes.append(note)
    for tail, head, relation in yielding:
        if (tail, head, relation.unless) not in found:
            found.setdefault((tail, head, relation.kind), [])
    order = {kind: i for i, (kind, _, _) in enumerate(RELATION_KINDS)}
    linked = {key for tail, head, _ in found for key in (tail, head)}
    nodes = [data.get(*key) for key in linked]
    nodes.sort(key=lambda r: (r.collection, node_label(r).casefold(), r.id))
    rels = [Relation(tail, head, kind, "; ".join(notes)) for (tail, head, kind), notes in found.items()]
    rels.sort(key=lambda r: (r.tail, order[r.kind], r.head))
    return RelationsGraph(tuple(nodes), tuple(rels))
