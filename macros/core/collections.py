"""The collections under ``data/``: folder name, schema file, and how pages and sentences name their records."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Collection:
    """One collection of records: ``data/<name>/*.yml``, validated by ``schemas/<schema>.schema.json``."""

    name: str
    schema: str
    macro: str  # the page macro that links to one record, e.g. {{ actor("sergei-lavrov") }}
    singular: str  # noun for one record, in running text
    plural: str  # noun for several
    plural_title: str  # the index page's title


COLLECTIONS: tuple[Collection, ...] = (
    Collection("sources", "source", "source", "source", "sources", "Sources"),
    Collection("actors", "actor", "actor", "actor", "actors", "Actors"),
    Collection("treaties", "treaty", "treaty", "treaty", "treaties", "Treaties"),
    Collection("events", "event", "event", "event", "events", "Events"),
    Collection("quotes", "quote", "quote", "quote", "quotes", "Quotes"),
    Collection("glossary", "glossary", "term", "glossary term", "glossary terms", "Glossary"),
    Collection("claims", "claim", "claim", "claim", "claims", "The article’s claims, checked"),
)
BY_NAME = {c.name: c for c in COLLECTIONS}
DATA_SUFFIXES = (".yml", ".yaml")
