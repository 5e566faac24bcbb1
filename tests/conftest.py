"""Shared fixtures: build the real site once, or a modified copy of the project, into temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides", "schemas")


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> BeautifulSoup:
        """Parsed HTML of a site-relative directory URL such as ``actors/sergei-lavrov/``."""
        return BeautifulSoup((self.site / url / "index.html").read_text(encoding="utf-8"), "html.parser")

    def written(self) -> list[Path]:
        return [p for p in self.site.rglob("*") if p.is_file()] if self.site.exists() else []


def run_build(project: Path, site: Path, *extra: str) -> BuildResult:
    """``mkdocs build --strict`` of ``project`` into ``site``, as a maintainer would run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SITE_URL", None)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(site),
            *extra,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project's site sources, safe to modify."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> BuildResult:
    """The real site, built once per test session."""
    result = run_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")
