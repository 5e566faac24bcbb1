"""Glossary terms as <abbr> hover/focus hints in rendered HTML: first use per page, outside links and headings."""

from __future__ import annotations

import re

from markupsafe import escape

from macros.core.dataset import Dataset

_SKIP = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "title", "svg", "button"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")


class Abbreviations:
    """Built once per build from the glossary; ``annotate`` runs once per page."""

    def __init__(self, data: Dataset):
        self.hints: dict[str, str] = {}
        for term in data.all("glossary"):
            hint = term.expansion or term.definition
            self.hints[term.term.casefold()] = str(escape(" ".join(hint.split())))
        words = sorted(self.hints, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<![\w+])(" + "|".join(re.escape(w) for w in words) + r")(?![\w+])", re.IGNORECASE)
            if words
            else None
        )

    def annotate(self, html: str) -> str:
        """Wrap the first plain-text use of each term in ``<abbr title=… tabindex="0">``."""
        if self.pattern is None:
            return html
        used: set[str] = set()
        out: list[str] = []
        skip_depth = 0
        position = 0
        for tag in _TAG.finditer(html):
            segment = html[position : tag.start()]
            out.append(self._text(segment, used) if skip_depth == 0 else segment)
            closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
            if name in _SKIP and not self_closing:
                skip_depth += -1 if closing else 1
                skip_depth = max(skip_depth, 0)
            out.append(tag.group(0))
            position = tag.end()
        out.append(self._text(html[position:], used) if skip_depth == 0 else html[position:])
        return "".join(out)

    def _text(self, segment: str, used: set[str]) -> str:
        def wrap(match: re.Match) -> str:
            key = match.group(1).casefold()
            if key in used:
                return match.group(0)
            used.add(key)
            return f'<abbr title="{self.hints[key]}" tabindex="0">{match.group(1)}</abbr>'

        return self.pattern.sub(wrap, segment)
