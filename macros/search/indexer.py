"""Index a built site with Pagefind, the binary shipped in the ``pagefind-bin`` wheel (``pagefind[bin]``).

Runs once per build, offline, after every page is written: readers then download index chunks only when they
search, instead of a whole-site index on every page view. Only content inside ``data-pagefind-body`` is indexed
(the theme override marks each page's article), so the 404 page and the theme's navigation stay out of results.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from macros.search.names import WORD_CHARACTERS

BUNDLE_DIR = "pagefind"  # site-relative folder the index and Pagefind's UI are written to
# Permalink anchors ("¶"), the "Cite this page" block (the page's own address) and the superscript source names after
# each statement ("Foreign Minister, Iran[IRNA]") would only add noise to results, and run into the words they follow.
IGNORED = ".headerlink, #cite-this-page, .tme-cite, .tme-cites"
TIMEOUT_S = 600


class SearchIndexError(Exception):
    """Indexing failed; the message says what went wrong and what to do."""


def executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError(_missing("the pagefind package is not installed")) from None
    found = get_executable()
    if found is None or not found.is_file():
        raise SearchIndexError(_missing("the Pagefind binary was not found"))
    return found


def index_site(site_dir: Path) -> int:
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
    # variables, and neither may come from the project (a pull request) or the shell.
    with tempfile.TemporaryDirectory(prefix="pagefind-") as cwd:
        try:
            done = subprocess.run(command, cwd=cwd, env={}, capture_output=True, text=True, timeout=TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SearchIndexError(f"search index: could not run Pagefind: {error}") from None
    if done.returncode != 0:
        raise SearchIndexError(f"search index: Pagefind failed on {site_dir}:\n{done.stdout}{done.stderr}".rstrip())
    return sum(1 for _ in (site_dir / BUNDLE_DIR / "fragment").iterdir())


def _missing(what: str) -> str:
    return f"search index: {what}\n    fix:      run `make serve` or `pip install -r requirements.txt` (pagefind[bin])"
