"""Headings of generated pages, written as HTML the way Python-Markdown's ``toc`` extension writes a Markdown heading.

Generated pages reach the theme without Markdown (``macros.mkdocs_glue.generated``), so their templates write their
section headings with ``section_title(...)``: the same id (slug, made unique on the page), permanent link and escaped
text that ``## Heading`` gave under ``toc: permalink: true``, so links to ``#quotes`` and the theme's table of
contents (read back from these headings) stay as they were.
"""

from __future__ import annotations

import html

from markdown.extensions.toc import slugify, unique
from markupsafe import Markup

from macros.render.escape import attribute, text

PERMALINK = '<a class="headerlink" href="#{id}" title="Permanent link">&para;</a>'


def section_title(
    ids: set[str], label: object, level: int = 2, anchor: str | None = None, css_class: str | None = None
) -> Markup:
    """``<hN id=…>label¶</hN>``; ``ids`` are the ids already given on the page (Python-Markdown's rule for repeats:
    ``quotes``, ``quotes_1``…). ``anchor`` sets the id, as ``{ #anchor }`` did."""
    shown = text(label)
    if anchor is None:
        anchor = unique(slugify(html.unescape(str(shown)), "-"), ids)
    else:
        ids.add(anchor)
    classes = f' class="{attribute(css_class)}"' if css_class else ""
    link = PERMALINK.format(id=attribute(anchor))
    return Markup(f'<h{int(level)}{classes} id="{attribute(anchor)}">{shown}{link}</h{int(level)}>')
