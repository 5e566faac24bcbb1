"""Generated pages reach the theme as the HTML their templates wrote, without a trip through Python-Markdown.

MkDocs converts every page's Markdown and takes the table of contents from the converter. A generated page's body is
HTML already (``macros.render.pages``; its section titles are written by ``macros.render.headings`` as the ``toc``
extension would write them), so the glue hands MkDocs an empty body to convert and puts the HTML in its place after,
with the table of contents read back from those section titles: the theme's TOC, the permanent links and the page
are what a Markdown round trip gave, and template indentation means nothing to Markdown any more.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.structure.toc import TableOfContents, get_toc

# A section title as macros.render.headings writes it: level, id, escaped text, permanent link.
_SECTION_TITLE = re.compile(r'<h([1-6])(?: class="[^"]*")? id="([^"]*)">([^<]*)<a class="headerlink" ')


def toc(html: str) -> TableOfContents:
    """The page's table of contents, from its section titles (h2 nests h3, as Markdown's TOC does)."""
    tokens = [
        {"level": int(level), "id": anchor, "name": name, "children": []}
        for level, anchor, name in _SECTION_TITLE.findall(html)
    ]
    return get_toc(nest_toc_tokens(tokens))
