"""What a schema declares about its fields beyond their shape: rules between fields, what shows a field elsewhere,
and how a plain field reads in JSON-LD. Read once per registry; a malformed declaration is a located problem.

- ``"x-not-before": {"field": "date", "message": "the event ends ({value}) before it starts ({other})"}`` on a date
  field: it may not be earlier than ``field`` (a sibling in the same object, or with ``"from": "record"`` a dotted path
  from the record: ``signed.date``), except where ``"unless"`` matches its siblings (``{"status": "signed"}``). The
  message may name ``{value}``, ``{other}`` (both ISO dates) and any sibling field.
- ``"x-not-after"``: the same, the other way round: the date may not be later than ``field`` (a role that ends after
  its holder died: ``{"field": "died", "from": "record", "message": "…"}``).
- ``"x-when": {"field": "provenance", "is": "attributed-differently", "fix": "…"}``: the field is filled exactly when
  its sibling ``field`` has that value.
- ``"x-language": "language"`` on a text field: its sibling ``language`` holds the text's language (BCP 47), so a
  page that shows it generically marks it up in that language.
- ``"x-shown-by": "the treaty comparison"``: the field is shown by that view, not as a row on the record's page (the
  page shows every other filled field its template does not: see ``macros/render/generic.py``).
- ``"x-jsonld": {"property": "startDate"}`` on a field that is not a reference: its value in the record's JSON-LD
  (a date as ISO; a list where the path crosses a list; ``"type": "Place"`` wraps it as a named node; ``"when"``
  limits it to records with those field values). References declare theirs beside ``x-ref`` (schema.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from string import Formatter

from macros.core.errors import Problem
from macros.core.models import is_date
from macros.core.schema import Schema, resolved

Path = tuple[str, ...]  # a schema path: YAML keys, "*" for every item of a list


@dataclass(frozen=True)
class NotBefore:
    path: Path  # the date field
    other: Path  # the date it may not precede: relative to the field's object, or to the record (from_record)
    from_record: bool
    unless: dict
    message: str
    after: bool = False  # x-not-after: the date may not be later than the other


@dataclass(frozen=True)
class PresentWhen:
    path: Path  # the field that is filled exactly when…
    field: str  # …this sibling…
    value: object  # …has this value
    fix: str


@dataclass(frozen=True)
class JsonLdValue:
    path: Path
    property: str
    when: dict = field(default_factory=dict)
    node_type: str | None = None  # wrap the value as {"@type": node_type, "name": value}


@dataclass(frozen=True)
class FieldRules:
    """Every field-level declaration of one schema."""

    not_before: tuple[NotBefore, ...] = ()
    present_when: tuple[PresentWhen, ...] = ()
    jsonld: tuple[JsonLdValue, ...] = ()
    shown_by: dict[str, str] = field(default_factory=dict)  # top-level field -> the view that shows it


def walk(node: object, path: Path, shared: dict) -> Iterator[tuple[Path, dict, dict]]:
    """Every schema node of a record as written and resolved, with its path; ``oneOf``/``anyOf`` branches share
    their field's path (a treaty alias is text or ``{name, informal, note}``)."""
    if not isinstance(node, dict):
        return
    full = resolved(node, shared)
    yield path, node, full
    for name, sub in full.get("properties", {}).items():
        yield from walk(sub, (*path, name), shared)
    for key in ("items", "additionalProperties"):
        if isinstance(full.get(key), dict):
            yield from walk(full[key], (*path, "*"), shared)
    for key in ("oneOf", "anyOf"):
        for branch in full.get(key, ()) if isinstance(full.get(key), list) else ():
            for where, written, branch_full in walk(branch, path, shared):
                if where != path or "properties" in branch_full:  # the branch's own fields, not a plain value again
                    yield where, written, branch_full


def node_at(record: dict, path: Path, shared: dict) -> tuple[dict, dict] | None:
    """The schema node (as written, resolved) at a path of the record, or None; of a field that is text or an
    object, the object (its fields are what a path can name next)."""
    found = [(written, full) for where, written, full in walk(record, (), shared) if where == path]
    objects = [pair for pair in found if "properties" in pair[1]]
    return (objects or found or [None])[0]


def line_of(text: str, path: Path, key: str) -> int:
    """The line of ``key`` declared on the field at ``path``: after each of the path's names in turn."""
    at = max(text.find('"record"'), 0)
    for name in path:
        if name != "*":
            found = text.find(f'"{name}"', at)
            at = found if found >= 0 else at
    found = text.find(f'"{key}"', at)
    return text.count("\n", 0, found if found >= 0 else at) + 1


def field_rules(schema: Schema, text: str) -> tuple[FieldRules, list[Problem]]:
    """The field-level declarations of a schema and the problems with them."""
    problems: list[Problem] = []
    not_before, present_when, jsonld, shown_by = [], [], [], {}

    def problem(path: Path, key: str, message: str, hint: str) -> None:
        name = ".".join(p for p in path if p != "*")
        problems.append(Problem(schema.shown, line_of(text, path, key), 1, message, field=name, hint=hint))

    for path, written, full in walk(schema.record, (), schema.shared):
        for key in ("x-not-before", "x-not-after"):
            if key in full:
                rule = _not_before(schema, path, written, full[key], key)
                if isinstance(rule, str):
                    problem(path, key, rule, _NOT_BEFORE_FIX.replace("x-not-before", key))
                else:
                    not_before.append(rule)
        if "x-when" in full:
            when = full["x-when"]
            props = _siblings(schema, path)
            ok = isinstance(when, dict) and isinstance(when.get("fix"), str) and "is" in when
            if not ok or when.get("field") not in props:
                problem(
                    path,
                    "x-when",
                    "x-when must name a sibling field, the value it has when this field is filled, and a fix",
                    '"x-when": {"field": "<sibling>", "is": "<value>", "fix": "<what to add>"}',
                )
            else:
                present_when.append(PresentWhen(path, when["field"], when["is"], when["fix"]))
        if "x-language" in full and full["x-language"] not in _siblings(schema, path):
            problem(
                path,
                "x-language",
                "x-language must name the sibling field that holds this text's language",
                '"x-language": "language"',
            )
        if "x-shown-by" in full:
            if len(path) != 1 or not isinstance(full["x-shown-by"], str) or not full["x-shown-by"].strip():
                problem(
                    path,
                    "x-shown-by",
                    "x-shown-by is the name of the view that shows a field of the record",
                    '"x-shown-by": "the treaty comparison", on a field of the record itself',
                )
            else:
                shown_by[path[0]] = full["x-shown-by"]
        if "x-jsonld" in full and "x-ref" not in full:
            says = full["x-jsonld"]
            if not (
                isinstance(says, dict)
                and isinstance(says.get("property"), str)
                and isinstance(says.get("when", {}), dict)
                and isinstance(says.get("type", ""), str)
            ):
                problem(
                    path,
                    "x-jsonld",
                    "x-jsonld on a field needs a property (text); when (fields and values) and type are optional",
                    '"x-jsonld": {"property": "description"}',
                )
            else:
                jsonld.append(JsonLdValue(path, says["property"], dict(says.get("when", {})), says.get("type")))
    rules = FieldRules(tuple(not_before), tuple(present_when), tuple(jsonld), shown_by)
    return rules, problems


_NOT_BEFORE_FIX = (
    '"x-not-before": {"field": "<date field>", "message": "… {value} … {other}"}, on a date field; '
    '"from": "record" for a path from the record (signed.date), "unless": {"<sibling>": "<value>"}'
)


def _siblings(schema: Schema, path: Path) -> dict:
    found = node_at(schema.record, path[:-1], schema.shared)
    return found[1].get("properties", {}) if found else {}


def _not_before(schema: Schema, path: Path, written: dict, rule: object, key: str = "x-not-before") -> NotBefore | str:
    """A parsed x-not-before (or x-not-after), or what is wrong with it."""
    if not isinstance(rule, dict) or not isinstance(rule.get("field"), str) or not isinstance(rule.get("message"), str):
        return f"{key} needs a field (the date this one may not precede) and a message"
    if not is_date(written) and not is_date(resolved(written, schema.shared)):
        return f"{key} is declared on a field that is not a date"
    from_record = rule.get("from") == "record"
    other = tuple(rule["field"].split("."))
    scope = () if from_record else path[:-1]
    target = node_at(schema.record, (*scope, *other), schema.shared)
    if target is None or not (is_date(target[0]) or is_date(target[1])):
        scope_name = "record" if from_record else "same object"
        return f"{key} names '{rule['field']}', which is not a date field of the {scope_name}"
    siblings = _siblings(schema, path)
    unless = rule.get("unless", {})
    if not isinstance(unless, dict) or set(unless) - set(siblings):
        return f"{key}'s unless must map sibling fields to values"
    named = {name for _, name, _, _ in Formatter().parse(rule["message"]) if name}
    if named - {"value", "other"} - set(siblings):
        return f"{key}'s message names {', '.join(sorted(named - {'value', 'other'} - set(siblings)))}, not fields"
    return NotBefore(path, other, from_record, dict(unless), rule["message"], after=key == "x-not-after")
