"""`mkdocs serve` on a broken project: the failing build shows its problems in the browser, and serve keeps running.

MkDocs' serve exits when its first build raises, and after a failed rebuild it holds every page request until a build
succeeds. Under serve, the hooks therefore finish a failing build with a site whose pages list the problems (the words
the log and `python -m macros.validate` print); the watcher's rebuild after the fix serves the real site again.
Strict mode is applied by the hooks under serve, so that warnings are listed like problems instead of aborting serve.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils import CountHandler

from macros.core.errors import printable
from macros.render import problem_page, urls

log = logging.getLogger("mkdocs.plugins.explainer")
_REPORTED = "tme_reported"  # marks the problems logged here, so that strict mode does not count them as warnings


class Warnings(logging.Handler):
    """The warnings a build logs (strict mode rejects a build with any), except the problems reported here."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not getattr(record, _REPORTED, False):
            self.messages.append(record.getMessage())


def settle_seconds(polling_interval: float) -> float:
    """How long serve waits after the last change it saw before it rebuilds: two polls of its watcher.

    MkDocs 1.6 polls the watched folders every 0.5 s but starts a build after 0.1 s without a change, so a save that
    one poll sees half done (an editor or a script truncating a file, then writing it) and the next sees finished led
    to a second, empty rebuild straight after the first: a whole build more before the preview settles (a minute at
    N = 1 000). MkDocs' maintainers named the 0.1 s as the cause of double rebuilds (mkdocs/mkdocs#2385)."""
    return 2 * polling_interval


def report(problem: str) -> None:
    """Log a problem the way a failed `mkdocs build` does (an ERROR line with the same words)."""
    log.error(problem, extra={_REPORTED: True})


def strict_report(warnings: list[str]) -> str:
    noun = "warning" if len(warnings) == 1 else "warnings"
    head = f"mkdocs.yml sets strict: true and the build logged {len(warnings)} {noun}:"
    return "\n".join([head, *map(printable, warnings)])


def code_stamp(package: Path) -> tuple[tuple[str, int, int], ...]:
    """Each Python file of the package with its size and modification time: enough to tell that one was edited."""
    files = sorted(package.rglob("*.py"))
    return tuple((p.relative_to(package).as_posix(), *_size_and_mtime(p)) for p in files)


def _size_and_mtime(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_size, stat.st_mtime_ns)


RESTART = (
    "macros/: Python code changed since `mkdocs serve` started; this preview still runs the old code. "
    "Restart `mkdocs serve` to use it (data, docs, templates and schemas apply on every rebuild)."
)


def warn_if_code_changed(at_start: tuple, now: tuple) -> bool:
    """Say that serve still runs the Python code it started with (MkDocs imports the hooks once per process, and
    Python keeps the modules it imported): in the log, and (True) on every page of the preview."""
    if at_start == now:
        return False
    log.warning(RESTART, extra={_REPORTED: True})
    return True


def restart_notice() -> str:
    """The note a preview page shows at its top while serve runs code older than the files (never in a build)."""
    return f'<p class="tme-restart" role="alert"><strong>Restart needed.</strong> {html.escape(RESTART)}</p>\n'


def mute_mkdocs_strict_counter(logger: logging.Logger) -> None:
    """Stop MkDocs' own strict-mode counter (added by each build before ``on_config``) from aborting serve."""
    for handler in logger.handlers:
        if type(handler) is CountHandler:
            handler.addFilter(lambda record: False)


@dataclass
class Session:
    """What one `mkdocs serve` keeps across its builds: the page addresses of the last good site."""

    page_urls: set[str] = field(default_factory=set)

    def remember(self, site_dir: Path) -> None:
        folders = (p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html"))
        self.page_urls = {"" if folder == "." else f"{folder}/" for folder in folders}

    def show_problems(self, site_dir: Path, docs_dir: Path, reports: list[str]) -> None:
        """Fill ``site_dir`` with the problem page: at the home page, at every page of the last good site and of
        docs/ (so an open tab reloads onto it), and as the 404 page serve returns for any other address."""
        page = problem_page.html(reports)
        docs = {urls.page_url(p.relative_to(docs_dir).as_posix()) for p in docs_dir.rglob("*.md")}
        for address in sorted({"", *self.page_urls, *docs}):
            target = site_dir / address / "index.html"
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page, encoding="utf-8")
            except OSError:
                continue  # a name the file system refuses: that address gets the 404 page instead
        (site_dir / "404.html").write_text(page, encoding="utf-8")
        log.info("mkdocs serve shows these problems in the browser until they are fixed; saving a file rebuilds.")
