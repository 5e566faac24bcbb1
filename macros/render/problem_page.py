"""The page a preview server shows instead of the site while the build fails: the located problems, as plain text."""

from __future__ import annotations

from collections.abc import Sequence

from macros.render import templates
from macros.render.structured import SITE_NAME


def html(reports: Sequence[str]) -> str:
    """A standalone HTML page listing ``reports`` (each the text the build logged), every line escaped."""
    template = templates.environment().get_template("build_problems.html")
    return template.render(site_name=SITE_NAME, reports=[report.splitlines() for report in reports])
