"""The Jinja environment for record pages and quote cards: autoescaping, strict, data never a template."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from macros.render import facts
from macros.render.escape import attribute, text

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "overrides" / "partials" / "explainer"

SETTING_LABELS = {
    "press-conference": "press conference",
    "interview": "interview",
    "editorial": "editorial",
    "statement": "statement",
    "meeting": "meeting",
}
STATUS_LABELS = {
    "signed": "Signed",
    "ratified": "Ratified",
    "in-force": "In force",
    "suspended": "Suspended",
    "lapsed": "Lapsed",
    "terminated": "Terminated",
    "withdrawn": "Withdrawn from",
}


def _finalize(value: object) -> object:
    """Every value printed by a template: Markup as is, nothing for None, else escaped inert text."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return text(value)


@cache
def environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    """One environment per templates folder, created once per process."""
    env = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url"] = attribute
    env.globals.update(
        setting_label=SETTING_LABELS.__getitem__,
        status_label=STATUS_LABELS.__getitem__,
        **facts.GLOBALS,
    )
    return env
