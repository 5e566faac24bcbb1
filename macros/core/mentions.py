"""Which records a hand-written page mentions, found by reading its macro calls once per build."""

from __future__ import annotations

import re
from dataclasses import dataclass

from macros.core.errors import Problem
from macros.core.schema import suggest
from macros.core.terms import resolve_term

# Macros whose first argument is an id of a fixed collection, e.g. {{ actor("sergei-lavrov") }}.
ID_MACROS = {
    "actor": "actors",
    "quote": "quotes",
    "treaty": "treaties",
    "event": "events",
    "source": "sources",
    "term": "glossary",  # or an actor or treaty that is the term: see macros.core.terms.resolve_term
    "claim": "claims",
    "claim_card": "claims",
}
# Macros whose first two arguments are a collection and an id, e.g. {{ fact("treaties", "jcpoa", "term") }}.
GENERIC_MACROS = ("fact", "infobox", "link", "the")

_STR = r"""\s*(?:"([^"]*)"|'([^']*)')\s*"""
_ID_CALL = re.compile(r"\b(" + "|".join(ID_MACROS) + r")\(" + _STR)
_GENERIC_CALL = re.compile(r"\b(" + "|".join(GENERIC_MACROS) + r")\(" + _STR + "," + _STR)
_FRONT_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Mention:
    collection: str
    id: str
    line: int
    column: int


def scan(text: str) -> list[Mention]:
    """Every record a page's macro calls name, with the line of the call."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _ID_CALL.finditer(line):
            record_id = match.group(2) or match.group(3) or ""
            found.append(Mention(ID_MACROS[match.group(1)], record_id, number, match.start() + 1))
        for match in _GENERIC_CALL.finditer(line):
            collection = match.group(2) or match.group(3) or ""
            record_id = match.group(4) or match.group(5) or ""
            found.append(Mention(collection, record_id, number, match.start() + 1))
    return found


def check(mentions: list[Mention], path: str, records: dict[str, dict]) -> list[Problem]:
    """Problems for mentions of unknown collections or ids."""
    problems = []
    for m in mentions:
        if m.collection not in records:
            near = suggest(m.collection, records)
            problems.append(
                Problem(
                    path,
                    m.line,
                    m.column,
                    f"unknown collection '{m.collection}' in a macro call",
                    expected="one of: " + ", ".join(records),
                    hint=f"did you mean '{near}'?" if near else None,
                )
            )
        elif m.id not in records[m.collection] and not (m.collection == "glossary" and resolve_term(records, m.id)):
            near = suggest(m.id, records[m.collection])
            problems.append(
                Problem(
                    path,
                    m.line,
                    m.column,
                    f"unknown id '{m.id}' in {m.collection}",
                    expected=f"the id of a record in data/{m.collection}/",
                    hint=f"did you mean '{near}'?" if near else f"add the record to data/{m.collection}/",
                )
            )
    return problems


def resolved(mention: Mention, records: dict[str, dict]) -> Mention:
    """The mention of a term that is an actor or a treaty, pointed at that record (one page per real thing)."""
    if mention.collection == "glossary" and mention.id not in records.get("glossary", {}):
        key = resolve_term(records, mention.id)
        if key:
            return Mention(key[0], key[1], mention.line, mention.column)
    return mention


def page_title(text: str, fallback: str) -> str:
    """A hand-written page's title: front matter ``title:``, else its first ``#`` heading, else ``fallback``."""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        match = _FRONT_TITLE.search(text[3:end]) if end > 0 else None
        if match:
            return match.group(1).strip("'\"")
    match = _HEADING.search(text)
    return match.group(1) if match else fallback
