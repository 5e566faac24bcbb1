"""Abbreviations and terms: one page per real thing, whether it is a glossary term, an actor or a treaty.

A glossary record explains a word; an actor or treaty with an ``abbreviation`` (E3, ISNA, JCPOA) is itself the page
for that word. Which field of which collection names such a word, and which fields give its hint, is declared in the
schemas (``x-collection.terms``); the collection that ``defines`` terms (the glossary) is looked up first and may not
repeat another's. The abbreviation hints, the ``term()`` page macro and the duplicate check all read this one list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from macros.core.index import Key

if TYPE_CHECKING:
    from macros.core.collections import Collection, Registry


@dataclass(frozen=True)
class TermEntry:
    """A word readers meet in text, the hint shown when they point at it, and the record that explains it."""

    term: str
    hint: str
    target: Key  # (collection, id)


def term_collections(collections: Registry | None = None) -> list[Collection]:
    """The collections whose records name terms: those that define terms first, then the others in their order."""
    if collections is None:
        from macros.core.collections import registry

        collections = registry()
    named = [c for c in collections if c.terms]
    return sorted(named, key=lambda c: not c.terms.defines)  # a stable sort: the registry's order within each


def term_entries(
    records: Mapping[str, Mapping[str, object]], collections: Registry | None = None
) -> Iterator[TermEntry]:
    """Every term a record names, with its hint (the first filled hint field) and its page."""
    for info in term_collections(collections):
        spec = info.terms
        for record_id, record in records.get(info.name, {}).items():
            term = getattr(record, spec.field, None)
            if isinstance(term, str) and term.strip():
                hint = next((v for v in (getattr(record, f, None) for f in spec.hint) if v), "")
                yield TermEntry(term, _plain(str(hint)), (info.name, record_id))


def resolve_term(
    records: Mapping[str, Mapping[str, object]], term_id: str, collections: Registry | None = None
) -> Key | None:
    """The record a ``term("…")`` call means: a glossary id, else an actor or treaty id (a merged term)."""
    for info in term_collections(collections):
        if term_id in records.get(info.name, {}):
            return (info.name, term_id)
    return None


def duplicate_terms(
    records: Mapping[str, Mapping[str, object]], collections: Registry | None = None
) -> Iterator[tuple[Key, str, str, str]]:
    """Records of a collection that defines terms repeating another collection's term: (key, field, message, fix)."""
    entries = list(term_entries(records, collections))
    defining = {info.name: info.terms.field for info in term_collections(collections) if info.terms.defines}
    owners = {e.term.casefold(): e.target for e in entries if e.target[0] not in defining}
    for e in entries:
        owner = owners.get(e.term.casefold()) if e.target[0] in defining else None
        if owner:
            yield (
                e.target,
                defining[e.target[0]],
                f"'{e.term}' is also the abbreviation of {owner[0]}/{owner[1]}: one record per real thing",
                f"remove this {e.target[0]} record; put its expansion on {owner[0]}/{owner[1]}",
            )


def _plain(value: str) -> str:
    return " ".join(value.split())
