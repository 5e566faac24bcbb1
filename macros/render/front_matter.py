"""A hand-written page's front matter, split as MkDocs splits it, with the line of each key for messages."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

import yaml

# MkDocs' own front-matter rule (mkdocs.utils.meta.YAML_RE), so the body seen here is the body MkDocs renders.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:", re.MULTILINE)


@dataclass
class FrontMatter:
    meta: dict = field(default_factory=dict)
    body: str = ""
    line_offset: int = 0  # lines before the body
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key → its line in the page
    error: tuple[int, str] | None = None  # (line, what is wrong) when the block is not a YAML mapping

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    @property
    def narrative(self) -> bool:
        """A page tells the story unless it says ``narrative: false`` (the performance budget, for one)."""
        return self.meta.get("narrative", True) is not False

    @property
    def reviewed(self) -> datetime.date | None:
        """``reviewed: YYYY-MM-DD``, the day an editor last checked the page against its sources; None if absent
        or not a calendar day."""
        value = self.meta.get("reviewed")
        is_day = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
        return value if is_day else None


def split(source: str) -> FrontMatter:
    """The page's front matter and body. A block MkDocs would not read as a mapping gives no front matter, as in
    MkDocs, and says why (``error``) so that the check can report it instead of publishing it as text."""
    match = _FRONT_MATTER.match(source)
    if not match:
        return FrontMatter(body=source)
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return FrontMatter(body=source, error=((mark.line + 2) if mark else 1, f"{exc.problem or exc}"))
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date with no such day (2026-02-30)
        return FrontMatter(body=source, error=(_unreadable_line(match.group(1)), str(exc)))
    if not isinstance(meta, dict):
        return FrontMatter(body=source, error=(2, "the front matter must be a mapping of keys to values"))
    body = source[match.end() :].lstrip("\n")
    keys = {m.group(1): match.group(1)[: m.start()].count("\n") + 2 for m in _KEY.finditer(match.group(1))}
    return FrontMatter(meta, body, source[: len(source) - len(body)].count("\n"), keys)


def _unreadable_line(block: str) -> int:
    """The page line of the first front-matter line that YAML cannot read on its own (PyYAML's date errors carry no
    position)."""
    for number, line in enumerate(block.splitlines(), start=2):
        try:
            yaml.safe_load(line)
        except (yaml.YAMLError, ValueError):
            return number
    return 1
