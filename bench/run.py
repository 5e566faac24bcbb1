"""Build and reader figures, site against the plain-MkDocs floor: ``python -m bench.run [--real] [--sizes 100 1000]``.

Side by side with the floor (plain MkDocs Material, its own search) and the floor indexed by Pagefind: build time,
the largest HTML page, bytes a reader downloads on a first page view and on a first query, and the preview time
after a one-record edit under `mkdocs serve`; the site's search index from its files (size, caps, a first query's
worst case) and its build time beside Pagefind's. ``--index-scale 10000`` shows the index at sizes no build reaches
here: the builder fed copies of a generated project's pages (bench/index_scale.py).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.floor import write_floor
from bench.generate import actor_id, generate
from bench.index_scale import IndexFigures, at_scale, timed_index
from bench.pagefind_floor import index_floor
from bench.reader import QUERY_KINDS, ReaderBytes, floor_reader_bytes, site_reader_bytes
from bench.serving import serving, wait_for
from macros.core import load_dataset

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1740441600"}


@dataclass
class Build:
    seconds: float
    peak_mib: float


@dataclass(frozen=True)
class Page:
    bytes: int
    url: str


@dataclass
class Reader:
    """Bytes a reader downloads (gzip) for one query, on the site, the floor and the floor indexed by Pagefind."""

    site: ReaderBytes
    floor: ReaderBytes

    @property
    def floor_pagefind(self) -> ReaderBytes:
        """The floor with Material's search swapped for Pagefind: its page view without Material's search bytes."""
        return ReaderBytes(self.floor.page_view, 0, self.floor.first_query, self.floor.first_query_by_kind)

    @property
    def floor_material(self) -> ReaderBytes:
        """The floor as built: Material's search fetches its whole index on the page view; a query fetches nothing."""
        return ReaderBytes(self.floor.page_view + self.floor.page_view_search, self.floor.page_view_search, 0)


@dataclass
class Result:
    n: str  # N, or "real"
    records: int
    pages: int
    data_layer_s: float
    site: Build
    floor: Build
    record_page_bytes: int
    home_page_bytes: int
    site_bytes: int
    largest_page: Page
    floor_largest_page: Page
    floor_pagefind_s: float  # indexing the floor with Pagefind, after its build
    site_index: IndexFigures | None = None  # the site's own index, re-built and timed after the build
    reader: dict[str, Reader] = field(default_factory=dict)  # query → site, floor, floor with Pagefind
    serve_rebuild_s: float | None = None

    @property
    def ratio(self) -> float:
        return self.site.seconds / self.floor.seconds

    @property
    def preview_ratio(self) -> float | None:
        return None if self.serve_rebuild_s is None else self.serve_rebuild_s / self.site.seconds

    @property
    def data_share(self) -> float:
        return self.data_layer_s / self.site.seconds


@dataclass(frozen=True)
class Subject:
    """A project to measure: which page a reader opens, what they search for, and the one-record edit to preview."""

    label: str  # N, or "real"
    project: Path
    read_page: str
    queries: tuple[str, ...]
    edit: tuple[str, str, str]  # data file (relative to the project), its text before, after


def synthetic(n: int, work: Path) -> Subject:
    """A generated project of N actors; the reader opens the first actor, whose name the edit changes."""
    project = generate(n, work / f"site-{n}")
    edit = ("data/actors/actors-000000.yml", "name: Actor 000000", "name: Edited 000000")
    # a word in every synthetic record's text, and one actor's name
    return Subject(str(n), project, f"actors/{actor_id(0)}/", ("sanctions", f"Actor {n // 2:06d}"), edit)


def real(work: Path) -> Subject:
    """A copy of this project, real data and all."""
    project = work / "real"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for part in ("docs", "data", "macros", "overrides", "schemas"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    edit = ("data/actors/people.yml", "name: Sergei Lavrov", "name: Sergei Lavrov Edited")
    return Subject("real", project, "actors/sergei-lavrov/", ("Araghchi", "sanctions"), edit)


def timed_build(project: Path, site: Path) -> Build:
    """``mkdocs build`` in a child process: wall time and the child's peak resident memory."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {project} failed:\n{child.stderr.read().decode()}")
    return Build(round(seconds, 2), round(usage.ru_maxrss / 1024, 1))


def data_layer_seconds(project: Path) -> tuple[float, int]:
    start = time.perf_counter()
    dataset = load_dataset(root=project)
    return round(time.perf_counter() - start, 3), len(dataset)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def serve_rebuild_seconds(subject: Subject, timeout: float = 900) -> float:
    """Seconds from saving a one-record YAML edit until `mkdocs serve` serves the changed page."""
    path, before, after = subject.edit
    shown_before, shown_after = before.removeprefix("name: "), after.removeprefix("name: ")
    with serving(subject.project, ENV) as base:
        url = base + subject.read_page
        if wait_for(url, lambda body: shown_before in body, timeout, every=0.5) is None:
            raise SystemExit("mkdocs serve did not start in time")
        time.sleep(2)  # let the watcher settle
        data = subject.project / path
        data.write_text(data.read_text(encoding="utf-8").replace(before, after, 1), encoding="utf-8")
        start = time.monotonic()
        if wait_for(url, lambda body: shown_after in body, timeout, every=0.1) is None:
            raise SystemExit("the edit was not served in time")
        return round(time.monotonic() - start, 2)


def largest_html(site: Path) -> Page:
    """The largest HTML page of a built site (Pagefind's bundle aside, the floor's) and its URL."""
    pages = (p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)
    size, path = max((p.stat().st_size, p) for p in pages)
    url = path.parent.relative_to(site).as_posix() + "/" if path.name == "index.html" else path.name
    return Page(size, "/" if url == "./" else "/" + url)


def reader_bytes(subject: Subject, site: Path, floor_site: Path) -> dict[str, Reader]:
    page = subject.read_page
    return {
        q: Reader(site_reader_bytes(site, page, q), floor_reader_bytes(floor_site, page, q)) for q in subject.queries
    }


def fastest(builds: list[Build]) -> Build:
    """The least disturbed of several runs: the minimum time (and the peak memory of that run)."""
    return min(builds, key=lambda b: b.seconds)


def measure(subject: Subject, work: Path, serve: bool, repeat: int, read: bool = True) -> Result:
    project = subject.project
    data_s, records = data_layer_seconds(project)
    sites = [timed_build(project, project / "site")]
    floor_project = write_floor(project, project / "site", work / f"floor-{subject.label}")
    floors = [timed_build(floor_project, floor_project / "site")]
    for _ in range(repeat - 1):  # interleaved, so a slow spell on the machine hits both sides
        sites.append(timed_build(project, project / "site"))
        floors.append(timed_build(floor_project, floor_project / "site"))
    site, floor = fastest(sites), fastest(floors)
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    site_index = timed_index(project / "site")  # the site's index, built again on its own to time it
    start = time.perf_counter()
    index_floor(floor_project / "site")  # Pagefind on the floor, beside Material's own search
    floor_pagefind_s = round(time.perf_counter() - start, 2)
    result = Result(
        n=subject.label,
        records=records,
        pages=pages,
        data_layer_s=data_s,
        site=site,
        floor=floor,
        record_page_bytes=(project / "site" / subject.read_page / "index.html").stat().st_size,
        home_page_bytes=(project / "site" / "index.html").stat().st_size,
        site_bytes=folder_bytes(project / "site"),
        largest_page=largest_html(project / "site"),
        floor_largest_page=largest_html(floor_project / "site"),
        floor_pagefind_s=floor_pagefind_s,
        site_index=site_index,
    )
    if read:
        result.reader = reader_bytes(subject, project / "site", floor_project / "site")
    if serve:
        result.serve_rebuild_s = serve_rebuild_seconds(subject)
    return result


def table(results: list[Result]) -> str:
    rows = [
        "| N | records | pages | site build s | floor build s | ratio | site peak MiB | floor peak MiB | data layer s "
        "(share) | record page B | home page B | site size MB | serve rebuild s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        serve = f"{r.serve_rebuild_s}" if r.serve_rebuild_s is not None else "—"
        rows.append(
            f"| {r.n} | {r.records} | {r.pages} | {r.site.seconds} | {r.floor.seconds} | {r.ratio:.2f} | "
            f"{r.site.peak_mib} | {r.floor.peak_mib} | {r.data_layer_s} ({r.data_share:.1%}) | "
            f"{r.record_page_bytes} | {r.home_page_bytes} | {r.site_bytes / 1e6:.1f} | {serve} |"
        )
    return "\n".join(rows)


def kb(n: int) -> str:
    """Kilobytes (1 000 bytes), a decimal below 10 so a small file does not read as nothing."""
    return (f"{n / 1000:.1f} KB" if n < 10_000 else f"{n / 1000:,.0f} KB").replace(",", " ")


def reader_table(results: list[Result]) -> str:
    """Largest page, bytes a reader downloads (gzip) and preview time: site / floor / floor with Pagefind."""
    rows = [
        "| N | largest HTML page: site / floor | page view: site / floor / floor+Pagefind "
        "| first query: site / floor / floor+Pagefind | build: site / floor / floor+Pagefind s "
        "| preview after an edit s (× full build) |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        serve = f"{r.serve_rebuild_s} ({r.preview_ratio:.2f}×)" if r.serve_rebuild_s is not None else "—"
        views = queries_ = "—"
        if r.reader:
            first = next(iter(r.reader.values()))
            views = " / ".join(kb(b.page_view) for b in (first.site, first.floor_material, first.floor_pagefind))
            queries_ = "; ".join(
                f"“{q}” " + " / ".join(kb(b.first_query) for b in (x.site, x.floor_material, x.floor_pagefind))
                for q, x in r.reader.items()
            )
        rows.append(
            f"| {r.n} | {kb(r.largest_page.bytes)} ({r.largest_page.url}) / {kb(r.floor_largest_page.bytes)} "
            f"({r.floor_largest_page.url}) | {views} | {queries_} | {r.site.seconds} / {r.floor.seconds} / "
            f"{round(r.floor.seconds + r.floor_pagefind_s, 2)} | {serve} |"
        )
    return "\n".join(rows)


def query_table(results: list[Result]) -> str:
    """What each first query fetched, by kind of file (bench.reader.QUERY_KINDS): which part grows with N."""
    kinds = [kind for kind, _ in QUERY_KINDS] + ["other"]
    rows = ["| N | query | side | total | " + " | ".join(kinds) + " |", "|---|---|---|---|" + "---|" * len(kinds)]
    for r in results:
        for q, x in r.reader.items():
            for side, b in (("site", x.site), ("floor+Pagefind", x.floor_pagefind)):
                cells = " | ".join(kb(b.first_query_by_kind[k]) if k in b.first_query_by_kind else "—" for k in kinds)
                rows.append(f"| {r.n} | “{q}” | {side} | {kb(b.first_query)} | {cells} |")
    return "\n".join(rows)


INDEX_HEADER = (
    "| N | docs | shards S | index files | index MB | largest shard gz | largest chunk gz | worst first query gz "
    "| index build s | floor Pagefind s |"
)


def index_row(n: str, f: IndexFigures, pagefind_s: float | str = "—") -> str:
    return (
        f"| {n} | {f.docs} | {f.shards} | {f.files} | {f.bytes / 1e6:.1f} | {kb(f.largest_shard_gzip)} | "
        f"{kb(f.largest_chunk_gzip)} | {kb(f.worst_first_query)} | {f.seconds} | {pagefind_s} |"
    )


def index_table(results: list[Result]) -> str:
    """The site's search index, from its files: its size, its largest files, a first query's worst case (meta, six
    key shards, ten docs chunks and the search UI's files, all gzip), and its build time beside Pagefind's."""
    rows = [INDEX_HEADER, "|---|---|---|---|---|---|---|---|---|---|"]
    rows += [index_row(r.n, r.site_index, r.floor_pagefind_s) for r in results if r.site_index is not None]
    return "\n".join(rows)


def index_scale(sizes: list[int], sample_n: int, work: Path) -> str:
    """The index at each N of ``sizes``, built from copies of the generated project's pages at ``sample_n``."""
    subject = synthetic(sample_n, work)
    timed_build(subject.project, subject.project / "site")
    rows = [INDEX_HEADER, "|---|---|---|---|---|---|---|---|---|---|"]
    for n in sizes:
        rows.append(index_row(f"{n} (from {sample_n})", at_scale(n, subject.project / "site", sample_n, work)))
        print(rows[-1], flush=True)
    return "\n".join(rows)


def growth(results: list[Result]) -> str:
    """How each figure grows from one size to the next (linear growth over a 10× step is a ratio of 10)."""
    lines = []
    for small, large in itertools.pairwise([r for r in results if r.n.isdigit()]):
        step = int(large.n) / int(small.n)
        lines.append(
            f"N {small.n} → {large.n} ({step:g}× records): site build ×{large.site.seconds / small.site.seconds:.2f}, "
            f"floor build ×{large.floor.seconds / small.floor.seconds:.2f}, "
            f"data layer ×{large.data_layer_s / small.data_layer_s:.2f}, "
            f"record page size {100 * (large.record_page_bytes / small.record_page_bytes - 1):+.2f} %"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--real", action="store_true", help="measure this project's own site too (first)")
    parser.add_argument(
        "--serve-at",
        type=int,
        nargs="*",
        default=[1000],
        help="measure the preview after an edit at these N (0: the real site)",
    )
    parser.add_argument("--no-reader", action="store_true", help="skip the reader's bytes (Chromium)")
    parser.add_argument("--results", type=Path, default=OUT / "results.json", help="where to write the figures")
    parser.add_argument("--work", type=Path, default=OUT / "work")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each side per size; the fastest counts")
    parser.add_argument("--repeat-up-to", type=int, default=1000, help="larger sizes are built once per side")
    parser.add_argument(
        "--index-scale",
        type=int,
        nargs="*",
        default=[],
        help="the site's search index alone at these N, from copies of a generated project's pages",
    )
    parser.add_argument("--index-sample", type=int, default=100, help="the N built for --index-scale")
    args = parser.parse_args(argv)
    results = []
    subjects = [(0, lambda: real(args.work))] if args.real else []
    subjects += [(n, functools.partial(synthetic, n, args.work)) for n in args.sizes]
    for n, make in subjects:
        repeat = args.repeat if n <= args.repeat_up_to else 1
        result = measure(make(), args.work, serve=n in args.serve_at, repeat=repeat, read=not args.no_reader)
        results.append(result)
        print(table([result]).splitlines()[-1], flush=True)
        print(reader_table([result]).splitlines()[-1], flush=True)
    print()
    print(table(results))
    print()
    print(reader_table(results))
    print()
    print(query_table(results))
    print()
    print(index_table(results))
    print()
    print(growth(results))
    if args.index_scale:
        print()
        print(index_scale(args.index_scale, args.index_sample, args.work))
    args.results.parent.mkdir(parents=True, exist_ok=True)
    figures = [
        {
            **asdict(r),
            "ratio": r.ratio,
            "data_share": r.data_share,
            "preview_ratio": r.preview_ratio,
            "index_worst_first_query": r.site_index.worst_first_query if r.site_index else None,
        }
        for r in results
    ]
    args.results.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
