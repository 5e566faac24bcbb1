"""schema.org JSON-LD and the plain-text description of each page, from its record."""

from __future__ import annotations

import json

from macros.core.dataset import Dataset
from macros.core.models import Actor, Claim, Event, GenericRecord, GlossaryTerm, Quote, Record, Source, Treaty
from macros.render import urls

SITE_NAME = "Tehran–Moscow Explainer"
# schema.org's ``member``, ``attendee``, ``creator``, ``publisher`` and ``affiliation`` take people and organisations
# (``affiliation`` organisations only); a state (``Country``, a Place) is named through another property instead.
AGENT_TYPES = {"Person", "Organization", "NewsMediaOrganization"}
ORGANIZATION_TYPES = AGENT_TYPES - {"Person"}


def description(record: Record | None, fallback: str, limit: int = 200) -> str:
    """One plain-text sentence or two for meta description and OpenGraph."""
    text = fallback
    if isinstance(record, GenericRecord):
        text = next(
            (v for v in record.fields.values() if isinstance(v, str) and len(v) > len(record.title)), record.title
        )
    if isinstance(record, (Actor, Treaty, Event)):
        text = record.summary
    elif isinstance(record, Quote):
        text = f"“{record.text}”"
    elif isinstance(record, GlossaryTerm):
        text = record.definition
    elif isinstance(record, Source):
        text = record.note or record.title
    elif isinstance(record, Claim):
        text = f"The article says: “{record.claim}” What the record shows: {record.finding}"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


class StructuredData:
    """Builds JSON-LD for a page; ``url_of`` maps a record to its absolute URL."""

    def __init__(self, data: Dataset, site_url: str):
        self.data = data
        self.site_url = site_url

    def url_of(self, record: Record) -> str:
        return urls.absolute(self.site_url, urls.url_of(record))

    def ref(self, collection: str, record_id: str) -> dict:
        record = self.data.get(collection, record_id)
        node = {"@type": self.type_of(record), "name": record.title, "url": self.url_of(record)}
        return node

    def refs(self, collection: str, ids, allowed: set[str]) -> list[dict]:
        """References to the records ``ids`` whose schema.org type is one of ``allowed``."""
        nodes = [self.ref(collection, i) for i in ids]
        return [n for n in nodes if n["@type"] in allowed]

    def is_agent(self, actor_id: str) -> bool:
        return self.type_of(self.data.get("actors", actor_id)) in AGENT_TYPES

    def type_of(self, record: Record) -> str:
        """The record's schema.org type, from its collection's ``x-collection.schema_org_type``."""
        info = self.data.collections[record.collection]
        if info.schema_org_by:
            return info.schema_org_types[getattr(record, info.schema_org_by)]
        return info.schema_org_type

    def for_record(self, record: Record) -> dict:
        node: dict = {
            "@context": "https://schema.org",
            "@type": self.type_of(record),
            "@id": self.url_of(record),
            "url": self.url_of(record),
            "name": record.title,
        }
        if isinstance(record, Actor):
            node["description"] = record.summary
            if record.aliases:
                node["alternateName"] = list(record.aliases)
            if record.affiliation and record.kind == "person":
                affiliation = self.ref("actors", record.affiliation)
                node["affiliation" if affiliation["@type"] in ORGANIZATION_TYPES else "nationality"] = affiliation
            if record.roles and record.kind == "person":
                node["jobTitle"] = [role.office for role in record.roles]
            members = self.refs("actors", record.members, AGENT_TYPES)
            if members and node["@type"] in ORGANIZATION_TYPES:
                node["member"] = members
        elif isinstance(record, Quote):
            source = self.data.get("sources", record.source)
            node.update(text=record.text, dateCreated=record.date.iso)
            if self.is_agent(record.speaker):
                node["creator"] = self.ref("actors", record.speaker)
            node["isBasedOn"] = self.ref("sources", source.id)
            about = [self.ref("actors", a) for a in record.about_actors]
            about += [self.ref("treaties", t) for t in record.about_treaties]
            if about:
                node["about"] = about
        elif isinstance(record, Treaty):
            node.update(description=record.summary, legislationType="treaty")
            if record.aliases:
                node["alternateName"] = [alias.name for alias in record.aliases]
            if record.signed and record.signed.date:
                node["legislationDate"] = record.signed.date.iso
            places = [p for p in record.parties if self.data.get("actors", p).kind == "state"]
            if places:  # spatialCoverage ranges over Place: the parties that are states (a grouping is not one)
                node["spatialCoverage"] = [self.ref("actors", p) for p in places]
        elif isinstance(record, Event):
            node.update(description=record.summary, startDate=record.date.iso)
            if record.end_date:
                node["endDate"] = record.end_date.iso
            if record.place:
                node["location"] = {"@type": "Place", "name": record.place}
            attendees = self.refs("actors", record.participants, AGENT_TYPES)
            if attendees:
                node["attendee"] = attendees
            states = [self.ref("actors", a) for a in record.participants if not self.is_agent(a)]
            if states:
                node["about"] = states
        elif isinstance(record, Source):
            if record.url:
                node["sameAs"] = record.url
            if record.published:
                node["datePublished"] = record.published.iso
            if record.outlet and self.is_agent(record.outlet):
                node["publisher"] = self.ref("actors", record.outlet)
        elif isinstance(record, GlossaryTerm):
            node.update(
                description=record.definition,
                inDefinedTermSet=urls.absolute(self.site_url, urls.index_url(record.collection)),
            )
        elif isinstance(record, Claim):
            source = self.data.get("sources", record.source)
            appearance = {"@type": "CreativeWork", "url": source.url, "name": source.title}
            node.update(text=record.claim, appearance=appearance)
        return node

    def for_page(self, title: str, url: str, summary: str) -> dict:
        page_type = "WebSite" if url == self.site_url else "WebPage"
        name = SITE_NAME if page_type == "WebSite" else title  # the home page's title is "Home"
        node = {"@context": "https://schema.org", "@type": page_type, "name": name, "url": url}
        node["description"] = summary
        if page_type == "WebPage":
            node["isPartOf"] = {"@type": "WebSite", "name": SITE_NAME, "url": self.site_url}
        return node


def script_json(node: dict) -> str:
    """JSON safe to place inside ``<script type="application/ld+json">``."""
    text = json.dumps(node, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
