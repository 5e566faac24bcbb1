"""Typed, immutable records, one class per collection, built from schema-valid mappings."""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import ClassVar

from macros.core.dates import PartialDate

Ids = tuple[str, ...]
Citations = dict[str, Ids]  # field name (dotted for nested fields) -> ids of the sources for that field


@dataclass(frozen=True)
class OtherDate:
    """Another date a source gives for the same thing, where sources disagree."""

    date: PartialDate
    sources: Ids
    note: str | None = None


@dataclass(frozen=True)
class Role:
    office: str
    of: str | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    sources: Ids = ()


@dataclass(frozen=True)
class NativeName:
    """The actor's name in its own script and language (Сергей Лавров, ru)."""

    name: str
    language: str


@dataclass(frozen=True)
class Actor:
    collection: ClassVar[str] = "actors"
    id: str
    name: str
    kind: str
    summary: str
    sources: Ids
    outlet_type: str | None = None
    aliases: tuple[str, ...] = ()
    abbreviation: str | None = None
    expansion: str | None = None
    native_names: tuple[NativeName, ...] = ()
    affiliation: str | None = None
    members: Ids = ()
    roles: tuple[Role, ...] = ()
    died: PartialDate | None = None
    camp: str | None = None
    story: str | None = None
    citations: Citations = dataclasses.field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.name


@dataclass(frozen=True)
class Setting:
    kind: str
    event: str | None = None
    outlet: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Translation:
    """Who turned the words into the language printed, and from which language (``from`` is a Python keyword)."""

    from_: str
    by: str


@dataclass(frozen=True)
class Original:
    """The words in the language they were spoken in, as a source in that language prints them."""

    text: str
    language: str
    source: str
    note: str | None = None


@dataclass(frozen=True)
class Quote:
    collection: ClassVar[str] = "quotes"
    id: str
    text: str
    speaker: str
    date: PartialDate
    setting: Setting
    source: str
    provenance: str = "traced"
    language: str | None = None
    translation: Translation | None = None
    original: Original | None = None
    rendering_of: str | None = None
    attributed_to: str | None = None
    provenance_note: str | None = None
    about_actors: Ids = ()
    about_treaties: Ids = ()
    context: str | None = None
    date_note: str | None = None
    citations: Citations = dataclasses.field(default_factory=dict)

    @property
    def title(self) -> str:
        """The opening words, for link text and page titles."""
        words = self.text.split()
        if len(words) <= 9:
            return " ".join(words)
        return " ".join(words[:9]).rstrip(".,;:…") + "…"


@dataclass(frozen=True)
class Signing:
    date: PartialDate | None = None
    place: str | None = None
    sources: Ids = ()


@dataclass(frozen=True)
class StatusEntry:
    status: str
    date: PartialDate
    party: str | None = None
    note: str | None = None
    sources: Ids = ()
    date_note: str | None = None
    disputed: bool = False
    other_dates: tuple[OtherDate, ...] = ()


@dataclass(frozen=True)
class Provision:
    title: str
    summary: str
    article: str | None = None
    topic: str | None = None
    sources: Ids = ()
    absent: bool = False


@dataclass(frozen=True)
class Alias:
    """Another name of a treaty; ``informal`` marks a label (an article's, say) that is not an official name."""

    name: str
    informal: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Treaty:
    collection: ClassVar[str] = "treaties"
    id: str
    name: str
    short_name: str
    summary: str
    sources: Ids
    parties: Ids = ()
    aliases: tuple[Alias, ...] = ()
    abbreviation: str | None = None
    expansion: str | None = None
    signatories: Ids = ()
    signed: Signing | None = None
    term: str | None = None
    renewal: str | None = None
    articles: int | None = None
    entry_into_force: str | None = None
    replaces: str | None = None
    legally_binding: bool | None = None
    legal_status_note: str | None = None
    status: tuple[StatusEntry, ...] = ()
    provisions: tuple[Provision, ...] = ()
    compare: bool = False
    citations: Citations = dataclasses.field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.name


@dataclass(frozen=True)
class Event:
    collection: ClassVar[str] = "events"
    id: str
    title: str
    date: PartialDate
    summary: str
    sources: Ids
    end_date: PartialDate | None = None
    kind: str | None = None
    place: str | None = None
    places: Ids = ()
    participants: Ids = ()
    treaties: Ids = ()
    date_note: str | None = None
    other_dates: tuple[OtherDate, ...] = ()
    citations: Citations = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class SeenVia:
    """Where a source's text was seen when its own page was not: a mirror or repost."""

    url: str
    note: str | None = None


@dataclass(frozen=True)
class Source:
    collection: ClassVar[str] = "sources"
    id: str
    title: str
    outlet: str
    url: str
    kind: str
    published: PartialDate | None = None
    date_note: str | None = None
    language: str | None = None
    seen_via: SeenVia | None = None
    note: str | None = None


@dataclass(frozen=True)
class GlossaryTerm:
    collection: ClassVar[str] = "glossary"
    id: str
    term: str
    definition: str
    sources: Ids
    expansion: str | None = None
    see: Ids = ()
    see_treaties: Ids = ()
    citations: Citations = dataclasses.field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.term


@dataclass(frozen=True)
class Claim:
    """One claim of the article, in its own words, and what the sources show about it."""

    collection: ClassVar[str] = "claims"
    id: str
    claim: str
    source: str
    topic: str
    finding: str
    assessment: str
    sources: Ids
    about_treaties: Ids = ()
    about_actors: Ids = ()
    citations: Citations = dataclasses.field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.topic


@dataclass(frozen=True)
class GenericRecord:
    """A record of a collection that has no class of its own: its schema-valid fields as written, its title from
    the field the collection's ``x-collection.title_field`` names."""

    collection: str
    id: str
    title: str
    fields: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)

    def __getattr__(self, name: str) -> object:
        """A field as an attribute (``r.summary``); ``sources`` and ``citations`` are empty when left out."""
        fields = self.__dict__.get("fields", {})
        if name in fields:
            return fields[name]
        if name in _GENERIC_EMPTY:
            return _GENERIC_EMPTY[name]
        raise AttributeError(name)


_GENERIC_EMPTY: dict[str, object] = {"sources": (), "citations": {}}


Record = Actor | Quote | Treaty | Event | Source | GlossaryTerm | Claim | GenericRecord
# The typed records of the collections that have one (they compute titles, dates and more); any other collection's
# records are GenericRecord.
MODEL_FOR: dict[str, type] = {m.collection: m for m in (Actor, Quote, Treaty, Event, Source, GlossaryTerm, Claim)}


def build_record(collection: str, title_field: str, data: dict, date_fields: typing.Iterable[str] = ()) -> typing.Any:
    """A collection's record from a schema-valid mapping: its typed class, else a GenericRecord whose top-level
    ``date_fields`` are PartialDates."""
    model = MODEL_FOR.get(collection)
    if model is not None:
        return build(model, data)
    fields = dict(data)
    for name in date_fields:
        if name in fields:
            fields[name] = _convert(PartialDate, fields[name], (name,))
    return GenericRecord(collection, data["id"], str(data.get(title_field, data["id"])), fields)


class FieldValueError(ValueError):
    """A value that passed the schema but means nothing (31 February); ``path`` locates it in the record."""

    def __init__(self, path: tuple, reason: str):
        super().__init__(reason)
        self.path = path


_HINTS: dict[type, dict[str, object]] = {}


def build(cls: type, data: dict, path: tuple = ()) -> typing.Any:
    """Build ``cls`` from a schema-valid mapping, converting dates, lists and nested records."""
    hints = _HINTS.get(cls)
    if hints is None:
        hints = _HINTS[cls] = typing.get_type_hints(cls)
    values = {
        f.name: _convert(hints[f.name], data[_key(f.name)], (*path, _key(f.name)))
        for f in dataclasses.fields(cls)
        if _key(f.name) in data
    }
    return cls(**values)


def _key(field_name: str) -> str:
    """The YAML key of a field: a trailing underscore avoids a Python keyword (``from_`` is ``from``)."""
    return field_name.removesuffix("_")


def _convert(hint: object, value: object, path: tuple) -> object:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        return _convert(hint, value, path)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, v, (*path, i)) for i, v in enumerate(value))
    if origin is dict:
        item = typing.get_args(hint)[1]
        return {k: _convert(item, v, (*path, k)) for k, v in value.items()}
    if hint is PartialDate:
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            raise FieldValueError(path, str(exc)) from None
    if dataclasses.is_dataclass(hint):
        return build(hint, value, path) if isinstance(value, dict) else hint(value)  # a scalar is the first field
    return value


def iter_dates(record: object, path: tuple = ()) -> typing.Iterator[tuple[tuple, PartialDate]]:
    """Every date in a record with its path, e.g. ``(("status", 0, "date"), PartialDate(2025, 1))``."""
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        items = enumerate(value) if isinstance(value, tuple) else [(None, value)]
        for i, item in items:
            here = (*path, f.name) if i is None else (*path, f.name, i)
            if isinstance(item, PartialDate):
                yield here, item
            elif dataclasses.is_dataclass(item):
                yield from iter_dates(item, here)
