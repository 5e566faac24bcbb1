"""The collections under ``data/``: folder name, schema file and what a record's page is called."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Collection:
    """One collection of records: ``data/<name>/*.yml``, validated by ``schemas/<schema>.schema.json``."""

    name: str
    schema: str
    singular: str
    plural_title: str


COLLECTIONS: tuple[Collection, ...] = (
    Collection("sources", "source", "source", "Sources"),
    Collection("actors", "actor", "actor", "Actors"),
    Collection("treaties", "treaty", "treaty", "Treaties"),
    Collection("events", "event", "event", "Events"),
    Collection("quotes", "quote", "quote", "Quotes"),
    Collection("glossary", "glossary", "term", "Glossary"),
)
BY_NAME = {c.name: c for c in COLLECTIONS}
DATA_SUFFIXES = (".yml", ".yaml")
