"""Shared fixtures: build the real site once, or a modified copy of the project, into temporary folders."""

from __future__ import annotations

import fcntl
import functools
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from page_facts import PageFacts, scan

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


@functools.lru_cache(maxsize=16)
def _parsed(path: str, mtime_ns: int, size: int) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path
    project: Path | None = None  # the copy that was built, where a test reads it too
    notes: dict = field(default_factory=dict)  # what the fixture saw before building (JSON values)

    def page(self, url: str) -> BeautifulSoup:
        """Parsed HTML of a site-relative directory URL such as ``actors/sergei-lavrov/``. The same page asked for
        again is parsed once (the last few are kept): tests read a page's tree, and none changes it."""
        path = self.site / url / "index.html"
        stat = path.stat()
        return _parsed(str(path), stat.st_mtime_ns, stat.st_size)

    def parts(self, url: str) -> list[BeautifulSoup]:
        """A list page and its further parts (``url/page/2/``…): long lists are split (macros/render/paging.py)."""
        pages, n = [self.page(url)], 2
        while (self.site / url / "page" / str(n) / "index.html").exists():
            pages.append(self.page(f"{url}page/{n}/"))
            n += 1
        return pages

    def written(self) -> list[Path]:
        return [p for p in self.site.rglob("*") if p.is_file()] if self.site.exists() else []


def run_build(project: Path, site: Path, *extra: str, env: dict[str, str] | None = None) -> BuildResult:
    """``mkdocs build --strict`` of ``project`` into ``site``, as a maintainer would run it (``env``: variables set
    for this build only)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
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


def run_validate(project: Path, capsys, monkeypatch, *argv: str) -> tuple[int, str, str]:
    """`python -m macros.validate [argv]` in ``project``, run in this process through the command's own ``main``
    (the checks a build runs, without starting Python and MkDocs again): exit code, stdout, stderr. The code and
    schemas are this checkout's; a test of a project whose schemas differ runs the command in a child process."""
    from macros import validate

    capsys.readouterr()
    monkeypatch.chdir(project)
    code = validate.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


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


# --- Builds shared by the whole run -------------------------------------------------------------------------------


@contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared(tmp_path_factory, name: str, make: Callable[[Path], object]) -> object:
    """``make(folder)``'s JSON value, made once per test run even when pytest-xdist runs the tests in several
    processes: the first to ask makes it (under a lock, in the run's temporary folder, which every worker shares);
    the others wait and read it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # one run's workers each have a folder below this one (run_folder)
    record = base / f"{name}.json"
    with _exclusive(base / f"{name}.lock"):
        if not record.exists():
            record.write_text(json.dumps(make(base / name), default=str), encoding="utf-8")
    return json.loads(record.read_text(encoding="utf-8"))


def shared_build(tmp_path_factory, name: str, make: Callable[[Path], BuildResult]) -> BuildResult:
    """A build made once per test run (``shared``). A build that failed is read as failed by every test needing it."""
    fields = shared(tmp_path_factory, name, lambda folder: asdict(make(folder)))
    fields["site"] = Path(fields["site"])
    fields["project"] = fields["project"] and Path(fields["project"])
    return BuildResult(**fields)


# The real site is built as if on a machine west of the date line, with a fixed hash seed and the time a commit
# gives: test_contributor_path builds it again east of the date line with another seed and compares every byte.
BUILT_ENV = {"SOURCE_DATE_EPOCH": "1740441600", "TZ": "Etc/GMT+12", "PYTHONHASHSEED": "2"}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> BuildResult:
    """The real site, built once per test run."""
    result = shared_build(tmp_path_factory, "site", lambda folder: run_build(ROOT, folder / "site", env=BUILT_ENV))
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def built_pages(built, tmp_path_factory) -> dict[str, PageFacts]:
    """What the whole-site checks read from each page of the real site (tests/page_facts.py), by path relative to
    the site (``actors/sergei-lavrov/index.html``), parsed once per test run."""
    scanned = shared(tmp_path_factory, "site-pages", lambda folder: scan(built.site))
    return {path: PageFacts(**facts) for path, facts in scanned.items()}


@pytest.fixture(scope="session")
def edited(tmp_path_factory) -> BuildResult:
    """A copy of the project with every edit of tests/edited.py (records added, hostile values, pages calling macros),
    built once per test run."""
    from edited import build_edited_project

    result = shared_build(tmp_path_factory, "edited", build_edited_project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


# --- Order: the longest files first ------------------------------------------------------------------------------

# Test files that take longest (a minute or more of serve sessions, builds or Chromium), slowest first. `make pytest`
# hands whole files to its workers in collection order (--dist loadfile --no-loadscope-reorder): started first,
# these do not leave one worker running the last long file while the others wait. Only the order changes.
LONGEST_FIRST = (
    "test_preview_serve.py",
    "test_visual.py",  # second: the other worker builds the real site (``built``) while the first runs serve
    "test_preview_parts.py",
    "test_serve.py",
    "test_search.py",
    "test_bad_data.py",
    "test_bench.py",
    "test_paging.py",
    "test_security.py",
    "test_browser.py",
    "test_property_pipeline.py",
    "test_hostile_text.py",
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker per core, and one more. The serve sessions and the browser tests spend much of their
    time waiting (for serve to notice an edit, for a page to settle), which a core would otherwise sit out."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


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


_BROWSER_SKIPS: set[str] = set()


def run_folder(config: pytest.Config) -> Path:
    """This run's temporary folder: under pytest-xdist, the one every worker's own folder is made in."""
    base = config._tmp_path_factory.getbasetemp()  # the tmp_path_factory fixture's, as pytest-xdist reads it too
    return base.parent if hasattr(config, "workerinput") else base


def pytest_collectreport(report: pytest.CollectReport) -> None:
    """A browser test module skipped as a whole (``importorskip`` without playwright) counts as skipped tests."""
    if report.skipped and Path(str(report.nodeid).split("::")[0]).name.startswith("test_browser"):
        _BROWSER_SKIPS.add(report.nodeid)


def _stop_if_in_ci(reason: str) -> None:
    if _BROWSER_SKIPS and _in_ci():
        pytest.exit(
            f"CI=true, but {len(_BROWSER_SKIPS)} browser test(s) cannot run: {reason}.\nTo fix: {BROWSER_HINT}.",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


@pytest.hookimpl(tryfirst=True)  # under pytest-xdist, before the worker reports its collection to the controller
def pytest_collection_finish(session: pytest.Session) -> None:
    """After ``-k``/``-m`` selection: note the browser tests that will skip; under CI, stop the run instead. Under
    pytest-xdist a worker only writes them down for the controller (below), which stops the run or reports them."""
    reason = browser_missing()
    if reason is None:
        return
    _BROWSER_SKIPS.update(item.nodeid for item in session.items if _is_browser_test(item))
    if hasattr(session.config, "workerinput"):
        worker = session.config.workerinput["workerid"]
        (run_folder(session.config) / f"browser-skips-{worker}.json").write_text(json.dumps(sorted(_BROWSER_SKIPS)))
        return
    _stop_if_in_ci(reason)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids: list[str]) -> None:
    """pytest-xdist's controller, which collects nothing itself: read the browser tests a worker found it cannot run
    (every worker collects every test, so the set is the same from each); under CI, stop the run."""
    reason = browser_missing()
    found = run_folder(node.config) / f"browser-skips-{node.workerinput['workerid']}.json"
    if reason is None or not found.exists():
        return
    _BROWSER_SKIPS.update(json.loads(found.read_text()))
    _stop_if_in_ci(reason)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    reason = browser_missing()
    if reason and _BROWSER_SKIPS and not _in_ci() and not hasattr(config, "workerinput"):
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
