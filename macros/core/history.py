"""When each data file last changed, read from git once per build (one ``git log`` over the whole data folder).

Dates come only from commits. A file git does not know (new, or no git at all) has no date, and neither has a file
whose newest commit in a shallow clone is the clone's cut-off: that commit shows every file as added, so its date
would be invented. The workflows check out the full history (``fetch-depth: 0``).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from macros.core.dates import PartialDate

NOT_COMMITTED = "not yet committed"
SHALLOW = "not known: this checkout's git history is shallow"


@dataclass(frozen=True)
class Change:
    """The newest commit that touched a file."""

    commit: str
    timestamp: int  # committer time, seconds since the epoch

    @property
    def day(self) -> str:
        """The commit's day in UTC, ``YYYY-MM-DD``: the same whatever the build machine's time zone."""
        return datetime.fromtimestamp(self.timestamp, UTC).date().isoformat()

    @property
    def display(self) -> str:
        return PartialDate.parse(self.day).display


@dataclass(frozen=True)
class History:
    """Last change per file (paths relative to the project, as in data problems), and why a file may have none."""

    changes: dict[str, Change] = field(default_factory=dict)
    unknown: dict[str, str] = field(default_factory=dict)  # path → reason its date is not known

    def last_change(self, path: str) -> Change | None:
        return self.changes.get(path)

    def why_unknown(self, path: str) -> str:
        return self.unknown.get(path, NOT_COMMITTED)


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:  # git is not installed
        return None
    return proc.stdout if proc.returncode == 0 else None


def parse_log(output: str, shallow: bool) -> History:
    """Parse ``git log --format=%x1e%H %ct %P --name-only -z``: newest commit first, so a file's first one wins."""
    changes: dict[str, Change] = {}
    unknown: dict[str, str] = {}
    for entry in output.split("\x1e")[1:]:
        header, _, names = entry.partition("\0")
        commit, timestamp, *parents = header.split(" ")
        # In a shallow clone, a commit without parents may be the cut-off, which lists every file as added.
        boundary = shallow and not [p for p in parents if p]
        for name in names.split("\0"):
            path = name.strip("\n")
            if not path or path in changes or path in unknown:
                continue
            if boundary:
                unknown[path] = SHALLOW
            else:
                changes[path] = Change(commit, int(timestamp))
    return History(changes, unknown)


def read_history(root: Path, folder: str = "data") -> History:
    """Every file under ``root/folder`` with its last commit, from one ``git log``; empty without git or a repo."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return History()
    output = _git(
        root, "log", "--relative", "--no-renames", "--format=%x1e%H %ct %P", "--name-only", "-z", "--", folder
    )
    return parse_log(output or "", shallow.strip() == "true")
