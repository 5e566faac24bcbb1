"""Glossary terms as <abbr> hover/focus hints in rendered HTML: first use per page, outside links and headings."""

from __future__ import annotations

import re

from markupsafe import escape

from macros.core.dataset import Dataset

_SKIP = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "title", "svg", "button"}
_TAG = r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>"


class Abbreviations:
    """Built once per build from the glossary; ``annotate`` runs once per page."""

    def __init__(self, data: Dataset):
        self.hints: dict[str, str] = {}
        for term in data.all("glossary"):
            hint = term.expansion or term.definition
            self.hints[term.term.casefold()] = str(escape(" ".join(hint.split())))
        words = sorted(self.hints, key=len, reverse=True)
        # One pass over the page finds tags and terms alike; a term inside a tag's attributes is part of the tag match.
        terms = "|".join(re.escape(w) for w in words)
        self.tokens = re.compile(rf"{_TAG}|(?<![\w+])({terms})(?![\w+])", re.IGNORECASE) if words else None

    def annotate(self, html: str) -> str:
        """Wrap the first plain-text use of each term in ``<abbr title=… tabindex="0">``."""
        if self.tokens is None:
            return html
        used: set[str] = set()
        out: list[str] = []
        skip_depth = 0
        position = 0
        for token in self.tokens.finditer(html):
            closing, name, self_closing, term = token.groups()
            if name is not None:
                if name.lower() in _SKIP and not self_closing:
                    skip_depth = max(skip_depth + (-1 if closing else 1), 0)
                continue
            key = term.casefold()
            if skip_depth or key in used:
                continue
            used.add(key)
            out.append(html[position : token.start()])
            out.append(f'<abbr title="{self.hints[key]}" tabindex="0">{term}</abbr>')
            position = token.end()
            if len(used) == len(self.hints):
                break
        out.append(html[position:])
        return "".join(out)
