"""A corpus of bad data (tests/bad_data/*): each case stops `validate` and the build with its exact message.

Each case folder holds files to lay over a copy of the project (data/… or docs/…) and `expected.txt`, the exact
problem report. Nothing may be written to the output folder, and no traceback may be shown.

Every case is checked through `python -m macros.validate`'s own entry point, run in this process
(``conftest.run_validate``): the build runs the same checks (``macros.render.project.prepare``), so that proves each
message. A case that lays a file over schemas/ is checked in a child process whose ``macros`` is the copy's, as the
code reads the schemas beside it. The build's own path (MkDocs, its log, its output folder) is then proven once per
kind of failure (``BUILT``): the real `mkdocs build` stops with exactly the report `validate` printed, and writes
nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, run_build, run_validate

CASES = sorted(p for p in (Path(__file__).parent / "bad_data").iterdir() if p.is_dir())

# One real build per kind of failure, each from the layer that finds it (and the build log's own hazards).
BUILT = {
    "02-unclosed-quote": "YAML that does not parse (yamlio)",
    "04-python-tag": "YAML the safe loader refuses: a tag that would run a command (and nothing ran)",
    "08-file-not-a-list": "a file of the wrong shape",
    "30-unknown-collection-folder": "a folder that is not a collection",
    "33-several-problems-at-once": "schema, reference and blank-text problems, several in one report",
    "16-duplicate-id": "the index: an id used twice",
    "22-status-before-signing": "semantic checks: dates in the wrong order",
    "26-javascript-url": "addresses (macros.core.addresses)",
    "67-direction-override-in-a-name": "characters in text (macros.core.characters)",
    "39-escape-codes-in-a-name": "escape codes, which the build log must not pass to a terminal",
    "42-workflow-command-in-an-id": "workflow commands, which the build log must not pass to CI",
    "43-invalid-schema-file": "a schema file (the registry)",
    "60-citation-unknown-source": "citations",
    "64-glossary-repeats-an-abbreviation": "glossary terms",
    "32-unknown-id-in-narrative": "a narrative page's macro call (mentions)",
    "48-docs-runs-python": "the page gate: template code that would run Python (and nothing ran)",
    "53-docs-template-syntax-error": "a page's template syntax",
    "71-page-metadata-printed-as-html": "page metadata the theme prints",
}


def overlay(case: Path, project: Path) -> None:
    for src in case.rglob("*"):
        if src.is_file() and src.name != "expected.txt":
            dest = project / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(src.read_bytes())


def validate(project: Path) -> subprocess.CompletedProcess:
    """`python -m macros.validate` in ``project`` as a child process, running the copy's own ``macros``."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [sys.executable, "-m", "macros.validate"], capture_output=True, text=True, cwd=project, env=env
    )


def report(output: str) -> str:
    """The problem report in a command's output, without the log prefix MkDocs adds to its first line."""
    start = output.index("Found ")
    lines = output[start:].splitlines()
    return "\n".join(line for line in lines if not line.startswith(("Aborted", "INFO"))).strip()


def _case_project(case: Path, tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    overlay(case, project)
    return project


def test_the_corpus_covers_at_least_25_faults():
    assert len(CASES) >= 25
    assert set(BUILT) <= {c.name for c in CASES}  # a renamed case keeps its build


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_gives_the_exact_message(case, tmp_path, capsys, monkeypatch):
    project = _case_project(case, tmp_path)
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()
    if (case / "schemas").exists():  # the code reads the schemas beside it: run the copy's code
        checked = validate(project)
        code, err = checked.returncode, checked.stderr
    else:
        code, _, err = run_validate(project, capsys, monkeypatch)
    assert code == 1
    assert "Traceback" not in err
    assert report(err) == expected
    assert not (project / "PWNED").exists()


@pytest.mark.parametrize("case", [c for c in CASES if c.name in BUILT], ids=lambda c: c.name)
def test_the_build_stops_with_the_same_message_and_builds_nothing(case, tmp_path):
    project = _case_project(case, tmp_path)
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()

    result = run_build(project, tmp_path / "site")

    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert report(result.output) == expected
    assert result.written() == []
    assert not (project / "PWNED").exists()
