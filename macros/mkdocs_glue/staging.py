"""Build into a staging folder next to the site folder and swap it in only when the build succeeded.

MkDocs empties ``site_dir`` before it writes the first page, so a failed build would leave no site or half a site.
The build writes to ``.<site>.building`` instead; the last good site stays in place until the swap.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

_clearing: list[threading.Thread] = []  # under serve: the last site but one, being deleted while serve goes on


def staging_dir(site_dir: Path) -> Path:
    return site_dir.parent / f".{site_dir.name}.building"


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, site_dir: Path, background: bool = False) -> None:
    """Replace ``site_dir`` by ``staging`` with two renames; if the folder cannot be renamed (a mount point),
    replace its contents instead. ``background``: the replaced site is deleted while the caller goes on (under
    serve, deleting thousands of pages would otherwise delay every preview)."""
    while _clearing:
        _clearing.pop().join()
    old = site_dir.parent / f".{site_dir.name}.previous"
    discard(old)
    try:
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
    except OSError:
        if old.exists() and not site_dir.exists():
            old.rename(site_dir)
        site_dir.mkdir(parents=True, exist_ok=True)
        for entry in site_dir.iterdir():
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        for entry in staging.iterdir():
            entry.rename(site_dir / entry.name)
        discard(staging)
    if background and old.exists():
        _clearing.append(threading.Thread(target=discard, args=(old,), name="tme-discard-previous-site"))
        _clearing[-1].start()
    else:
        discard(old)
