"""Hover, focus and tap hints for abbreviations and glossary terms: first use per page, outside links and headings.

The hint is not a ``title`` attribute: Material's ``content.tooltips`` turns ``title`` text back into HTML, which
would make markup in a definition live. It is an escaped ``aria-description`` attribute, which screen readers
announce and which CSS shows as generated text (``content: attr(...)``, always text, never markup) on hover and on
focus; the term is focusable, so a tap shows it too, and no JavaScript is involved. Being an attribute, it adds
nothing to the page's text: a quote copied from the page is the quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import escape

from macros.core.dataset import Dataset
from macros.core.models import Record
from macros.core.terms import term_entries

_SKIP = {"a", "abbr", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "title", "svg", "button"}
# Where a term must never be found: inside a tag (a quoted attribute value may hold ">"), a comment or declaration,
# or a character reference ("lt" in "&lt;", "39" in "&#39;", which macros.render.escape writes for "'").
_TAG = r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:"[^"]*"|'[^']*'|[^>"'])*?(/?)>"""
_NOT_TEXT = r"<!--.*?-->|<![^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);"


@dataclass(frozen=True)
class Hint:
    """A term to annotate, the text of its hint and, when there is one, the record it abbreviates."""

    term: str
    text: str
    target: Record | None = None


def hint_entries(data: Dataset) -> list[Hint]:
    """Every term the schemas declare (``x-collection.terms``): glossary terms (hint: expansion, else definition)
    first, then the abbreviations of actors and treaties (hint: expansion, else name)."""
    return [Hint(e.term, e.hint, data.get(*e.target)) for e in term_entries(data.records, data.collections)]


class Abbreviations:
    """Built once per build from the hints; ``annotate`` runs once per page."""

    def __init__(self, hints: Iterable[Hint]):
        self.hints: dict[str, str] = {}  # escaped term → escaped hint text; the first entry for a term wins
        for hint in hints:
            term = str(escape(hint.term.strip()))  # pages are matched as HTML, where "&" is written "&amp;"
            if term and term not in self.hints:
                self.hints[term] = str(escape(" ".join(hint.text.split())))
        self._spelling: dict[str, str | None] = dict(zip(self.hints, self.hints, strict=True))
        words = sorted(self.hints, key=len, reverse=True)
        # One pass over the page finds tags, terms and character references alike, left to right: a term inside a
        # tag, a comment or a reference is part of that match, so a term's match never starts inside one. Terms come
        # before references, so that a term that starts with one ("&amp;c" for "&c") is still found whole.
        terms = "|".join(re.escape(w) for w in words)
        pattern = rf"{_TAG}|(?<![\w+])({terms})(?![\w+])|{_NOT_TEXT}"
        self.tokens = re.compile(pattern, re.IGNORECASE | re.DOTALL) if words else None

    def term_of(self, found: str) -> str | None:
        """The term a match stands for. Case-insensitive matching is the regex's own (simple case folding), so the
        match is compared by the same rule; ``str.casefold`` would change lengths ("İ" → "i̇") and miss."""
        if found not in self._spelling:
            same = (t for t in self.hints if re.fullmatch(re.escape(t), found, re.IGNORECASE))
            self._spelling[found] = next(same, None)
        return self._spelling[found]

    def annotate(self, html: str) -> str:
        """Wrap the first plain-text use of each term in ``<abbr class="tme-hint" aria-description=…>``."""
        if self.tokens is None:
            return html
        used: set[str] = set()
        out: list[str] = []
        skip_depth = 0
        position = 0
        for token in self.tokens.finditer(html):
            closing, name, self_closing, found = token.groups()
            if name is not None:
                if name.lower() in _SKIP and not self_closing:
                    skip_depth = max(skip_depth + (-1 if closing else 1), 0)
                continue
            if found is None:  # a comment, a declaration or a character reference
                continue
            term = self.term_of(found)
            if skip_depth or term is None or term in used:
                continue
            used.add(term)
            out.append(html[position : token.start()])
            out.append(f'<abbr class="tme-hint" tabindex="0" aria-description="{self.hints[term]}">{found}</abbr>')
            position = token.end()
            if len(used) == len(self.hints):
                break
        out.append(html[position:])
        return "".join(out)
