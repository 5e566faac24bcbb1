"""Pagefind on the floor: the bench's "floor + Pagefind" comparison (the site itself has its own bounded index,
macros/search). Runs the binary shipped in the ``pagefind-bin`` wheel (``pagefind[bin]``), offline, once per bench."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

BUNDLE_DIR = "pagefind"  # site-relative folder Pagefind writes its index and UI to
# As the site leaves them out of its own index (macros/search/extract.py): permalink anchors, "Cite this page", and
# the source names after each statement.
IGNORED = ".headerlink, #cite-this-page, .tme-cite, .tme-cites"
WORD_CHARACTERS = "+"  # "P5+1" stays one word, as in the site's index (macros/search/tokens.py)
TIMEOUT_S = 1800


class PagefindError(Exception):
    """Pagefind could not index the floor; the message says what to do."""


def executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise PagefindError(_missing("the pagefind package is not installed")) from None
    found = get_executable()
    if found is None or not found.is_file():
        raise PagefindError(_missing("the Pagefind binary was not found"))
    return found


def index_floor(site_dir: Path) -> int:
    """Index every HTML page under ``site_dir`` into ``site_dir/pagefind``; return the number of pages indexed."""
    site_dir = site_dir.resolve()
    command = [
        str(executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--force-language",
        "en",
        "--exclude-selectors",
        IGNORED,
        "--include-characters",
        WORD_CHARACTERS,
        "--quiet",
    ]
    # An empty working folder and environment: Pagefind reads pagefind.yml from its working folder and PAGEFIND_*
    # variables, and neither may come from the project or the shell.
    with tempfile.TemporaryDirectory(prefix="pagefind-") as cwd:
        try:
            done = subprocess.run(command, cwd=cwd, env={}, capture_output=True, text=True, timeout=TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PagefindError(f"bench: could not run Pagefind: {error}") from None
    if done.returncode != 0:
        raise PagefindError(f"bench: Pagefind failed on {site_dir}:\n{done.stdout}{done.stderr}".rstrip())
    return sum(1 for _ in (site_dir / BUNDLE_DIR / "fragment").iterdir())


def _missing(what: str) -> str:
    return f"bench: {what}\n    fix:      `pip install -r requirements.txt` (pagefind[bin], kept for the bench)"
