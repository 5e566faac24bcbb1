"""Problems found in the data, reported all at once with file, line, column, record, field and fix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.core.characters import BLANK_SYMBOLS, IGNORABLE_MARKS

# Characters a terminal or a CI log would act on rather than show: C0/C1 controls (line breaks, ANSI escapes),
# Unicode line/paragraph separators, zero-width and bidirectional controls, the byte-order mark; and characters that
# Python counts as printable but that draw nothing (Hangul fillers, blank symbols, variation selectors), so that a
# message about invisible text shows what is there.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
    + re.escape("".join(sorted(BLANK_SYMBOLS | IGNORABLE_MARKS)))
    + "]"
)
_ID_LIMIT = 100


def printable(text: str) -> str:
    """One log line that shows ``text`` and cannot act on the reader's terminal or CI.

    Control characters become visible escapes (``\\n``, ``\\x1b``), so data cannot start a new line; a line that
    would begin with ``::`` (a GitHub Actions workflow command such as ``::add-mask::``) has that colon escaped.
    """
    text = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if not text.isprintable():  # unassigned, private-use or other invisible code points: shown as escapes too
        text = "".join(c if c.isprintable() or c == "\t" else c.encode("unicode_escape").decode("ascii") for c in text)
    if text.lstrip().startswith("::"):
        text = text.replace(":", "\\x3a", 1)
    return text


def _clip(value: str) -> str:
    return value if len(value) <= _ID_LIMIT else value[: _ID_LIMIT - 1] + "…"


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

    def subject(self) -> str:
        """``record 'id', field 'name'`` (either part may be absent), ids and field names clipped."""
        parts = [
            f"record '{_clip(self.record_id)}'" if self.record_id else "",
            f"field '{_clip(self.field)}'" if self.field else "",
        ]
        return ", ".join(p for p in parts if p)

    def details(self) -> list[tuple[str, str]]:
        """The lines under the message: what was expected, what was found, how to fix it."""
        rows = [("expected", self.expected), ("found", self.found), ("fix", self.hint)]
        return [(label, value) for label, value in rows if value is not None and (value or label == "found")]

    def format(self) -> str:
        """Render as ``file:line:col: [record] field: message`` plus expected/found/fix lines, each line printable."""
        subject = self.subject()
        lines = [f"{self.path}:{self.line}:{self.column}: {subject + ': ' if subject else ''}{self.message}"]
        lines += [f"    {label + ':':9} {value}" for label, value in self.details()]
        return "\n".join(printable(line) for line in lines)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.message)


class DataErrors(Exception):
    """Raised when the data has problems; carries every problem found in the run."""

    def __init__(self, problems: list[Problem], unread: set[str] | frozenset[str] = frozenset()):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        self.unread = frozenset(unread)  # collections with a file that did not load
        super().__init__(self.format())

    def format(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        body = "\n".join(p.format() for p in self.problems)
        return f"Found {count} {noun} in the data; nothing was built.\n{body}"

    def __reduce__(self):  # keep the problems when pickled (e.g. by a test runner)
        return (DataErrors, (self.problems, self.unread))


def relative_path(path: Path, root: Path, *, resolve: bool = True) -> str:
    """Path shown in messages: relative to the project root when possible (``resolve=False`` for links)."""
    try:
        if not resolve:
            return (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
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
