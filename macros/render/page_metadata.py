"""The metadata of hand-written pages: the theme prints it into the page's HTML unescaped, so it is checked.

Material's templates print a page's ``title`` (the browser tab, the navigation, the heading) and ``description``
(``<meta name="description" content="…">``) as they are, and other keys too (``subtitle``, ``icon``, ``status``).
A page's front matter is therefore checked against ``defs.schema.json#/$defs/page``: only the keys the site uses,
and a title and description that are one line of plain text with no HTML syntax, under the rules of every data text
(something visible, no direction controls, a length limit). MkDocs also reads "MultiMarkdown" metadata, ``key: value``
lines at the very top of a page without ``---`` fences; those are refused, so that all metadata passes this check.

Front matter that YAML cannot read is reported by the page checks (macros.render.prose); this module reads the rest
again with the data's loader (macros.core.yamlio), for the position of each value and its refusal of duplicate keys,
anchors and tags.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.core.collections import SCHEMA_DIR
from macros.core.errors import Problem, relative_path
from macros.core.schema import shared_problems
from macros.core.yamlio import parse_yaml
from macros.render import front_matter

# MkDocs' own rule (mkdocs.utils.meta.META_RE) for a page's first line when it has no front matter.
_MULTIMARKDOWN = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:\s*.*")


def page_metadata_problems(docs_dir: Path, root: Path, schema_dir: Path = SCHEMA_DIR) -> list[Problem]:
    """Every problem in the metadata of the pages in ``docs_dir`` (unreadable pages and links are reported by the
    page checks in macros.render.prose)."""
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        if path.is_symlink() or not path.is_file():
            continue
        try:
            source = path.read_text(encoding="utf-8-sig")  # as MkDocs reads a page: universal newlines
        except (UnicodeDecodeError, OSError):
            continue
        problems += page_problems(source, relative_path(path, root, resolve=False), schema_dir)
    return problems


def page_problems(source: str, shown: str, schema_dir: Path = SCHEMA_DIR) -> list[Problem]:
    """The problems of one page's metadata; ``shown`` is the page's path in messages."""
    block = front_matter.FRONT_MATTER.match(source)
    if block is None:
        first_line = source.split("\n", 1)[0]
        if first_line.strip() and _MULTIMARKDOWN.match(first_line):
            return [
                Problem(
                    shown,
                    1,
                    1,
                    "MkDocs reads this first line as the page's metadata ('key: value'); the theme prints it as HTML",
                    hint="start the page with its '# Title' heading; metadata goes between '---' lines (front matter)",
                )
            ]
        return []
    if front_matter.split(source).error:
        return []  # the page checks report it
    loaded, problems = parse_yaml("\n" + block.group(1), shown)  # the leading "\n" stands for the first "---" line
    return problems or shared_problems("page", loaded, schema_dir, schema_dir.name)
