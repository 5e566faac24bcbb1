"""Whole-dataset views: the timeline, the treaty comparison and the relations map (computed once per build)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import groupby

from macros.core.dataset import Dataset
from macros.core.dates import PartialDate
from macros.core.models import Entry, Record, attribute_name


@dataclass(frozen=True)
class TimelineEntry:
    date: PartialDate
    kind: str  # the collection's x-collection.timeline kind: "event", "milestone", "quote"…
    record: Record
    entry: Entry | None = None  # the item of the record's ``timeline.entries`` list (a treaty's status step)
    phase: str = ""  # against the visit: "before", "visit", "during" (dates overlap it) or "after"
    order: int = 0  # the kind's x-collection.timeline order: among entries of the same date

    def sort_key(self) -> tuple:
        return (self.date, self.order, self.record.id)


VISIT_EVENT_ID = "lavrov-visit-tehran"  # the event the whole site is about; the timeline marks before and after it


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
    labels: dict[str, str] = field(default_factory=dict)  # kind -> its word, in the kinds' declared order

    @property
    def entries(self) -> list[TimelineEntry]:
        return [e for m in self.months for e in m.entries]

    def kinds(self) -> list[tuple[str, str, int]]:
        """(kind, label, how many) for the filter, in the kinds' declared order."""
        counts = {k: 0 for k in self.labels}
        for e in self.entries:
            counts[e.kind] += 1
        return [(k, label, counts[k]) for k, label in self.labels.items() if counts[k]]


def timeline_labels(data: Dataset) -> dict[str, str]:
    """Each timeline kind's word (x-collection.timeline), in the kinds' declared order."""
    specs = sorted((c.timeline for c in data.collections if c.timeline), key=lambda spec: spec.order)
    return {spec.kind: spec.label for spec in specs}


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
    """Every record (or entry of a record) of the collections that join the timeline (``x-collection.timeline``:
    events, treaty milestones, quotes), oldest first, grouped by month, each placed against the visit."""
    entries = []
    for info in data.collections:
        spec = info.timeline
        if spec is None:
            continue
        date = attribute_name(spec.date)
        for record in data.all(info.name):
            if spec.entries is None:
                entries.append(TimelineEntry(getattr(record, date), spec.kind, record, order=spec.order))
                continue
            for item in getattr(record, attribute_name(spec.entries)):
                entries.append(TimelineEntry(getattr(item, date), spec.kind, record, item, order=spec.order))
    entries.sort(key=TimelineEntry.sort_key)
    visit = data.get("events", VISIT_EVENT_ID)
    entries = [replace(e, phase=_phase(e, visit)) for e in entries]
    months = tuple(
        TimelineMonth(year, month, tuple(group))
        for (year, month), group in groupby(entries, key=lambda e: (e.date.year, e.date.month))
    )
    return Timeline(months, visit, timeline_labels(data))


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
    singulars: dict[str, str] = field(default_factory=dict)  # collection -> its noun: a node's kind if it has none

    def node_kind(self, record: Record) -> str:
        return getattr(record, "kind", None) or self.singulars[record.collection]

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
    """A box's label: the record's short title (x-collection.short_title_field), else its title."""
    return record.short_title


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
    return RelationsGraph(tuple(nodes), tuple(rels), {c.name: c.singular for c in data.collections})
