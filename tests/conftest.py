"""Shared fixtures: build the real site once, or a modified copy of the project, into temporary folders."""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
BROWSER_HINT = (
    "install Chromium: on Debian/Ubuntu `sudo apt-get install chromium chromium-driver` (or run `bash .ci/run`, which "
    "does), on macOS `brew install --cask chromium` and set CHROMIUM_PATH to its binary; then `make test`"
)
# Flags for headless Chromium in a container: no sandbox (root), no GPU, and nothing that would reach the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides", "schemas")
# The front matter a narrative page needs (a page a test adds is a narrative unless it says `narrative: false`).
REVIEWED = "---\nreviewed: 2026-12-01\n---\n\n"


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> BeautifulSoup:
        """Parsed HTML of a site-relative directory URL such as ``actors/sergei-lavrov/``."""
        return BeautifulSoup((self.site / url / "index.html").read_text(encoding="utf-8"), "html.parser")

    def parts(self, url: str) -> list[BeautifulSoup]:
        """A list page and its further parts (``url/page/2/``…): long lists are split (macros/render/paging.py)."""
        pages, n = [self.page(url)], 2
        while (self.site / url / "page" / str(n) / "index.html").exists():
            pages.append(self.page(f"{url}page/{n}/"))
            n += 1
        return pages

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


def add_iran_to_dedov_quote(data_dir: Path) -> None:
    """Give the quote ``dedov-without-russia-and-china`` one more actor it is about (Iran): a new reference."""
    path = data_dir / "quotes/dedov.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("- id: dedov-without-russia-and-china\n")
    at = next(i for i in range(start, len(lines)) if lines[i] == "  about_actors: [russia, china]\n")
    lines[at] = "  about_actors: [russia, china, iran]\n"
    path.write_text("".join(lines), encoding="utf-8")


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


# --- Browser tests: under CI a missing browser fails the run; elsewhere the skip is announced, not buried. ---


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is not installed (`make test` installs it from requirements.txt)"
    return None


def _is_browser_test(item: pytest.Item) -> bool:
    return item.path.name.startswith("test_browser") or "browser" in getattr(item, "fixturenames", ())


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


_BROWSER_SKIPS: list[str] = []


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """A browser test module skipped as a whole (``importorskip`` without playwright) counts as skipped tests."""
    if report.skipped and Path(str(report.nodeid).split("::")[0]).name.startswith("test_browser"):
        _BROWSER_SKIPS.append(report.nodeid)


def pytest_collection_finish(session: pytest.Session) -> None:
    """After ``-k``/``-m`` selection: note the browser tests that will skip; under CI, stop the run instead."""
    reason = browser_missing()
    if reason is None:
        return
    _BROWSER_SKIPS.extend(item.nodeid for item in session.items if _is_browser_test(item))
    if _BROWSER_SKIPS and _in_ci():
        pytest.exit(
            f"CI=true, but {len(_BROWSER_SKIPS)} browser test(s) cannot run: {reason}.\nTo fix: {BROWSER_HINT}.",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    reason = browser_missing()
    if reason and _BROWSER_SKIPS and not _in_ci():
        terminalreporter.section("browser tests NOT run", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"WARNING: {len(_BROWSER_SKIPS)} browser test(s) were skipped: {reason}.", red=True, bold=True
        )
        terminalreporter.write_line(f"To run them: {BROWSER_HINT}. Under CI=true this fails the run.", red=True)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """A built site served over HTTP on a free local port (the address, ending in /), for the browser tests."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser), one per test module."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
