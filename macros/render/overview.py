"""Whole-dataset views: the timeline, the treaty comparison and the relations map (computed once per build)."""

from __future__ import annotations

from dataclasses import dataclass
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

    def sort_key(self) -> tuple:
        return (self.date, {"milestone": 0, "event": 1, "quote": 2}[self.kind], self.record.id)


def timeline(data: Dataset) -> list[tuple[int, list[TimelineEntry]]]:
    """Every dated event, treaty milestone and quote, oldest first, grouped by year."""
    entries = [TimelineEntry(e.date, "event", e) for e in data.all("events")]
    entries += [TimelineEntry(s.date, "milestone", t, s) for t in data.all("treaties") for s in t.status]
    entries += [TimelineEntry(q.date, "quote", q) for q in data.all("quotes")]
    entries.sort(key=TimelineEntry.sort_key)
    return [(year, list(group)) for year, group in groupby(entries, key=lambda e: e.date.year)]


def compared_treaties(data: Dataset) -> list[Record]:
    return [t for t in data.all("treaties") if t.compare]


@dataclass(frozen=True)
class Node:
    record: Record
    x: int
    y: int


@dataclass(frozen=True)
class Edge:
    a: Node
    b: Node
    label: str


@dataclass(frozen=True)
class RelationsMap:
    columns: tuple[tuple[str, tuple[Node, ...]], ...]
    edges: tuple[Edge, ...]
    width: int
    height: int


COLUMN_X = {"treaties": 150, "actors": 450, "events": 750}
ROW = 30
TOP = 50


def relations(data: Dataset) -> RelationsMap:
    """Treaties, the actors tied to them or to events, and events, in three columns with their links."""
    links: list[tuple[tuple[str, str], tuple[str, str], str]] = []
    for t in data.all("treaties"):
        links += [(("actors", a), ("treaties", t.id), "party") for a in t.parties]
        links += [(("actors", a), ("treaties", t.id), "signatory") for a in t.signatories]
    for e in data.all("events"):
        links += [(("actors", a), ("events", e.id), "participant") for a in e.participants]
        links += [(("events", e.id), ("treaties", t), "concerns") for t in e.treaties]
    linked = {key for link in links for key in link[:2]}
    nodes: dict[tuple[str, str], Node] = {}
    columns = []
    for collection, x in COLUMN_X.items():
        members = [r for r in data.all(collection) if (collection, r.id) in linked]
        members.sort(key=lambda r: r.title.casefold())
        column = tuple(Node(r, x, TOP + i * ROW) for i, r in enumerate(members))
        nodes.update({(collection, n.record.id): n for n in column})
        columns.append((collection, column))
    edges = tuple(Edge(nodes[a], nodes[b], label) for a, b, label in links)
    rows = max((len(col) for _, col in columns), default=0)
    return RelationsMap(tuple(columns), edges, 900, TOP + rows * ROW)
