"""The site's own templates stay readable: laid out like Material's partials (overrides/templates/fragments/
components.html says how), no line longer than the Python code's."""

from __future__ import annotations

import tomllib

from macros.render.templates import TEMPLATES_DIR

from conftest import ROOT

LINE_LENGTH = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["line-length"]


def test_no_template_line_is_longer_than_a_line_of_code():
    templates = sorted(TEMPLATES_DIR.glob("*.html"))
    assert len(templates) > 20
    too_long = [
        f"{path.name}:{number}: {len(line)} characters"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > LINE_LENGTH
    ]
    assert too_long == [], f"break these lines (at most {LINE_LENGTH} characters)"
