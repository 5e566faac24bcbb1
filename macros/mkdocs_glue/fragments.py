"""Generated pages are HTML between Markdown headings: let Markdown see only the headings.

Python-Markdown passes raw HTML blocks through unchanged but parses them first, which is most of its cost on our
pages. Each HTML chunk is swapped for a comment placeholder before Markdown runs and put back after: the output is
the same, the headings still feed the table of contents, and the work is done once per page.

Only a heading line outside every HTML element counts. Data text is always inside an element and cannot open or
close one (``<`` is escaped), so a line of data that looks like ``# heading`` stays text of that element.
"""

from __future__ import annotations

import re

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_HEADING = re.compile(r"^#{1,6} .*$", re.MULTILINE)
_PLACEHOLDER = re.compile(r"<!--tme-fragment-(\d+)-->")


def _headings(markdown: str) -> list[re.Match[str]]:
    """Heading lines at HTML nesting depth 0."""
    tags = iter(_TAG.finditer(markdown))
    tag = next(tags, None)
    depth = 0
    found = []
    for heading in _HEADING.finditer(markdown):
        while tag is not None and tag.start() < heading.start():
            closing, name, self_closing = tag.groups()
            if not self_closing and name.lower() not in _VOID:
                depth = max(depth + (-1 if closing else 1), 0)
            tag = next(tags, None)
        if depth == 0:
            found.append(heading)
    return found


def split(markdown: str) -> tuple[str, list[str]]:
    """Markdown with every non-heading chunk replaced by a placeholder, and the chunks."""
    parts: list[str] = []
    fragments: list[str] = []
    position = 0
    for heading in [*_headings(markdown), None]:
        chunk = markdown[position : heading.start() if heading else len(markdown)]
        if chunk.strip():
            parts.append(f"\n\n<!--tme-fragment-{len(fragments)}-->\n\n")
            fragments.append(chunk.strip())
        if heading:
            parts.append(heading.group(0))
            position = heading.end()
    return "".join(parts), fragments


def join(html: str, fragments: list[str]) -> str:
    """Put the chunks back in place of their placeholders."""
    return _PLACEHOLDER.sub(lambda m: fragments[int(m.group(1))], html)
