"""Generated pages are HTML between Markdown headings: let Markdown see only the headings.

Python-Markdown passes raw HTML blocks through unchanged but parses them first, which is most of its cost on our
pages. Each HTML chunk is swapped for a comment placeholder before Markdown runs and put back after: the output is
the same, the headings still feed the table of contents, and the work is done once per page.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^#{1,6} .*$", re.MULTILINE)
_PLACEHOLDER = re.compile(r"<!--tme-fragment-(\d+)-->")


def split(markdown: str) -> tuple[str, list[str]]:
    """Markdown with every non-heading chunk replaced by a placeholder, and the chunks."""
    parts: list[str] = []
    fragments: list[str] = []
    position = 0
    for heading in [*_HEADING.finditer(markdown), None]:
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
