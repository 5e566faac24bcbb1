"""JSON Schemas in ``schemas/``: structural validation with messages a contributor can act on.

The schemas are the single description of each collection: the build, ``validate`` and editors
(through the ``# yaml-language-server: $schema=...`` line at the top of each data file) all use them.
Custom keywords ``x-ref`` (target collection) and ``x-kinds`` (allowed actor kinds) mark references.
Two custom keywords check what JSON Schema cannot say (editors ignore them; the build and ``validate`` do not):
``x-visible`` (the text has a character readers can see, ``macros.core.characters``) and ``x-address`` (a web
address shows where it leads, ``macros.core.addresses``). ``format`` is enforced, not just an annotation.
A rule inside ``allOf`` may carry its own words for the message: ``x-message`` and ``x-fix``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from macros.core import addresses, characters
from macros.core.errors import DataErrors, Problem, describe
from macros.core.yamlio import LoadedFile

SHARED_DEFS = "defs.schema.json"  # the field kinds (id, line, text, date, url) every schema refers to

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


_ECMA_END = re.compile(r"\\.|\[(?:\\.|[^\]])*\]|\$", re.DOTALL)


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """A JSON Schema ``pattern`` compiled with ECMA-262 meaning: ``$`` is the very end of the text.

    Python's ``$`` also matches before a final newline, so ``^[a-z]+$`` would accept ``"index\\n"``.
    Escapes and character classes are left alone; every other ``$`` becomes ``\\Z``.
    """
    return re.compile(_ECMA_END.sub(lambda m: r"\Z" if m.group() == "$" else m.group(), pattern))


def _pattern(validator, pattern: str, instance: object, schema: dict) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _visible(validator, enabled: bool, instance: object, schema: dict) -> Iterator[ValidationError]:
    """``x-visible``: text that is not blank (the ``\\S`` pattern's message) must still show something."""
    if enabled and validator.is_type(instance, "string") and instance.strip() and not characters.has_visible(instance):
        yield ValidationError(f"{instance!r} has no visible character")


def _address(validator, enabled: bool, instance: object, schema: dict) -> Iterator[ValidationError]:
    """``x-address``: nothing hidden in a web address, no user name before '@', no mixed-script host name."""
    if enabled and validator.is_type(instance, "string"):
        refusal = addresses.refusal(instance)
        if refusal is not None:
            yield ValidationError(refusal.message, cause=refusal)


_Validator = validators.extend(
    Draft202012Validator, {"pattern": _pattern, "x-visible": _visible, "x-address": _address}
)
# Only the formats the schemas use, each with its checker; "format" is otherwise only an annotation in 2020-12.
FORMATS = FormatChecker(formats=())
FORMATS.checks("iri")(addresses.is_iri)
# Where several rules refuse the same value, the message of the first kind here is the one shown: a line break
# (a "not" rule) explains a broken pattern, a blank text needs no "nothing visible" too.
_PRECEDENCE = {"not": 0, "pattern": 1, "x-address": 2, "format": 3, "x-visible": 3}


def _read_json(path: Path, shown: str) -> dict:
    """A schema file's JSON, or DataErrors naming the file and the position of the mistake."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataErrors([Problem(shown, 1, 1, "the schema file is missing", hint="restore it from git")]) from None
    except (UnicodeDecodeError, OSError) as exc:
        raise DataErrors([Problem(shown, 1, 1, f"the schema file cannot be read ({type(exc).__name__})")]) from None
    except json.JSONDecodeError as exc:
        raise DataErrors(
            [Problem(shown, exc.lineno, exc.colno, f"the schema is not valid JSON: {exc.msg}", hint="fix the JSON")]
        ) from None
    if not isinstance(document, dict):
        raise DataErrors([Problem(shown, 1, 1, "a schema must be a JSON object")])
    return document


# Schemas found valid, by content: validity depends on the document alone, and every build reads the schemas again
# (an edit under `mkdocs serve` applies on the next rebuild), so an unchanged schema is checked once per process.
_VALID_SCHEMAS: set[str] = set()


def _check_schema(document: dict, shown: str) -> None:
    content = json.dumps(document, sort_keys=True)
    if content in _VALID_SCHEMAS:
        return
    try:
        _Validator.check_schema(document)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or None
        raise DataErrors(
            [
                Problem(
                    shown,
                    1,
                    1,
                    f"the schema is not a valid JSON Schema: {exc.message}",
                    field=where,
                    hint="compare with the other files in schemas/",
                )
            ]
        ) from None
    _VALID_SCHEMAS.add(content)


@cache
def _shared_defs(schema_dir: Path, shown_dir: str) -> dict:
    shown = f"{shown_dir}/{SHARED_DEFS}"
    defs = _read_json(schema_dir / SHARED_DEFS, shown)
    _check_schema(defs, shown)
    return defs


@cache
def _registry(schema_dir: Path, shown_dir: str) -> Registry:
    return Registry().with_resource(SHARED_DEFS, Resource.from_contents(_shared_defs(schema_dir, shown_dir)))


def forget_shared_defs() -> None:
    """Read the shared definitions again on next use (a new build may follow an edit to them)."""
    _shared_defs.cache_clear()
    _registry.cache_clear()


@dataclass(frozen=True)
class RefSpec:
    """A reference field: where it sits in a record, which collection it points to, which kinds it allows."""

    path: tuple[str, ...]  # "*" stands for every item of a list or every value of a mapping
    target: str
    kinds: tuple[str, ...] | None
    backlink: Backlink | None = None  # the heading under which referring records appear on the target's page
    no_backlink: bool = False  # "x-backlink": false — the target's page shows the reference another way
    relation: Relation | None = None  # "x-relation": the tie the relations view draws for this reference
    jsonld: dict | None = None  # "x-jsonld": the schema.org property that names the target in the record's JSON-LD

    @property
    def field_name(self) -> str:
        return ".".join(part for part in self.path if part != "*")


class Schema:
    """A collection's JSON Schema, its validator and the reference fields it declares."""

    def __init__(self, path: Path, shown: str | None = None):
        """Read and check a schema; raises DataErrors naming the file if it is not a usable schema."""
        self.path = path
        shown = shown or path.as_posix()
        self.document = _read_json(path, shown)
        _check_schema(self.document, shown)
        record = self.document.get("$defs", {}).get("record")
        if not isinstance(record, dict):
            raise DataErrors([Problem(shown, 1, 1, "the schema has no $defs/record", hint="describe a record there")])
        self.record = record
        shown_dir = shown.rpartition("/")[0]
        self.validator = _Validator(self.document, registry=_registry(path.parent, shown_dir), format_checker=FORMATS)
        self.shared = _shared_defs(path.parent, shown_dir).get("$defs", {})
        try:
            self.refs = tuple(_find_refs(self.record, (), self.shared))
        except (KeyError, TypeError, AttributeError) as exc:
            raise DataErrors(
                [
                    Problem(
                        shown,
                        1,
                        1,
                        f"a reference field's x-backlink, x-relation or x-jsonld is malformed ({exc})",
                        hint='write x-backlink as {"heading": "…", "order": n} or false, x-relation as {"kind": "…"}'
                        ', x-jsonld as {"property": "…"}',
                    )
                ]
            ) from None
        self.shown = shown

    def problems(self, loaded: LoadedFile) -> list[Problem]:
        """Every structural problem in a loaded file, with positions and suggestions."""
        return [problem for _, problem in self.located_problems(loaded)]

    def located_problems(self, loaded: LoadedFile) -> list[tuple[tuple, Problem]]:
        """Problems with the document path of the value each is about; one problem per value for a line break
        (the `not` rule that names it, not also the pattern that it breaks)."""
        try:
            errors = list(self.validator.iter_errors(loaded.value))
        except Unresolvable as exc:
            raise DataErrors(
                [Problem(self.shown, 1, 1, f"the schema refers to something that does not exist: {exc}")]
            ) from None
        return [(tuple(e.absolute_path), _explain(e, loaded)) for e in _one_reason_per_value(errors)]


def _one_reason_per_value(errors: list[ValidationError]) -> list[ValidationError]:
    """The errors to report: of the rules in _PRECEDENCE that refuse one value, only those of the first kind."""
    first: dict[tuple, int] = {}
    for error in errors:
        rank = _PRECEDENCE.get(error.validator)
        if rank is not None:
            path = tuple(error.absolute_path)
            first[path] = min(first.get(path, rank), rank)
    kept = []
    for error in errors:
        rank = _PRECEDENCE.get(error.validator)
        if rank is None or rank == first[tuple(error.absolute_path)]:
            kept.append(error)
    return kept


def shared_problems(kind: str, loaded: LoadedFile, schema_dir: Path, shown_dir: str) -> list[Problem]:
    """A value checked against one shared definition, ``defs.schema.json#/$defs/<kind>`` (a page's front matter):
    the same rules and words as a record's fields; ``field`` is the value's path from its top."""
    validator = _Validator(
        {"$ref": f"{SHARED_DEFS}#/$defs/{kind}"}, registry=_registry(schema_dir, shown_dir), format_checker=FORMATS
    )
    errors = list(validator.iter_errors(loaded.value))
    return [_explain(e, loaded, in_records=False) for e in _one_reason_per_value(errors)]


def resolved(node: dict, shared: dict) -> dict:
    """A schema node with a shared definition it refers to (``defs.schema.json#/$defs/sources``) merged in."""
    target = node.get("$ref", "")
    prefix = f"{SHARED_DEFS}#/$defs/"
    if isinstance(target, str) and target.startswith(prefix) and isinstance(shared.get(target[len(prefix) :]), dict):
        return {**shared[target[len(prefix) :]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def walk_fields(node: dict, path: tuple[str, ...], shared: dict) -> Iterator[tuple[tuple[str, ...], dict]]:
    """Every schema node of a record with its path ("*" = every item of a list or value of a mapping)."""
    node = resolved(node, shared)
    yield path, node
    for name, sub in node.get("properties", {}).items():
        yield from walk_fields(sub, (*path, name), shared)
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            yield from walk_fields(node[key], (*path, "*"), shared)


@dataclass(frozen=True)
class Relation:
    """A reference drawn in the relations view: its kind, which end it is said of ("record": the referring record,
    "target": the record referred to), the sibling field that notes it (a role's office), and a kind it yields to."""

    kind: str
    said_of: str = "record"
    note: str | None = None
    unless: str | None = None  # not drawn where the same two records already have a relation of this kind


@dataclass(frozen=True)
class Backlink:
    """Where records that refer through a field are listed on the target's page: a heading and its place."""

    heading: str
    order: int


def _find_refs(node: dict, path: tuple[str, ...], shared: dict) -> Iterator[RefSpec]:
    for where, sub in walk_fields(node, path, shared):
        if "x-ref" in sub:
            kinds = sub.get("x-kinds")
            back = sub.get("x-backlink")
            if not (
                back is None or back is False or (isinstance(back["heading"], str) and isinstance(back["order"], int))
            ):
                raise TypeError("x-backlink needs a heading (text) and an order (a whole number), or false")
            backlink = Backlink(back["heading"], back["order"]) if isinstance(back, dict) else None
            rel = sub.get("x-relation")
            relation = (
                Relation(rel["kind"], rel.get("from", "record"), rel.get("note"), rel.get("unless"))
                if isinstance(rel, dict)
                else None
            )
            jsonld = sub.get("x-jsonld")
            if jsonld is not None and not isinstance(jsonld.get("property"), str):
                raise KeyError("x-jsonld has no property")
            yield RefSpec(
                where, sub["x-ref"], tuple(kinds) if kinds else None, backlink, back is False, relation, jsonld
            )


def _record_context(error: ValidationError, loaded: LoadedFile, in_records: bool) -> tuple[str | None, str | None]:
    path = list(error.absolute_path)
    if not in_records:
        return None, ".".join(str(p) for p in path) or None
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


def _explain(error: ValidationError, loaded: LoadedFile, in_records: bool = True) -> Problem:
    record_id, field = _record_context(error, loaded, in_records)
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
    elif kind == "not":
        message = schema.get("x-message", "value is not allowed here")
        hint = schema.get("x-fix")
    elif kind == "format":
        message = schema.get("x-message", f"value is not a valid {error.validator_value}")
        hint = schema.get("x-fix")
    elif kind == "x-visible":
        message = schema.get("x-message", "the text has no visible character")
        hint = schema.get("x-fix", "write the text, or remove the field")
    elif kind == "x-address" and isinstance(error.cause, addresses.Refusal):
        message, hint = error.cause.message, error.cause.fix
    elif kind == "maxLength":
        message = "value is too long"
        expected = f"at most {error.validator_value} characters"
        found = f"{len(error.instance)} characters"
        hint = schema.get("x-fix", "shorten it")
    elif kind == "minItems":
        message, expected = "the list is empty", f"at least {error.validator_value} item(s)"
        hint = "add at least one id" if schema.get("items", {}).get("x-ref") else "add an item"
    elif kind == "uniqueItems":
        message, hint = "the list has the same item twice", "remove the repeated item"
    elif kind in ("minimum", "maximum"):
        message, expected = "the number is out of range", "a four-digit year"
    return located(field=field, message=message, expected=expected, found=found, hint=hint)
