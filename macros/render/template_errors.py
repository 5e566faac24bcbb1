"""A broken fragment template, reported once, at the template's own file and line.

Every template is compiled before any page is rendered, so a syntax error is one message naming the template and its
line, not one per page that uses it. An error while a template runs (a missing field, a bad value) names the template
line Jinja's traceback points at and the record whose page was being rendered.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from jinja2 import Environment, TemplateSyntaxError

from macros.core.dataset import Dataset
from macros.core.errors import Problem, relative_path
from macros.core.models import Record


def syntax_problems(env: Environment, root: Path) -> list[Problem]:
    """Compile every template of ``env``: one problem per template that does not compile."""
    problems = []
    for name in env.list_templates():
        try:
            env.get_template(name)
        except TemplateSyntaxError as exc:
            where = _shown(exc.filename or name, root)
            problems.append(Problem(where, exc.lineno or 1, 1, f"template syntax error: {exc.message}"))
    return problems


def runtime_problem(exc: Exception, root: Path, record: Record | None, dataset: Dataset, page: str) -> Problem:
    """An error raised while a template rendered ``page``, at the innermost template line in its traceback."""
    filename, line = _template_frame(exc.__traceback__)
    subject = f"the page of {record.collection} '{record.id}'" if record is not None else f"the page {page}"
    origin = dataset.origins.get((record.collection, record.id)) if record is not None else None
    if origin is not None:
        subject += f" ({origin.path}:{origin.where()[0]})"
    where = _shown(filename, root) if filename else page
    return Problem(where, line, 1, f"{type(exc).__name__}: {exc}, while rendering {subject}")


def _template_frame(tb: TracebackType | None) -> tuple[str | None, int]:
    """The last traceback frame that runs a template file (Jinja rewrites them to the template's lines)."""
    found: tuple[str | None, int] = (None, 1)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".jinja", ".j2")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _shown(filename: str, root: Path) -> str:
    return relative_path(Path(filename), root)
