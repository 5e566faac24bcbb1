"""Everything a build checks before it writes a page, shared by the build and ``python -m macros.validate``.

Both call :func:`prepare`, so both report the same problems in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core import DataErrors, load_dataset
from macros.core.collections import reread_schemas
from macros.render import diagram
from macros.render.front_matter import front_matter_problems
from macros.render.linker import SiteContext
from macros.render.pages import PageRenderer
from macros.render.prose import RenderedPage, linked_files, render_narratives


@dataclass
class Prepared:
    """A checked project: the site context, the page renderer and every hand-written page already evaluated."""

    site: SiteContext
    renderer: PageRenderer
    narratives: dict[str, RenderedPage]


def prepare(root: Path, docs_dir: Path | None = None, data_dir: Path | None = None, site_url: str = "/") -> Prepared:
    """Load and check the data, then every page in ``docs/``. Raises DataErrors listing every problem found."""
    reread_schemas()  # once per build: a schema edited under `mkdocs serve` applies on the next rebuild
    dataset = load_dataset(data_dir or root / "data", root=root)
    problem = diagram.graphviz_problem()
    if problem:
        raise DataErrors([problem])
    site = SiteContext(dataset, site_url)
    renderer = PageRenderer(site)
    try:
        renderer.relations_view  # noqa: B018  (lay the diagram out now, so a Graphviz failure is reported cleanly)
    except diagram.DiagramError as error:
        raise DataErrors([error.problem]) from None
    docs_dir = docs_dir or root / "docs"
    narratives = render_narratives(renderer, docs_dir, root)
    problems = [problem for page in narratives.values() for problem in page.problems] + linked_files(docs_dir, root)
    problems += front_matter_problems(docs_dir, root)
    if problems:
        raise DataErrors(problems)
    return Prepared(site, renderer, narratives)
