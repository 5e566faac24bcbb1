"""Abbreviations and terms: one page per real thing, whether it is a glossary term, an actor or a treaty.

A glossary record explains a word; an actor or treaty with an ``abbreviation`` (E3, ISNA, JCPOA) is itself the page
for that word. The abbreviation hints, the ``term()`` page macro and the duplicate check all read this one list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from macros.core.index import Key

# Collections whose records can be the page for an abbreviation, in the order a lookup prefers them.
TERM_COLLECTIONS = ("glossary", "actors", "treaties")


@dataclass(frozen=True)
class TermEntry:
    """A word readers meet in text, the hint shown when they point at it, and the record that explains it."""

    term: str
    hint: str
    target: Key  # (collection, id)


def term_entries(records: Mapping[str, Mapping[str, object]]) -> Iterator[TermEntry]:
    """Every glossary term, and every actor and treaty abbreviation, with its hint and its page."""
    for record_id, term in records.get("glossary", {}).items():
        yield TermEntry(term.term, _plain(term.expansion or term.definition), ("glossary", record_id))
    for collection in ("actors", "treaties"):
        for record_id, record in records.get(collection, {}).items():
            if getattr(record, "abbreviation", None):
                yield TermEntry(record.abbreviation, _plain(record.expansion or record.name), (collection, record_id))


def resolve_term(records: Mapping[str, Mapping[str, object]], term_id: str) -> Key | None:
    """The record a ``term("…")`` call means: a glossary id, else an actor or treaty id (a merged term)."""
    for collection in TERM_COLLECTIONS:
        if term_id in records.get(collection, {}):
            return (collection, term_id)
    return None


def duplicate_terms(records: Mapping[str, Mapping[str, object]]) -> Iterator[tuple[Key, str, str]]:
    """Glossary records that repeat an actor's or treaty's abbreviation: (glossary key, message, fix)."""
    owners = {
        e.term.casefold(): e.target for e in term_entries(records) if e.target[0] != "glossary"
    }  # abbreviation -> its actor or treaty
    for record_id, term in records.get("glossary", {}).items():
        owner = owners.get(term.term.casefold())
        if owner:
            yield (
                ("glossary", record_id),
                f"'{term.term}' is also the abbreviation of {owner[0]}/{owner[1]}: one record per real thing",
                f"remove this glossary record; put its expansion on {owner[0]}/{owner[1]}",
            )


def _plain(value: str) -> str:
    return " ".join(value.split())
