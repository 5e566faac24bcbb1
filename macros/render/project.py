"""Everything a build checks before it writes a page, shared by the build and ``python -m macros.validate``.

Both call :func:`prepare`, so both report the same problems in the same words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from macros.core import DataErrors, load_dataset
from macros.core.collections import reread_schemas
from macros.render import diagram, maps, template_errors
from macros.render.linker import SiteContext
from macros.render.pages import PageRenderer
from macros.render.prose import RenderedPage, linked_files, render_narratives


@dataclass
class Prepared:
    """A checked project: the site context, the page renderer and every hand-written page already evaluated."""

    site: SiteContext
    renderer: PageRenderer
    narratives: dict[str, RenderedPage]


def prepare(
    root: Path,
    docs_dir: Path | None = None,
    data_dir: Path | None = None,
    site_url: str = "/",
    variables: Mapping[str, object] | None = None,
) -> Prepared:
    """Load and check the data, then every page in ``docs/``. Raises DataErrors listing every problem found.
    ``variables``: the values pages may print (mkdocs.yml's ``extra:``, as MkDocs loaded it; read from the file when
    not given, for ``python -m macros.validate``)."""
    reread_schemas()  # once per build: a schema edited under `mkdocs serve` applies on the next rebuild
    dataset = load_dataset(data_dir or root / "data", root=root)
    problem = diagram.graphviz_problem()
    if problem:
        raise DataErrors([problem])
    if unknown_countries := maps.country_problems(dataset):
        raise DataErrors(unknown_countries)
    site = SiteContext(dataset, site_url)
    renderer = PageRenderer(site)
    diagram.forget_layouts()
    try:
        renderer.prime_tie_layouts()  # every actor page's diagram, in one dot run (a Graphviz failure: a clean report)
    except diagram.DiagramError as error:
        raise DataErrors([error.problem]) from None
    broken_templates = template_errors.syntax_problems(renderer.env, root)
    if broken_templates:
        raise DataErrors(broken_templates)
    docs_dir = docs_dir or root / "docs"
    if variables is None:
        variables = extra_variables(root / "mkdocs.yml")
    narratives = render_narratives(renderer, docs_dir, root, variables)
    problems = [problem for page in narratives.values() for problem in page.problems] + linked_files(docs_dir, root)
    if problems:
        raise DataErrors(problems)
    return Prepared(site, renderer, narratives)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its tags (``!ENV``, ``!!python/name:``) read as nothing."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def extra_variables(config_file: Path) -> dict[str, object]:
    """mkdocs.yml's ``extra:`` mapping (empty if the file or the mapping is missing)."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return {}
    extra = config.get("extra") if isinstance(config, dict) else None
    return dict(extra) if isinstance(extra, dict) else {}
