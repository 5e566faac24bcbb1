"""Print build figures for the site against the plain-MkDocs floor: ``python -m bench.run [--sizes 100 1000]``."""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.floor import write_floor
from bench.generate import actor_id, generate
from bench.serving import serving, wait_for
from macros.core import load_dataset

OUT = Path(__file__).resolve().parent / "out"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1740441600"}


@dataclass
class Build:
    seconds: float
    peak_mib: float


@dataclass
class Result:
    n: int
    records: int
    pages: int
    data_layer_s: float
    site: Build
    floor: Build
    record_page_bytes: int
    home_page_bytes: int
    site_bytes: int
    serve_rebuild_s: float | None = None

    @property
    def ratio(self) -> float:
        return self.site.seconds / self.floor.seconds

    @property
    def data_share(self) -> float:
        return self.data_layer_s / self.site.seconds


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


def serve_rebuild_seconds(project: Path, timeout: float = 900) -> float:
    """Seconds from saving a one-record YAML edit until `mkdocs serve` serves the changed page."""
    with serving(project, ENV) as base:
        url = f"{base}actors/{actor_id(0)}/"
        if wait_for(url, lambda body: "Actor 000000" in body, timeout, every=0.5) is None:
            raise SystemExit("mkdocs serve did not start in time")
        time.sleep(2)  # let the watcher settle
        data = project / "data" / "actors" / "actors-000000.yml"
        data.write_text(data.read_text(encoding="utf-8").replace("name: Actor 000000", "name: Edited 000000", 1))
        start = time.monotonic()
        if wait_for(url, lambda body: "Edited 000000" in body, timeout, every=0.1) is None:
            raise SystemExit("the edit was not served in time")
        return round(time.monotonic() - start, 2)


def fastest(builds: list[Build]) -> Build:
    """The least disturbed of several runs: the minimum time (and the peak memory of that run)."""
    return min(builds, key=lambda b: b.seconds)


def measure(n: int, work: Path, serve: bool, repeat: int) -> Result:
    project = generate(n, work / f"site-{n}")
    data_s, records = data_layer_seconds(project)
    sites = [timed_build(project, project / "site")]
    floor_project = write_floor(project, project / "site", work / f"floor-{n}")
    floors = [timed_build(floor_project, floor_project / "site")]
    for _ in range(repeat - 1):  # interleaved, so a slow spell on the machine hits both sides
        sites.append(timed_build(project, project / "site"))
        floors.append(timed_build(floor_project, floor_project / "site"))
    site, floor = fastest(sites), fastest(floors)
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    result = Result(
        n=n,
        records=records,
        pages=pages,
        data_layer_s=data_s,
        site=site,
        floor=floor,
        record_page_bytes=(project / "site" / "actors" / actor_id(0) / "index.html").stat().st_size,
        home_page_bytes=(project / "site" / "index.html").stat().st_size,
        site_bytes=folder_bytes(project / "site"),
    )
    if serve:
        result.serve_rebuild_s = serve_rebuild_seconds(project)
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


def growth(results: list[Result]) -> str:
    """How each figure grows from one size to the next (linear growth over a 10× step is a ratio of 10)."""
    lines = []
    for small, large in itertools.pairwise(results):
        step = large.n / small.n
        lines.append(
            f"N {small.n} → {large.n} ({step:g}× records): site build ×{large.site.seconds / small.site.seconds:.2f}, "
            f"floor build ×{large.floor.seconds / small.floor.seconds:.2f}, "
            f"data layer ×{large.data_layer_s / small.data_layer_s:.2f}, "
            f"record page size {100 * (large.record_page_bytes / small.record_page_bytes - 1):+.2f} %"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--serve-at", type=int, default=1000, help="measure the serve rebuild at this N (0: never)")
    parser.add_argument("--work", type=Path, default=OUT / "work")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each side per size; the fastest counts")
    parser.add_argument("--repeat-up-to", type=int, default=1000, help="larger sizes are built once per side")
    args = parser.parse_args(argv)
    results = []
    for n in args.sizes:
        repeat = args.repeat if n <= args.repeat_up_to else 1
        result = measure(n, args.work, serve=n == args.serve_at, repeat=repeat)
        results.append(result)
        print(table([result]).splitlines()[-1], flush=True)
    print()
    print(table(results))
    print(growth(results))
    OUT.mkdir(exist_ok=True)
    figures = [{**asdict(r), "ratio": r.ratio, "data_share": r.data_share} for r in results]
    (OUT / "results.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
