"""Records built from their schema: a collection's ``$defs/record`` is the one definition of its records.

Each schema is compiled once per registry into a record class and a converter (:class:`RecordModel`). The class has
one attribute per field the schema declares, in the schema's order (``None`` when a record leaves the field out,
``()`` for a list, ``{}`` for a mapping such as ``citations``), so templates read ``r.speaker``, ``r.signed.date`` and
``r.roles`` on any collection alike. Values are typed from the schema alone:

- a field of the shared date kind (``"$ref": "defs.schema.json#/$defs/date"``) or with ``"format": "date"`` becomes
  a :class:`PartialDate`;
- a nested object (``properties``) becomes an :class:`Entry` of a class made for that node (a role, the signing);
- a list becomes a tuple, a mapping of lists (``citations``) a dict of tuples;
- where ``oneOf`` allows a plain value or an object with one required field (a treaty's alias), the plain value
  fills that field, so every item reads alike (``alias.name``);
- references stay ids: the registry knows which collection each points to (``x-ref``).

A field named after a Python keyword is read with a trailing underscore (``translation.from_``). The classes are
dataclasses (``dataclasses.fields`` lists a record's fields, ``dataclasses.replace`` works), read-only, compared and
hashed by their fields; instances are filled directly, which costs less than calling ``__init__`` per record.
"""

from __future__ import annotations

import dataclasses
import keyword
import typing
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from macros.core.dates import PartialDate
from macros.core.schema import SHARED_DEFS, resolved

DATE_REF = f"{SHARED_DEFS}#/$defs/date"
# Attributes every record has besides its fields; a schema field may not take these names (collections.py says so).
RECORD_ATTRIBUTES = ("collection", "title", "short_title", "sort_key")


class _Fields:
    """What records and entries share. Their classes are dataclasses made from a schema node (``dataclasses.fields``
    lists the fields), with these generic methods instead of generated ones: making a class then costs no code
    generation, once per schema node and build. Instances are filled once and never assigned again."""

    _tme_defaults: ClassVar[dict[str, object]] = {}
    _tme_mappings: ClassVar[tuple[str, ...]] = ()  # fields whose default is a fresh {} per instance
    _tme_names: ClassVar[tuple[str, ...]] = ()

    def __init__(self, **values: object):
        """An instance from attribute values (``dataclasses.replace`` calls this); the builder fills ``__dict__``."""
        unknown = set(values) - set(self._tme_names)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        filled = {**self._tme_defaults, **values}
        filled.update({name: {} for name in self._tme_mappings if filled[name] is None})
        self.__dict__.update(filled)
        self._tme_finish()

    def _tme_finish(self) -> None:
        """Attributes computed from the fields (a record's title)."""

    def _tme_values(self) -> tuple:
        values = self.__dict__
        return tuple(values[name] for name in self._tme_names)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._tme_values() == other._tme_values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._tme_values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._tme_names, self._tme_values(), strict=True))
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


class Record(_Fields):
    """A record of a collection: its fields (a dataclass made from the schema), its ``collection``, its ``title``
    (``x-collection.title_field``, cut to ``title_words``), its ``short_title`` (``short_title_field``, else the
    title) and its ``sort_key`` (by ``x-collection.sort_date``, then title and id: lists are chronological where
    records have dates, else alphabetical)."""

    collection: ClassVar[str]
    _tme_model: ClassVar[RecordModel]
    title: str
    short_title: str
    sort_key: tuple

    def _tme_finish(self) -> None:
        self.__dict__.update(self._tme_model.derived(self.__dict__))


class Entry(_Fields):
    """A nested object of a record (a role, the signing, a status step): one attribute per field of its node."""


class FieldValueError(ValueError):
    """A value that passed the schema but means nothing (31 February); ``path`` locates it in the record."""

    def __init__(self, path: tuple, reason: str):
        super().__init__(reason)
        self.path = path


Converter = Callable[[object, tuple], object]


def attribute_name(key: str) -> str:
    """The attribute that holds a field: its YAML key, with a trailing underscore after a Python keyword."""
    return f"{key}_" if keyword.iskeyword(key) else key


def is_date(node: dict) -> bool:
    """Whether a schema node (as written, before its ``$ref`` is merged in) holds a date."""
    return node.get("$ref") == DATE_REF or node.get("format") == "date"


def _date(value: object, path: tuple) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise FieldValueError(path, str(exc)) from None


def _class_name(*parts: str) -> str:
    return "".join(p.replace("-", "_").title().replace("_", "") for p in parts if p != "*")


@dataclasses.dataclass(frozen=True)
class _ObjectShape:
    """A compiled object node: its class, its fields' converters by YAML key, the attributes' defaults."""

    cls: type
    fields: dict[str, tuple[str, Converter | None]]  # YAML key -> (attribute, converter or None: kept as written)
    defaults: dict[str, object]
    mappings: tuple[str, ...]  # attributes whose default is a fresh {} per instance
    required: tuple[str, ...]

    def fill(self, value: dict, path: tuple) -> dict[str, object]:
        values = dict(self.defaults)
        for key, item in value.items():
            name, convert = self.fields[key]
            values[name] = item if convert is None else convert(item, (*path, key))
        for name in self.mappings:
            if values[name] is None:
                values[name] = {}
        return values

    def make(self, values: dict[str, object]) -> Any:
        made = object.__new__(self.cls)
        made.__dict__.update(values)  # filled once, here, and never assigned again
        return made


class _Compiler:
    """Turns one schema's record node into classes and converters, resolving the shared field kinds."""

    def __init__(self, shared: dict):
        self.shared = shared

    def converter(self, node: object, names: tuple[str, ...]) -> Converter | None:
        """How a value of ``node`` is typed, or None where it is kept as written (text, numbers, ids)."""
        if not isinstance(node, dict):
            return None
        if is_date(node) or is_date(resolved(node, self.shared)):
            return _date
        node = resolved(node, self.shared)
        if isinstance(node.get("properties"), dict):
            shape = self.shape(node, names, Entry)
            return lambda value, path: shape.make(shape.fill(value, path))
        branches = node.get("oneOf") or node.get("anyOf")
        if isinstance(branches, list):
            return self._choice(branches, names)
        if isinstance(node.get("items"), dict):
            item = self.converter(node["items"], names)
            if item is None:
                return lambda value, path: tuple(value)
            return lambda value, path: tuple(item(v, (*path, i)) for i, v in enumerate(value))
        if isinstance(node.get("additionalProperties"), dict):
            item = self.converter(node["additionalProperties"], names)
            if item is None:
                return lambda value, path: dict(value)
            return lambda value, path: {k: item(v, (*path, k)) for k, v in value.items()}
        return None

    def _choice(self, branches: list, names: tuple[str, ...]) -> Converter | None:
        """A value of one of several forms: an object builds its branch's entry; a plain value fills the one
        required field of the object branch, if there is such a branch (``"JCPOA"`` is ``{name: "JCPOA"}``)."""
        objects = [resolved(b, self.shared) for b in branches if isinstance(b, dict)]
        objects = [b for b in objects if isinstance(b.get("properties"), dict)]
        if not objects:
            return None
        shape = self.shape(objects[0], names, Entry)
        single = shape.required[0] if len(shape.required) == 1 else None

        def convert(value: object, path: tuple) -> object:
            if isinstance(value, dict):
                return shape.make(shape.fill(value, path))
            return shape.make(shape.fill({single: value}, path)) if single else value

        return convert

    def shape(self, node: dict, names: tuple[str, ...], base: type, namespace: dict | None = None) -> _ObjectShape:
        props = node.get("properties", {})
        fields: dict[str, tuple[str, Converter | None]] = {}
        specs, defaults, mappings = [], {}, []
        for key, sub in props.items():
            name = attribute_name(key)
            fields[key] = (name, self.converter(sub, (*names, key)))
            default = _default(resolved(sub, self.shared) if isinstance(sub, dict) else {})
            if isinstance(default, dict):
                mappings.append(name)
                default = None
            defaults[name] = default
            specs.append((name, Any, dataclasses.field(default=None if isinstance(default, dict) else default)))
        namespace = {
            **(namespace or {}),
            "_tme_defaults": defaults,
            "_tme_mappings": tuple(mappings),
            "_tme_names": tuple(defaults),
            "__module__": __name__,  # where its repr and pickling look: the module that makes it
        }
        cls = dataclasses.make_dataclass(
            _class_name(*names), specs, bases=(base,), namespace=namespace, init=False, repr=False, eq=False
        )
        required = tuple(k for k in node.get("required", ()) if k in props)
        return _ObjectShape(cls, fields, defaults, tuple(mappings), required)


def _default(node: dict) -> object:
    """A field's value when a record leaves it out: the schema's ``default``, else empty."""
    if "default" in node:
        return node["default"]
    kind = node.get("type")
    if kind == "array" or isinstance(node.get("items"), dict):
        return ()
    if kind == "object" and "properties" not in node and isinstance(node.get("additionalProperties"), dict):
        return {}
    return None


class RecordModel:
    """A collection's records, built from its schema: ``build(mapping)`` turns a schema-valid mapping into a record."""

    def __init__(
        self,
        collection: str,
        record: dict,
        shared: dict,
        *,
        name: str,
        title_field: str,
        title_words: int | None = None,
        short_title_field: str | None = None,
        sort_date: tuple[str, ...] = (),
    ):
        self.collection = collection
        self.title_field = attribute_name(title_field)
        self.title_words = title_words
        self.short_title_field = attribute_name(short_title_field) if short_title_field else None
        self.sort_date = tuple(attribute_name(p) for p in sort_date)
        namespace = {"collection": collection, "_tme_model": self}
        self._shape = _Compiler(shared).shape(record, (name,), Record, namespace)
        self.cls = self._shape.cls

    def build(self, data: dict) -> Record:
        """The record for a schema-valid mapping; raises :class:`FieldValueError` for a date that cannot be."""
        values = self._shape.fill(data, ())
        values.update(self.derived(values))
        return self._shape.make(values)

    def derived(self, values: dict) -> dict[str, object]:
        """A record's title, short title and sort key, from its fields' values."""
        title = str(values.get(self.title_field) or values["id"])
        if self.title_words:
            title = opening_words(title, self.title_words)
        when = _dig(values, self.sort_date)
        short = values.get(self.short_title_field) if self.short_title_field else None
        return {
            "title": title,
            "short_title": short or title,
            "sort_key": (when is None, when or PartialDate(0), title.casefold(), values["id"]),
        }


def _dig(values: dict, path: tuple[str, ...]) -> PartialDate | None:
    """The date at ``path`` (``signed.date``) in a record's values, or None."""
    value: object = values
    for part in path:
        value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
        if value is None:
            return None
    return value if isinstance(value, PartialDate) else None


def opening_words(text: str, count: int) -> str:
    """The first ``count`` words, with an ellipsis when there are more (a quote's title)."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]).rstrip(".,;:…") + "…"


def field_names(value: object) -> list[str]:
    """The fields of a record or entry, as attributes (``from_``), in the schema's order; none for a plain value."""
    return [f.name for f in dataclasses.fields(value)] if isinstance(value, (Record, Entry)) else []


def iter_dates(record: object, path: tuple = ()) -> typing.Iterator[tuple[tuple, PartialDate]]:
    """Every date in a record with its path, e.g. ``(("status", 0, "date"), PartialDate(2025, 1))``."""
    for name in field_names(record):
        value = getattr(record, name)
        items = enumerate(value) if isinstance(value, tuple) else [(None, value)]
        for i, item in items:
            here = (*path, name) if i is None else (*path, name, i)
            if isinstance(item, PartialDate):
                yield here, item
            elif isinstance(item, Entry):
                yield from iter_dates(item, here)


def values_at(value: object, path: tuple[str, ...]) -> Iterator[tuple[tuple, object]]:
    """The values at a schema path (``roles.*.office``; ``*`` = every item of a list) with their concrete paths,
    read from a built record; empty values are skipped."""
    yield from _values_at(value, path, ())


def _values_at(value: object, path: tuple[str, ...], here: tuple) -> Iterator[tuple[tuple, object]]:
    if value is None or value == () or value == {}:
        return
    if not path:
        yield here, value
        return
    head, rest = path[0], path[1:]
    if head == "*":
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, tuple) else ()
        for i, item in items:
            yield from _values_at(item, rest, (*here, i))
    elif isinstance(value, (Record, Entry)):
        yield from _values_at(getattr(value, attribute_name(head), None), rest, (*here, head))
