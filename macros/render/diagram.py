"""Lay out the diagrams of ties with Graphviz ``dot`` and hand back boxes and curves for the SVG template.

Why ``-Tplain`` and our own SVG rather than dot's SVG: the DOT source we send holds no data text at all (nodes are
``n0``, ``n1``… with sizes we compute), so nothing from a pull request can reach Graphviz; every label reaches the page
through the autoescaping template, with our classes, relative links and CSS colours for light and dark.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import textwrap
from dataclasses import dataclass

from macros.core.errors import Problem
from macros.core.models import Record
from macros.render.overview import node_label

LINE_PX = 18
PAD_X, PAD_Y = 10, 7
MARGIN = 4
POINTS = 72.0  # Graphviz works in inches; one point is drawn as one CSS pixel
TIMEOUT_SECONDS = 120
INSTALL_HINT = "install Graphviz: `sudo apt-get install graphviz` (Debian/Ubuntu) or `brew install graphviz` (macOS)"
WHERE = "the diagrams of ties (actor pages, and the ties() macro)"


class DiagramError(Exception):
    """Graphviz is missing or failed; carries a located problem for the build's error report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.format())
        self.problem = problem


@dataclass(frozen=True)
class PlacedNode:
    record: Record
    kind: str
    lines: tuple[str, ...]
    x: float  # top-left corner
    y: float
    width: float
    height: float
    first_note: int = 99  # the first line of the label that is a note ("met ×2"), drawn in italics

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    def line_y(self, i: int) -> float:
        top = self.y + (self.height - len(self.lines) * LINE_PX) / 2
        return round(top + (i + 0.75) * LINE_PX, 1)


@dataclass(frozen=True)
class PlacedEdge:
    kind: str
    path: str  # SVG path data
    ends: str  # "collection/id collection/id": the two records it joins


@dataclass(frozen=True)
class Diagram:
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    width: int
    height: int


def graphviz_problem() -> Problem | None:
    """A located problem if ``dot`` is not installed (checked at the start of every build)."""
    if shutil.which("dot"):
        return None
    message = "Graphviz's `dot` program, which lays out the diagrams of ties, is not installed"
    return Problem(WHERE, 1, 1, message, hint=INSTALL_HINT)


def run_dot(source: str) -> str:
    try:
        proc = subprocess.run(
            ["dot", "-Tjson0"], input=source, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except FileNotFoundError:
        problem = graphviz_problem() or Problem(WHERE, 1, 1, "`dot` could not be run", hint=INSTALL_HINT)
        raise DiagramError(problem) from None
    except subprocess.TimeoutExpired:
        message = f"Graphviz took over {TIMEOUT_SECONDS} s to lay out the diagrams"
        raise DiagramError(Problem(WHERE, 1, 1, message)) from None
    if proc.returncode != 0:
        detail = " ".join(proc.stderr.split())[:300] or f"exit status {proc.returncode}"
        raise DiagramError(Problem(WHERE, 1, 1, f"Graphviz could not lay out the diagrams: {detail}"))
    return proc.stdout


def _spline(points: list[tuple[float, float]]) -> str:
    """Graphviz's B-spline control points (1 + 3n) as an SVG cubic Bézier path."""
    head, rest = points[0], points[1:]
    out = [f"M{head[0]:.1f},{head[1]:.1f}"]
    for i in range(0, len(rest) - 2, 3):
        (ax, ay), (bx, by), (cx, cy) = rest[i : i + 3]
        out.append(f"C{ax:.1f},{ay:.1f} {bx:.1f},{by:.1f} {cx:.1f},{cy:.1f}")
    return " ".join(out)


def _points(pos: str, height: float) -> list[tuple[float, float]]:
    """Graphviz ``pos`` ("x,y x,y …", y upwards, maybe with s,/e, end markers) in SVG coordinates."""
    out = []
    for pair in pos.split():
        if pair[:2] in ("s,", "e,"):
            continue
        x, y = pair.split(",")
        out.append((float(x) + MARGIN, height - float(y) + MARGIN))
    return out


# --- Small diagrams of ties (ties.py): two columns, laid out in one `dot` run per build ---------------------------

TIE_WRAP = 17
NODE_KINDS = {"treaties": "treaty", "events": "event"}  # the drawing's kind for records that are not actors
NOTE_WRAP = 21  # "announced, 2 Oct 2025" on one line
TIE_FONT_PX = 14
_layouts: dict[str, dict] = {}  # DOT source → dot's JSON for it: filled in one batch per build (prime), then looked up


def tie_lines(graph, record) -> tuple[str, ...]:
    """A node's label: its title, then the note the graph keeps for it ("met ×3", "voted on, 8 April 2025")."""
    lines = wrap_to(node_label(record), TIE_WRAP)
    note = graph.notes.get(f"{record.collection}/{record.id}", "")
    return lines + (wrap_to(note, NOTE_WRAP) if note else ())


def wrap_to(label: str, width: int) -> tuple[str, ...]:
    return tuple(textwrap.wrap(" ".join(label.split()), width, break_on_hyphens=False)) or ("",)


def tie_source(graph, sizes: list[tuple[float, float]], name: str = "g") -> str:
    """DOT for a tie graph: the left column and the right column each in one rank, in the graph's order (invisible
    edges between neighbours keep it), and one edge per tie. Generated names and numbers only, as above."""
    index = {(r.collection, r.id): i for i, r in enumerate(graph.nodes)}
    left = [index[(r.collection, r.id)] for r in graph.left]
    right = [index[(r.collection, r.id)] for r in graph.right]
    lines = [
        f"digraph {name} {{",
        "graph [rankdir=LR, nodesep=0.14, ranksep=0.42, splines=true, outputorder=edgesfirst];",
        'node [shape=box, fixedsize=true, label=""];',
        "edge [dir=none];",
    ]
    lines += [f"n{i} [width={w / POINTS:.4f}, height={h / POINTS:.4f}];" for i, (w, h) in enumerate(sizes)]
    for column in (left, right):
        lines.append("{rank=same; " + " ".join(f"n{i};" for i in column) + "}")
        lines += [f"n{a} -> n{b} [style=invis];" for a, b in itertools.pairwise(column)]
    for tie in graph.ties:
        a, b = index[(tie.a.collection, tie.a.id)], index[(tie.b.collection, tie.b.id)]
        lines.append(f"n{a} -> n{b} [weight=2];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _tie_box(lines: tuple[str, ...]) -> tuple[float, float]:
    return max(len(line) for line in lines) * 0.62 * TIE_FONT_PX + 2 * PAD_X, len(lines) * LINE_PX + 2 * PAD_Y


def _tie_parts(graph) -> tuple[list[tuple[str, ...]], list[tuple[float, float]], str]:
    labels = [tie_lines(graph, r) for r in graph.nodes]
    sizes = [_tie_box(lines) for lines in labels]
    return labels, sizes, tie_source(graph, sizes)


def prime(graphs) -> int:
    """Lay out every graph not laid out yet in ONE `dot` run (dot reads any number of graphs from its input and
    writes one JSON document per graph); returns how many were laid out."""
    todo = {}
    for graph in graphs:
        source = _tie_parts(graph)[2]
        if source not in _layouts and source not in todo:
            todo[source] = f"g{len(todo)}"
    if not todo:
        return 0
    batch = "".join(source.replace("digraph g {", f"digraph {name} {{", 1) for source, name in todo.items())
    output = run_dot(batch)
    decoder = json.JSONDecoder()
    by_name, at = {}, 0
    while at < len(output):
        while at < len(output) and output[at].isspace():
            at += 1
        if at >= len(output):
            break
        document, at = decoder.raw_decode(output, at)
        by_name[document["name"]] = document
    for source, name in todo.items():
        _layouts[source] = by_name[name]
    return len(todo)


def forget_layouts() -> None:
    """A new build lays out again (the sizes and data may have changed)."""
    _layouts.clear()


def layout_ties(graph) -> Diagram:
    """Boxes and curves for a tie graph, from the batch (or one `dot` run for a graph the batch did not have)."""
    labels, sizes, source = _tie_parts(graph)
    if source not in _layouts:
        prime([graph])
    result = _layouts[source]
    _, _, width, height = (float(v) for v in result["bb"].split(","))
    index = {(r.collection, r.id): i for i, r in enumerate(graph.nodes)}
    nodes = []
    for obj in result["objects"]:
        if "pos" not in obj:
            continue  # the rank=same subgraphs
        i = int(obj["name"][1:])
        (w, h), (cx, cy) = sizes[i], _points(obj["pos"], height)[0]
        record = graph.nodes[i]
        kind = NODE_KINDS.get(record.collection) or record.kind  # an actor's kind (person, state…) is its shape
        first_note = len(wrap_to(node_label(record), TIE_WRAP))
        nodes.append(PlacedNode(record, kind, labels[i], cx - w / 2, cy - h / 2, w, h, first_note))
    # Edges name their ends by _gvid, which counts the rank=same subgraphs too: map it back to our node numbers.
    node_of = {o["_gvid"]: int(o["name"][1:]) for o in result["objects"] if "pos" in o}
    waiting = {(index[(t.a.collection, t.a.id)], index[(t.b.collection, t.b.id)]): t for t in graph.ties}
    keys = [f"{r.collection}/{r.id}" for r in graph.nodes]
    edges = []
    for e in result.get("edges", ()):
        ends = (node_of[e["tail"]], node_of[e["head"]])
        if e.get("style") == "invis" or ends not in waiting:
            continue
        path = _spline(_points(e["pos"], height))
        edges.append(PlacedEdge(waiting[ends].kind, path, f"{keys[ends[0]]} {keys[ends[1]]}"))
    return Diagram(tuple(nodes), tuple(edges), round(width + 2 * MARGIN), round(height + 2 * MARGIN))
