"""The registry of collections, read from the schemas: ``schemas/<x>.schema.json`` *is* a collection's registration.

Each schema's ``x-collection`` block names the folder (``name``), the nouns for one and several records, the index
page's title, the page macro, the field that titles a record, the schema.org type (one, or one per value of an enum
field) and, optionally, how the index page groups records and which template renders a record. Its ``x-ref`` fields
say which collection they point to and, with ``x-backlink``, under which heading the referring records are listed on
the target's page (``false``: the target's page shows them another way). Enum fields carry the words the site shows
for their values in ``x-labels``. Nothing about a collection is listed anywhere else; a missing or inconsistent piece
is a located problem naming the schema file and the fix. The records themselves are built from the same schema
(``Registry.model``, macros/core/models.py), and field-level rules are read by macros/core/fieldrules.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Formatter
from typing import NamedTuple

from macros.core.errors import DataErrors, Problem, relative_path
from macros.core.fieldrules import FieldRules, field_rules, line_of, node_at
from macros.core.models import RECORD_ATTRIBUTES, RecordModel, attribute_name, is_date
from macros.core.schema import SHARED_DEFS, RefSpec, Schema, forget_shared_defs, walk_fields

DATA_SUFFIXES = (".yml", ".yaml")
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
_REQUIRED = ("name", "order", "macro", "singular", "plural", "index_title", "title_field", "schema_org_type")
_EXAMPLE = (
    '"x-collection": {"name": "sanctions", "order": 8, "macro": "sanction", "singular": "sanction", '
    '"plural": "sanctions", "index_title": "Sanctions", "title_field": "title", "schema_org_type": "Legislation"}'
)


@dataclass(frozen=True)
class TimelineSpec:
    """``x-collection.timeline``: the records (or each of their ``entries``) are dated entries of the timeline."""

    kind: str  # "event", "milestone", "quote": the entry's mark, class and filter
    label: str  # "Treaty milestone": the legend's and filter's word
    order: int  # the kinds' order in the legend, and among entries of the same date
    entries: str | None = None  # a list field: one timeline entry per item (a treaty's status steps)
    date: str = "date"  # the date field of the record, or of each entry


@dataclass(frozen=True)
class TermsSpec:
    """``x-collection.terms``: a field whose value is a word readers meet (an abbreviation, a glossary term), hinted
    wherever it is used with the first filled ``hint`` field; ``defines``: the collection exists to explain such words
    (it is looked up first, and may not repeat another collection's)."""

    field: str
    hint: tuple[str, ...]
    defines: bool = False


@dataclass(frozen=True)
class Collection:
    """One collection of records: ``data/<name>/*.yml``, validated by ``schemas/<schema>.schema.json``."""

    name: str
    schema: str  # the schema file's stem: ``actor`` for schemas/actor.schema.json
    macro: str  # the page macro that links to one record, e.g. {{ actor("sergei-lavrov") }}
    singular: str  # noun for one record, in running text
    plural: str  # noun for several
    plural_title: str  # the index page's title
    title_field: str  # the field that titles a record (a record type may compute a better one)
    schema_org_type: str  # JSON-LD @type, or the type for a value of ``schema_org_by``
    template: str  # the record template's stem: templates/fragments/<template>.html, else record.html
    schema_org_by: str | None = None
    schema_org_types: dict[str, str] = field(default_factory=dict)
    group_by: str | None = None  # the index page's grouping field: an enum (headings) or a reference (its records)
    group_headings: dict[str, str] = field(default_factory=dict)
    newest_first: str | None = None  # within a group of a reference-grouped index: this date field, newest first
    backlinks_from_every_collection: str | None = None  # "Supports: {plural}": one section per referring collection
    card: str | None = None  # the components.html macro that shows a record in back-link sections (else a list item)
    title_words: int | None = None  # the title is the title field's first words (a quote's opening nine)
    short_title_field: str | None = None  # a shorter title, where space is short (the relations diagram)
    sort_date: tuple[str, ...] = ()  # the date that orders records (``signed.date``); default: a ``date`` field
    lead_with: tuple[str, tuple[str, ...]] | None = None  # back-link lists show records with these values first
    description: tuple[str, ...] = ()  # the page's description: the first of these with every field filled
    jsonld: dict[str, str] = field(default_factory=dict)  # constant JSON-LD properties ("@index": the index page)
    timeline: TimelineSpec | None = None
    terms: TermsSpec | None = None


class Section(NamedTuple):
    """A back-link section of a record page: the heading, the referring collection and its referring fields."""

    heading: str
    collection: str
    fields: tuple[str, ...]  # empty: any field


class Registry:
    """Every collection in its order, its checked schema, and what is derived from both."""

    def __init__(
        self, collections: list[Collection], schemas: dict[str, Schema], rules: dict[str, FieldRules] | None = None
    ):
        self.collections = tuple(collections)
        self.by_name = {c.name: c for c in collections}
        self.schemas = schemas
        # Derived once, looked up for every link and every record page.
        self._targets = {(c.name, s.field_name): s.target for c in collections for s in schemas[c.name].refs}
        self._sections: dict[str, tuple[Section, ...]] = {}
        self._labels: dict[tuple[str, str, str], dict[str, str]] = {}
        self._models: dict[str, RecordModel] = {}
        self.rules = rules or {}  # field-level declarations (fieldrules.py), by collection

    def __iter__(self):
        return iter(self.collections)

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def __getitem__(self, name: str) -> Collection:
        return self.by_name[name]

    def names(self) -> list[str]:
        return [c.name for c in self.collections]

    def refs(self, name: str) -> tuple[RefSpec, ...]:
        return self.schemas[name].refs

    def target(self, name: str, field_name: str) -> str:
        """The collection a reference field points to (dotted for nested fields: ``status.party``)."""
        target = self._targets.get((name, field_name))
        if target is not None:
            return target
        raise KeyError(f"{self.schemas[name].shown}: '{field_name}' is not a reference field (no x-ref)")

    @property
    def cited(self) -> str:
        """The collection every ``sources`` list points to (``defs.schema.json#/$defs/sources``)."""
        shared = next(iter(self.schemas.values())).shared
        return shared["sources"]["items"]["x-ref"]

    def sections(self, name: str) -> tuple[Section, ...]:
        """The back-link sections of a record page of ``name``, in their declared order."""
        if name not in self._sections:
            self._sections[name] = self._derive_sections(name)
        return self._sections[name]

    def _derive_sections(self, name: str) -> tuple[Section, ...]:
        info = self.by_name[name]
        if info.backlinks_from_every_collection:
            return tuple(
                Section(info.backlinks_from_every_collection.format(plural=c.plural), c.name, ())
                for c in self.collections
                if c.name != name
            )
        found: dict[tuple[int, str, str], list[str]] = {}
        for referring in self.collections:
            for spec in self.refs(referring.name):
                if spec.target == name and spec.backlink:
                    key = (spec.backlink.order, spec.backlink.heading, referring.name)
                    found.setdefault(key, []).append(spec.field_name)
        return tuple(Section(h, c, tuple(f)) for (_, h, c), f in sorted(found.items(), key=lambda kv: kv[0][0]))

    def labels(self, name: str, field_path: str, kind: str = "x-labels") -> dict[str, str]:
        """The words shown for an enum field's values (``x-labels``; also ``x-headings``, ``x-nouns``), found once
        per registry: templates look a label up for every record they show."""
        key = (name, field_path, kind)
        if key not in self._labels:
            self._labels[key] = self._find_labels(*key)
        return self._labels[key]

    def _find_labels(self, name: str, field_path: str, kind: str) -> dict[str, str]:
        schema = self.schemas[name]
        for path, node in walk_fields(schema.record, (), schema.shared):
            if ".".join(p for p in path if p != "*") == field_path and kind in node:
                return dict(node[kind])
        raise KeyError(f"{schema.shown}: field '{field_path}' declares no {kind}")

    def model(self, name: str) -> RecordModel:
        """How the collection's records are built from its schema, compiled once per registry."""
        if name not in self._models:
            info = self.by_name[name]
            self._models[name] = RecordModel(
                name,
                self.schemas[name].record,
                self.schemas[name].shared,
                name=info.schema,
                title_field=info.title_field,
                title_words=info.title_words,
                short_title_field=info.short_title_field,
                sort_date=info.sort_date,
            )
        return self._models[name]

    def field_rules(self, name: str) -> FieldRules:
        return self.rules.get(name) or FieldRules()

    def property_names(self, name: str) -> list[str]:
        """A record's top-level fields, in the schema's order."""
        return list(self.schemas[name].record.get("properties", {}))


def _line_of(text: str, needle: str) -> int:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _enum_of(schema: Schema, field_name: str) -> list | None:
    node = schema.record.get("properties", {}).get(field_name)
    return node.get("enum") if isinstance(node, dict) else None


def _collection(schema: Schema, text: str) -> tuple[Collection | None, list[Problem]]:
    """The ``x-collection`` block of one schema, checked against the schema itself."""
    block = schema.document.get("x-collection")
    line = _line_of(text, '"x-collection"')

    def problem(message: str, hint: str, at: str | None = None) -> Problem:
        return Problem(schema.shown, _line_of(text, at) if at else line, 1, message, field="x-collection", hint=hint)

    if not isinstance(block, dict):
        return None, [
            problem(
                "the schema has no x-collection block: it does not say what its collection is",
                f'add, beside "title": {_EXAMPLE}',
            )
        ]
    missing = [k for k in _REQUIRED if k not in block]
    if missing:
        return None, [problem(f"x-collection is missing {', '.join(missing)}", f"add them, e.g. {_EXAMPLE}")]
    wrong = [
        k
        for k in _REQUIRED
        if not isinstance(block[k], int if k == "order" else (dict, str) if k == "schema_org_type" else str)
    ]
    if wrong:
        return None, [
            problem(
                f"x-collection: {', '.join(wrong)} has the wrong type",
                'order is a whole number, the others are text (schema_org_type may be {"by": …})',
            )
        ]
    problems = []
    props = schema.record.get("properties", {})
    if block["title_field"] not in props:
        problems.append(
            problem(
                f"title_field '{block['title_field']}' is not a field of the record",
                'name the field that titles a record, e.g. "title" or "name"',
                '"title_field"',
            )
        )
    typed, groups = block["schema_org_type"], block.get("index_groups") or {}
    by_type = typed.get("by") if isinstance(typed, dict) else None
    types = typed.get("types", {}) if isinstance(typed, dict) else {}
    for what, by, table, at in (
        ("schema_org_type", by_type, types, '"schema_org_type"'),
        ("index_groups", groups.get("by"), groups.get("headings"), '"index_groups"'),
    ):
        enum = _enum_of(schema, by) if by else None
        if by and table is not None and enum is None:
            problems.append(
                problem(
                    f"{what} is by '{by}', which is not an enum field of the record",
                    "name an enum field of the record",
                    at,
                )
            )
        elif enum and table is not None and set(enum) - set(table):
            left = ", ".join(sorted(set(enum) - set(table)))
            problems.append(
                problem(f"{what} has no entry for {left} (values of '{by}')", f"add one for each value of '{by}'", at)
            )
    declared, more = _declared(schema, block, problem)
    problems += more + _name_problems(schema, block, text)
    if problems:
        return None, problems
    info = Collection(
        name=block["name"],
        schema=schema.path.name.removesuffix(".schema.json"),
        macro=block["macro"],
        singular=block["singular"],
        plural=block["plural"],
        plural_title=block["index_title"],
        title_field=block["title_field"],
        schema_org_type=typed if isinstance(typed, str) else "Thing",
        template=block.get("template", schema.path.name.removesuffix(".schema.json")),
        schema_org_by=by_type,
        schema_org_types=dict(types),
        group_by=groups.get("by"),
        group_headings=dict(groups.get("headings") or {}),
        newest_first=groups.get("newest_first"),
        backlinks_from_every_collection=block.get("backlinks_from_every_collection"),
        card=block.get("card"),
        **declared,
    )
    return info, []


def _declared(schema: Schema, block: dict, problem) -> tuple[dict, list[Problem]]:
    """The optional keys that say how records are titled, sorted, described and shown in the views, checked."""
    props = schema.record.get("properties", {})
    out: dict = {}
    problems: list[Problem] = []

    def date_at(path: tuple[str, ...]) -> bool:
        found = node_at(schema.record, path, schema.shared)
        return found is not None and (is_date(found[0]) or is_date(found[1]))

    def check(key: str, ok: bool, message: str, hint: str) -> bool:
        if not ok:
            problems.append(problem(f"x-collection: {key} {message}", hint, f'"{key}"'))
        return ok

    if "title_words" in block:
        words = block["title_words"]
        if check("title_words", type(words) is int and words > 0, "is not a whole number above 0", '"title_words": 9'):
            out["title_words"] = words
    if "short_title_field" in block:
        short = block["short_title_field"]
        if check("short_title_field", short in props, f"names '{short}', not a field", 'e.g. "short_name"'):
            out["short_title_field"] = short
    if "sort_date" in block:
        path = tuple(str(block["sort_date"]).split("."))
        hint = 'a date field, dotted for a nested one: "date" or "signed.date"'
        if check("sort_date", isinstance(block["sort_date"], str) and date_at(path), "is not a date field", hint):
            out["sort_date"] = path
    elif "date" in props and date_at(("date",)):
        out["sort_date"] = ("date",)
    if "lead_with" in block:
        spec = block["lead_with"]
        field_name, values = (spec.get("field"), spec.get("values")) if isinstance(spec, dict) else (None, None)
        enum = props.get(field_name, {}).get("enum", []) if isinstance(field_name, str) else []
        ok = isinstance(values, list) and bool(values) and all(v in enum for v in values)
        hint = '{"field": "provenance", "values": ["traced"]}: an enum field and some of its values'
        if check("lead_with", ok, "does not name an enum field and values of it", hint):
            out["lead_with"] = (field_name, tuple(values))
    if "description" in block:
        forms = block["description"]
        forms = [forms] if isinstance(forms, str) else forms
        named = [name for form in forms if isinstance(form, str) for _, name, _, _ in Formatter().parse(form) if name]
        ok = isinstance(forms, list) and all(isinstance(f, str) for f in forms) and set(named) <= set(props)
        hint = 'text naming fields in braces, or a list of such (the first with every field filled): "{summary}"'
        if check("description", ok, "names something that is not a field of the record", hint):
            out["description"] = tuple(forms)
    if "jsonld" in block:
        constants = block["jsonld"]
        ok = isinstance(constants, dict) and all(isinstance(v, str) for v in constants.values())
        hint = '{"legislationType": "treaty"}; "@index" stands for the address of the index page'
        if check("jsonld", ok, "is not a mapping of JSON-LD properties to text", hint):
            out["jsonld"] = dict(constants)
    if "timeline" in block:
        spec = block["timeline"]
        spec = spec if isinstance(spec, dict) else {}
        entries, date = spec.get("entries"), spec.get("date", "date")
        where = (entries, "*", date) if entries else (date,)
        ok = (
            isinstance(spec.get("kind"), str)
            and isinstance(spec.get("label"), str)
            and type(spec.get("order")) is int
            and (entries is None or entries in props)
            and isinstance(date, str)
            and date_at(where)
        )
        hint = '{"kind": "event", "label": "Event", "order": 1}; "entries": "<list field>" for one entry per item'
        if check("timeline", ok, "needs a kind, a label, an order and a date field", hint):
            out["timeline"] = TimelineSpec(spec["kind"], spec["label"], spec["order"], entries, date)
    if "terms" in block:
        spec = block["terms"]
        spec = spec if isinstance(spec, dict) else {}
        hints = spec.get("hint")
        ok = spec.get("field") in props and isinstance(hints, list) and bool(hints) and set(hints) <= set(props)
        hint = '{"field": "abbreviation", "hint": ["expansion", "name"]} (fields of the record)'
        if check("terms", ok and isinstance(spec.get("defines", False), bool), "names fields the record lacks", hint):
            out["terms"] = TermsSpec(spec["field"], tuple(hints), spec.get("defines", False))
    return out, problems


def _name_problems(schema: Schema, block: dict, text: str) -> list[Problem]:
    """Field names a record's attributes can take: identifiers, and not the names of a record's own attributes."""
    own = set(RECORD_ATTRIBUTES) - (
        {"title"} if block["title_field"] == "title" and "title_words" not in block else set()
    )
    problems = []
    for path, node in walk_fields(schema.record, (), schema.shared):
        name = path[-1] if path else "*"
        readable = attribute_name(name).isidentifier() and not name.startswith("_")  # "_…": the tracker's own
        bad = name != "*" and (not readable or (len(path) == 1 and name in own))
        if bad and isinstance(node, dict):
            problems.append(
                Problem(
                    schema.shown,
                    line_of(text, path[:-1], name),
                    1,
                    f"the field name '{name}' cannot be read as an attribute of a record",
                    field=".".join(p for p in path if p != "*"),
                    hint="use lower-case letters, digits and underscores (not first), and none of: "
                    + ", ".join(sorted(own)),
                )
            )
    return problems


def _label_problems(schema: Schema, text: str) -> list[Problem]:
    """An enum field with ``x-labels`` must label every value (a new value is a message, never a KeyError)."""
    problems = []
    for path, node in walk_fields(schema.record, (), schema.shared):
        for kind in ("x-labels", "x-headings", "x-nouns"):
            if kind in node and set(node.get("enum", ())) != set(node[kind]):
                name = ".".join(p for p in path if p != "*")
                diff = sorted(set(node.get("enum", ())) ^ set(node[kind]))
                problems.append(
                    Problem(
                        schema.shown,
                        _line_of(text, f'"{kind}"'),
                        1,
                        f"{kind} and the enum differ on {', '.join(diff)}",
                        field=name,
                        hint=f"give {kind} exactly one entry per allowed value",
                    )
                )
    return problems


def _ref_problems(registry: Registry, texts: dict[str, str]) -> list[Problem]:
    problems = []
    for info in registry:
        schema = registry.schemas[info.name]
        for spec in schema.refs:
            line = _line_of(texts[info.name], f'"x-ref": "{spec.target}"')
            where = dict(field=spec.field_name)
            if spec.target not in registry:
                problems.append(
                    Problem(
                        schema.shown,
                        line,
                        1,
                        f"x-ref names '{spec.target}', which is not a collection",
                        expected="one of: " + ", ".join(registry.names()),
                        hint="add schemas/ for it, or point the field at an existing collection",
                        **where,
                    )
                )
            elif not (spec.backlink or spec.no_backlink or registry[spec.target].backlinks_from_every_collection):
                problems.append(
                    Problem(
                        schema.shown,
                        line,
                        1,
                        f"this reference to {spec.target} names no back-link heading",
                        hint='add "x-backlink": {"heading": "…", "order": n} (the section on the target\'s '
                        'page listing the records that refer to it), or "x-backlink": false',
                        **where,
                    )
                )
    return problems


@cache
def registry(schema_dir: Path = SCHEMA_DIR, root: Path | None = None) -> Registry:
    """Read every schema in ``schema_dir`` once; raises DataErrors listing every missing or inconsistent piece."""
    root = root or schema_dir.parent
    problems: list[Problem] = []
    found: list[tuple[int, Collection]] = []
    schemas: dict[str, Schema] = {}
    texts: dict[str, str] = {}
    every_rules: dict[str, FieldRules] = {}
    for path in sorted(schema_dir.glob("*.schema.json")):
        if path.name == SHARED_DEFS:
            continue
        shown = relative_path(path, root, resolve=False)
        try:
            schema = Schema(path, shown)
        except DataErrors as errors:
            problems += errors.problems
            continue
        text = path.read_text(encoding="utf-8")
        info, more = _collection(schema, text)
        rules, rule_problems = field_rules(schema, text)
        problems += more + _label_problems(schema, text) + rule_problems
        if info is None:
            continue
        if info.name in schemas:
            problems.append(
                Problem(
                    shown,
                    _line_of(text, '"name"'),
                    1,
                    f"a second schema for the collection '{info.name}'",
                    field="x-collection.name",
                    hint="give each collection one schema",
                )
            )
            continue
        schemas[info.name] = schema
        texts[info.name] = text
        every_rules[info.name] = rules
        found.append((schema.document["x-collection"]["order"], info))
    result = Registry([info for _, info in sorted(found, key=lambda pair: pair[0])], schemas, every_rules)
    if not problems:  # a schema that did not load may be the collection another one refers to
        problems += _ref_problems(result, texts)
    if problems:
        raise DataErrors(problems)
    return result


def reread_schemas() -> None:
    """Forget the schemas read so far, so that the next ``registry()`` reads them from disk: called once per build, as
    `mkdocs serve` keeps one process (and these caches) across the rebuilds that follow a schema edit."""
    registry.cache_clear()
    forget_shared_defs()
