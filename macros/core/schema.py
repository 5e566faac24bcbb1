"""JSON Schemas in ``schemas/``: structural validation with messages a contributor can act on.

The schemas are the single description of each collection: the build, ``validate`` and editors
(through the ``# yaml-language-server: $schema=...`` line at the top of each data file) all use them.
Custom keywords ``x-ref`` (target collection) and ``x-kinds`` (allowed actor kinds) mark references.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError

from macros.core.errors import Problem, describe
from macros.core.yamlio import LoadedFile

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
}
_PATTERN_NAMES = {
    "^[a-z0-9]+(?:-[a-z0-9]+)*$": "a slug id: lower-case letters, digits and single hyphens, e.g. sergei-lavrov",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "a date written YYYY, YYYY-MM or YYYY-MM-DD",
    "\\S": "text that is not blank",
    "^https://[^\\s]+$": "an https:// address with no spaces",
}


@dataclass(frozen=True)
class RefSpec:
    """A reference field: where it sits in a record, which collection it points to, which kinds it allows."""

    path: tuple[str, ...]  # "*" stands for every item of a list or every value of a mapping
    target: str
    kinds: tuple[str, ...] | None

    @property
    def field_name(self) -> str:
        return ".".join(part for part in self.path if part != "*")


class Schema:
    """A collection's JSON Schema, its validator and the reference fields it declares."""

    def __init__(self, path: Path):
        self.path = path
        self.document = json.loads(path.read_text(encoding="utf-8"))
        self.record = self.document["$defs"]["record"]
        self.validator = Draft202012Validator(self.document)
        self.refs = tuple(_find_refs(self.record, ()))

    def problems(self, loaded: LoadedFile) -> list[Problem]:
        """Every structural problem in a loaded file, with positions and suggestions."""
        return [_explain(error, loaded) for error in self.validator.iter_errors(loaded.value)]


def _find_refs(node: dict, path: tuple[str, ...]) -> Iterator[RefSpec]:
    if "x-ref" in node:
        kinds = node.get("x-kinds")
        yield RefSpec(path, node["x-ref"], tuple(kinds) if kinds else None)
    for name, sub in node.get("properties", {}).items():
        yield from _find_refs(sub, (*path, name))
    for key in ("items", "additionalProperties"):  # "*": every item of a list, every value of a mapping
        if isinstance(node.get(key), dict):
            yield from _find_refs(node[key], (*path, "*"))


def _record_context(error: ValidationError, loaded: LoadedFile) -> tuple[str | None, str | None]:
    path = list(error.absolute_path)
    record_id = None
    if path and isinstance(path[0], int) and isinstance(loaded.value, list):
        record = loaded.value[path[0]]
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            record_id = record["id"]
    field = ".".join(str(p) for p in path[1:]) or None
    return record_id, field


def suggest(word: str, choices: object) -> str | None:
    """'did you mean' for a near-miss, or None."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def _explain(error: ValidationError, loaded: LoadedFile) -> Problem:
    record_id, field = _record_context(error, loaded)
    line, column = loaded.where(tuple(error.absolute_path))
    kind = error.validator
    schema = error.schema
    found = describe(error.instance)
    expected = hint = None
    message = error.message

    def located(**kw) -> Problem:
        return Problem(loaded.path, line, column, record_id=record_id, **kw)

    if kind == "required":
        missing = error.message.split("'")[1]
        description = schema.get("properties", {}).get(missing, {}).get("description", "")
        target = f"{field}.{missing}" if field else missing
        return located(
            field=target,
            message=f"required field '{missing}' is missing",
            hint=f"add '{missing}:' to this record" + (f" ({description})" if description else ""),
        )
    if kind == "additionalProperties":
        allowed = schema.get("properties", {})
        extra = sorted(set(error.instance) - set(allowed))
        name = extra[0]
        line, column = loaded.where((*error.absolute_path, name))
        near = suggest(name, allowed)
        return located(
            field=f"{field}.{name}" if field else name,
            message=f"unknown field '{name}'",
            expected="one of: " + ", ".join(sorted(allowed)),
            hint=f"did you mean '{near}'?" if near else "remove it, or propose the field in an issue",
        )
    if kind == "type":
        wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        expected = " or ".join(_TYPE_NAMES.get(t, t) for t in wanted)
        message = "wrong type"
        if not error.absolute_path:
            message, hint = "a data file must be a list of records", "start each record with a '- id: ...' line"
        elif "array" in wanted:
            hint = "write a list: one '- item' line per item, or [item, item]"
        elif "object" in wanted:
            hint = "write the record as 'field: value' lines under its '- '"
        elif "string" in wanted and not isinstance(error.instance, (dict, list)):
            hint = "put the value in quotes so YAML reads it as text"
    elif kind == "enum":
        expected = "one of: " + ", ".join(map(str, error.validator_value))
        near = suggest(error.instance, error.validator_value)
        message = "value is not one of the allowed values"
        hint = f"did you mean '{near}'?" if near else "use one of the allowed values"
    elif kind == "pattern":
        expected = _PATTERN_NAMES.get(error.validator_value, f"text matching {error.validator_value}")
        message = "value has the wrong form"
        if error.validator_value == "\\S":
            message = "text is empty or blank"
            hint = "write the text, or remove the field"
    elif kind == "minItems":
        message, expected = "the list is empty", f"at least {error.validator_value} item(s)"
        hint = "add at least one id" if schema.get("items", {}).get("x-ref") else "add an item"
    elif kind == "uniqueItems":
        message, hint = "the list has the same item twice", "remove the repeated item"
    elif kind in ("minimum", "maximum"):
        message, expected = "the number is out of range", "a four-digit year"
    return located(field=field, message=message, expected=expected, found=found, hint=hint)
