"""A hand-written page's title, for the record pages that list it under 'In the narrative'."""

from __future__ import annotations

import re

_FRONT_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def page_title(text: str, fallback: str) -> str:
    """A hand-written page's title: front matter ``title:``, else its first ``#`` heading, else ``fallback``."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        match = _FRONT_TITLE.search(text[3:end]) if end > 0 else None
        if match:
            return match.group(1).strip("'\"")
    match = _HEADING.search(text)
    return match.group(1) if match else fallback
