"""Build the site with MkDocs and with ProperDocs (the maintained MkDocs 1.x fork) and compare the two outputs.

ProperDocs installs beside MkDocs from the same lock and loads Material and the plugins unchanged: its command
redirects every ``mkdocs.*`` import to ``properdocs.*``. The two sites must be byte-identical except for the
``<meta name="generator">`` tag, which names the engine. Exit 1 and show the first differences otherwise.

Usage: ``python scripts/engine_parity.py`` (``make engine-parity``). SOURCE_DATE_EPOCH is read from git, as in
``make build``, so the sitemap dates agree.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENGINES = ("mkdocs", "properdocs")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build(engine: str, site: Path, env: dict[str, str]) -> None:
    command = [str(BIN / engine), "build", "--strict", "--quiet", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)]
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{engine} build failed:\n{proc.stdout}{proc.stderr}")


def normalised(path: Path) -> bytes:
    data = path.read_bytes()
    return GENERATOR.sub(b'<meta name="generator" content="ENGINE">', data) if path.suffix == ".html" else data


def differences(first: Path, second: Path) -> list[str]:
    """Files present in only one site, and unified diffs of files whose normalised bytes differ."""
    files = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    others = {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    found = [f"only in {ENGINES[0]}: {p}" for p in sorted(files - others)]
    found += [f"only in {ENGINES[1]}: {p}" for p in sorted(others - files)]
    for rel in sorted(files & others):
        a, b = normalised(first / rel), normalised(second / rel)
        if a != b:
            diff = difflib.unified_diff(
                a.decode("utf-8", "replace").splitlines(),
                b.decode("utf-8", "replace").splitlines(),
                f"{ENGINES[0]}/{rel}",
                f"{ENGINES[1]}/{rel}",
                n=1,
                lineterm="",
            )
            found.append("\n".join(list(diff)[:20]))
    return found


def source_date_epoch() -> str:
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    proc = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0 or not proc.stdout.strip():
        sys.exit("cannot read the last commit's time from git: set SOURCE_DATE_EPOCH (see `make build`)")
    return proc.stdout.strip()


def main() -> int:
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(), "NO_MKDOCS_2_WARNING": "1"}
    env["DISABLE_MKDOCS_2_WARNING"] = "true"
    with tempfile.TemporaryDirectory() as tmp:
        sites = [Path(tmp) / engine for engine in ENGINES]
        for engine, site in zip(ENGINES, sites, strict=True):
            build(engine, site, env)
        found = differences(*sites)
        count = sum(1 for p in sites[0].rglob("*") if p.is_file())
    if found:
        print(f"{len(found)} difference(s) between the MkDocs and ProperDocs builds:", *found[:30], sep="\n")
        return 1
    print(f"engine parity: {count} files identical between MkDocs and ProperDocs, except the generator tag")
    return 0


if __name__ == "__main__":
    sys.exit(main())
