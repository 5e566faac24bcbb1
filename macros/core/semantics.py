"""Checks that need meaning, not just shape: dates in order and not in the future, citations that name real fields,
one record per real thing, fields filled exactly when another says so, no record naming itself.

The rules are the schemas' (macros/core/fieldrules.py: ``x-not-before``, ``x-when``; ``x-collection.terms``), so
a collection added by a schema gets the same checks with no code."""

from __future__ import annotations

from datetime import date
from string import Formatter
from typing import TYPE_CHECKING

from macros.core.errors import Problem
from macros.core.fieldrules import NotBefore, PresentWhen, walk
from macros.core.models import Record, attribute_name, field_names, iter_dates, values_at
from macros.core.schema import RefSpec, resolved, suggest
from macros.core.terms import duplicate_terms

if TYPE_CHECKING:
    from macros.core.collections import Registry
    from macros.core.dataset import Origin
    from macros.core.index import Key


def semantic_problems(
    records: dict[str, dict[str, Record]], origins: dict[Key, Origin], today: date, collections: Registry
) -> list[Problem]:
    """Every problem of meaning in the data."""
    problems = []
    for (collection, record_id), field, message, hint in duplicate_terms(records, collections):
        problems.append(origins[(collection, record_id)].problem(record_id, (field,), message, hint=hint))
    for collection, by_id in records.items():
        rules = collections.field_rules(collection)
        own = [spec for spec in collections.refs(collection) if spec.target == collection]
        singular = collections[collection].singular
        uncitable = _uncitable(collections, collection)
        for record_id, record in by_id.items():
            origin = origins[(collection, record_id)]
            for path, when in iter_dates(record):
                if when.earliest() > today:
                    problems.append(
                        origin.problem(
                            record_id,
                            path,
                            f"date {when.iso} is in the future",
                            found=when.iso,
                            hint="the site records what has happened; check the year",
                        )
                    )
            for path, message in _order_problems(record, rules.not_before):
                problems.append(origin.problem(record_id, path, message, hint="check both dates against the source"))
            for path, message, hint in (
                *_citation_problems(record, uncitable),
                *_presence_problems(record, rules.present_when),
                *_self_references(record, own, singular),
            ):
                problems.append(origin.problem(record_id, path, message, hint=hint))
    return problems


def _uncitable(collections: Registry, name: str) -> set[str]:
    """Fields a ``citations`` key cannot name: the id, and the fields that cite themselves (lists of ids of the
    cited collection, such as ``sources``, or mappings of such lists, such as ``citations``)."""
    schema = collections.schemas[name]

    def cites(node: object) -> bool:
        items = resolved(node, schema.shared).get("items") if isinstance(node, dict) else None
        return isinstance(items, dict) and resolved(items, schema.shared).get("x-ref") == collections.cited

    return {"id"} | {
        path[-1]
        for path, _, full in walk(schema.record, (), schema.shared)
        if path and path[-1] != "*" and (cites(full) or cites(full.get("additionalProperties")))
    }


def _citation_problems(record: Record, uncitable: set[str]):
    """A ``citations`` key must name a field the record fills in: ``date``, ``place`` or a nested ``signed.place``."""
    for key in getattr(record, "citations", {}):
        value: object = record
        for part in key.split("."):
            names = set(field_names(value)) - uncitable
            if part not in names:
                near = suggest(part, names)
                yield (
                    ("citations", key),
                    f"citations key '{key}' is not a field of this record",
                    f"did you mean '{near}'?" if near else "use the name of a field of this record, e.g. date or place",
                )
                break
            value = getattr(value, part)
            if value in (None, (), ""):
                yield (
                    ("citations", key),
                    f"citations key '{key}' names a field this record leaves empty",
                    f"fill in '{key}', or remove its citation",
                )
                break


def _filled(value: object) -> bool:
    return value not in (None, (), "", {})


def _presence_problems(record: Record, rules: tuple[PresentWhen, ...]):
    """``x-when``: a field filled exactly when its sibling has a value (``attributed_to`` with
    ``provenance: attributed-differently``)."""
    for rule in rules:
        name = rule.path[-1]
        for where, holder in values_at(record, rule.path[:-1]):
            filled = _filled(getattr(holder, attribute_name(name)))
            said = getattr(holder, attribute_name(rule.field))
            if said == rule.value and not filled:
                yield (*where, rule.field), f"{rule.field} '{rule.value}' needs '{name}'", rule.fix
            elif filled and said != rule.value:
                yield (
                    (*where, name),
                    f"'{name}' is only for {rule.field} '{rule.value}', not '{said}'",
                    f"remove '{name}', or set {rule.field}: {rule.value}",
                )


def _self_references(record: Record, specs: list[RefSpec], singular: str):
    """A reference to the record's own collection that names the record itself (a quote rendering itself)."""
    for spec in specs:
        for where, target_id in values_at(record, spec.path):
            if target_id == record.id:
                yield (
                    where,
                    f"a {singular} cannot refer to itself in '{spec.field_name}'",
                    f"name another {singular}'s id",
                )


def _order_problems(record: Record, rules: tuple[NotBefore, ...]):
    """``x-not-before``: a date earlier than the one it may not precede (an event ending before it starts);
    ``x-not-after``: a date later than the one it may not follow (an office held after its holder died)."""
    for rule in rules:
        name = attribute_name(rule.path[-1])
        for where, holder in values_at(record, rule.path[:-1]):
            value = getattr(holder, name)
            other = _date_at(record if rule.from_record else holder, rule.other)
            if value is None or other is None:
                continue
            if (other.latest() >= value.earliest()) if rule.after else (value.latest() >= other.earliest()):
                continue
            if rule.unless and all(getattr(holder, attribute_name(k)) == v for k, v in rule.unless.items()):
                continue
            named = {n for _, n, _, _ in Formatter().parse(rule.message) if n} - {"value", "other"}
            siblings = {n: getattr(holder, attribute_name(n)) for n in named}
            yield (*where, rule.path[-1]), rule.message.format(value=value.iso, other=other.iso, **siblings)


def _date_at(value: object, path: tuple[str, ...]) -> object:
    for part in path:
        value = getattr(value, attribute_name(part), None)
    return value
