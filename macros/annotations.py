"""Data problems as GitHub Actions annotations: ``::error file=…,line=…,col=…,title=…::message``.

The runner reads any output line that starts with ``::`` as a command, so data text (a record id, a found value) must
never start a line or end a property. GitHub's own escaping (actions/toolkit, ``command.ts``) is applied to every
piece: in the message ``%``, CR and LF; in properties also ``:`` and ``,``. A newline in hostile data thus becomes
``%0A`` inside the one annotation instead of a new command.
"""

from __future__ import annotations

from macros.core.errors import Problem


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One ``::error`` command for ``problem``: placed on its file, line and column; the fix in the message."""
    title = problem.subject() or "data problem"
    lines = [problem.message, *(f"{label}: {value}" for label, value in problem.details())]
    properties = {"file": problem.path, "line": str(problem.line), "col": str(problem.column), "title": title}
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::error {props}::{escape_data(chr(10).join(lines))}"


def annotations(problems: list[Problem]) -> str:
    return "\n".join(annotation(p) for p in problems)
