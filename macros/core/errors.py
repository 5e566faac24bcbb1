"""Problems found in the data, reported all at once with file, line, column, record, field and fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located precisely enough for a contributor to fix it."""

    path: str
    line: int
    column: int
    message: str
    record_id: str | None = None
    field: str | None = None
    expected: str | None = None
    found: str | None = None
    hint: str | None = None

    def format(self) -> str:
        """Render as ``file:line:col: [record] field: message`` plus expected/found/fix lines."""
        where = f"{self.path}:{self.line}:{self.column}"
        subject = []
        if self.record_id:
            subject.append(f"record '{self.record_id}'")
        if self.field:
            subject.append(f"field '{self.field}'")
        head = f"{where}: {', '.join(subject) + ': ' if subject else ''}{self.message}"
        lines = [head]
        if self.expected:
            lines.append(f"    expected: {self.expected}")
        if self.found is not None:
            lines.append(f"    found:    {self.found}")
        if self.hint:
            lines.append(f"    fix:      {self.hint}")
        return "\n".join(lines)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.message)


class DataErrors(Exception):
    """Raised when the data has problems; carries every problem found in the run."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__(self.format())

    def format(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        body = "\n".join(p.format() for p in self.problems)
        return f"Found {count} {noun} in the data; nothing was built.\n{body}"


def relative_path(path: Path, root: Path) -> str:
    """Path shown in messages: relative to the project root when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def describe(value: object, limit: int = 60) -> str:
    """Short, single-line description of a found value for messages."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return repr(text)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    return repr(value)
