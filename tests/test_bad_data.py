"""A corpus of bad data (tests/bad_data/*): each case stops `validate` and the build with its exact message.

Each case folder holds files to lay over a copy of the project (data/… or docs/…) and `expected.txt`, the exact
problem report. Nothing may be written to the output folder, and no traceback may be shown.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, run_build

CASES = sorted(p for p in (Path(__file__).parent / "bad_data").iterdir() if p.is_dir())


def overlay(case: Path, project: Path) -> None:
    for src in case.rglob("*"):
        if src.is_file() and src.name != "expected.txt":
            dest = project / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())


def validate(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [sys.executable, "-m", "macros.validate"], capture_output=True, text=True, cwd=project, env=env
    )


def report(output: str) -> str:
    """The problem report in a command's output, without the log prefix MkDocs adds to its first line."""
    start = output.index("Found ")
    lines = output[start:].splitlines()
    return "\n".join(line for line in lines if not line.startswith(("Aborted", "INFO"))).strip()


def test_the_corpus_covers_at_least_25_faults():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_data_gives_its_exact_message_and_builds_nothing(case, tmp_path):
    project = copy_project(tmp_path / "project")
    overlay(case, project)
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()

    result = run_build(project, tmp_path / "site")

    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert report(result.output) == expected
    assert result.written() == []
    assert not (project / "PWNED").exists()

    if case.name.startswith(("32-",)):
        return  # narrative pages are checked by the build only
    checked = validate(project)
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    assert report(checked.stderr) == expected
