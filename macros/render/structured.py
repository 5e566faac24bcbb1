"""schema.org JSON-LD and the plain-text description of each page, from its record."""

from __future__ import annotations

import json
from string import Formatter

from macros.core.collections import Registry, registry
from macros.core.dataset import Dataset
from macros.core.dates import PartialDate
from macros.core.models import Record, field_names, values_at
from macros.render import urls

SITE_NAME = "Tehran–Moscow Explainer"
# schema.org's ``member``, ``attendee``, ``creator``, ``publisher`` and ``affiliation`` take people and organisations
# (``affiliation`` organisations only); a state (``Country``, a Place) is named through another property instead.
AGENT_TYPES = {"Person", "Organization", "NewsMediaOrganization"}
ORGANIZATION_TYPES = AGENT_TYPES - {"Person"}
TYPE_SETS = {"agents": AGENT_TYPES, "organizations": ORGANIZATION_TYPES}  # named in the schemas' x-jsonld
# Every property in one order, so a record's node reads the same whichever code added each property.
PROPERTY_ORDER = {
    name: i
    for i, name in enumerate(
        ("@context", "@type", "@id", "url", "name", "description", "text", "dateCreated", "legislationType",
         "alternateName", "affiliation", "nationality", "jobTitle", "legislationDate", "startDate", "endDate",
         "location", "sameAs", "datePublished", "creator", "isBasedOn", "attendee", "member", "spatialCoverage",
         "publisher", "about", "inDefinedTermSet", "appearance")
    )
}  # fmt: skip


def _types(named: object) -> set[str] | None:
    """The schema.org types an x-jsonld entry names: a set's name ("agents"), a list, or None for any."""
    if named is None:
        return None
    return set(TYPE_SETS[named]) if isinstance(named, str) else set(named)


def description(record: Record | None, fallback: str, limit: int = 200, collections: Registry | None = None) -> str:
    """One plain-text sentence or two for meta description and OpenGraph: the first of the collection's
    ``x-collection.description`` forms whose fields the record fills, else its first text longer than its title."""
    text = fallback
    if record is not None:
        forms = (collections or registry())[record.collection].description
        text = next((form.format_map(_text_fields(record)) for form in forms if _fills(record, form)), "")
        if not text:
            texts = (getattr(record, name) for name in field_names(record))
            text = next((v for v in texts if isinstance(v, str) and len(v) > len(record.title)), record.title)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _fills(record: Record, form: str) -> bool:
    return all(getattr(record, name, None) for _, name, _, _ in Formatter().parse(form) if name)


def _text_fields(record: Record) -> dict[str, object]:
    return {name: getattr(record, name) for name in field_names(record)}


def _jsonld_value(value: object, node_type: str | None) -> object:
    if isinstance(value, PartialDate):
        value = value.iso
    return {"@type": node_type, "name": value} if node_type else value


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

    def linked(self, record: Record, node: dict) -> None:
        """The record's references as schema.org properties, as each reference field's ``x-jsonld`` says: a property,
        the target types it takes (``types``; others go to ``else`` or are left out), the record it applies to
        (``when``: field values; ``node_types``: this node's types), whether it holds one node (``single``) and
        the target's field that gives the node's address instead of its page here (``url``: a source's own)."""
        raw = self.data.raw[(record.collection, record.id)]
        for spec in self.data.collections.refs(record.collection):
            says = spec.jsonld
            if not says or spec.path[1:] not in ((), ("*",)):
                continue
            if any(getattr(record, k, None) != v for k, v in says.get("when", {}).items()):
                continue
            if "node_types" in says and node["@type"] not in _types(says["node_types"]):
                continue
            value = raw.get(spec.path[0])
            allowed = _types(says.get("types"))
            for target_id in value if isinstance(value, list) else [value] if value else []:
                target = self.ref(spec.target, target_id)
                if says.get("url"):
                    target["url"] = getattr(self.data.get(spec.target, target_id), says["url"])
                prop = says["property"] if allowed is None or target["@type"] in allowed else says.get("else")
                if prop and says.get("single"):
                    node[prop] = target
                elif prop:
                    node.setdefault(prop, []).append(target)

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
        info = self.data.collections[record.collection]
        for prop, value in info.jsonld.items():  # constants: "@index" is the address of the collection's index
            node[prop] = urls.absolute(self.site_url, urls.index_url(record.collection)) if value == "@index" else value
        for says in self.data.collections.field_rules(record.collection).jsonld:
            if any(getattr(record, k, None) != v for k, v in says.when.items()):
                continue
            found = [_jsonld_value(value, says.node_type) for _, value in values_at(record, says.path)]
            if found:
                node[says.property] = found if "*" in says.path else found[0]
        self.linked(record, node)  # spatialCoverage, for one, ranges over Place: a treaty's parties that are states
        return dict(sorted(node.items(), key=lambda item: PROPERTY_ORDER.get(item[0], len(PROPERTY_ORDER))))

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
