"""Write tests/fixtures/schemaorg-subset.json: the schema.org types and properties the site's JSON-LD uses.

The subset is derived, never typed by hand, from schema.org's own release file, for example
``data/releases/30.0/schemaorg-current-https.jsonld`` in https://github.com/schemaorg/schemaorg:

    python scripts/vendor_schemaorg.py path/to/schemaorg-current-https.jsonld 30.0

For each type: its direct parents (rdfs:subClassOf), with every ancestor included; for each property: the types it
applies to (schema:domainIncludes) and the types its values may have (schema:rangeIncludes).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "schemaorg-subset.json"
TYPES = [
    "Person",
    "Country",
    "Organization",
    "NewsMediaOrganization",
    "Quotation",
    "Claim",
    "Legislation",
    "Event",
    "CreativeWork",
    "DefinedTerm",
    "DefinedTermSet",
    "Place",
    "WebSite",
    "WebPage",
    "Text",
    "URL",
    "Date",
    "DateTime",
]
PROPERTIES = [
    "name",
    "url",
    "description",
    "alternateName",
    "affiliation",
    "nationality",
    "jobTitle",
    "member",
    "text",
    "dateCreated",
    "creator",
    "spokenByCharacter",
    "isBasedOn",
    "about",
    "legislationType",
    "legislationDate",
    "spatialCoverage",
    "startDate",
    "endDate",
    "location",
    "attendee",
    "sameAs",
    "datePublished",
    "publisher",
    "inDefinedTermSet",
    "isPartOf",
    "appearance",
]


def _ids(value) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    return [i["@id"].removeprefix("schema:") for i in items if i["@id"].startswith("schema:")]


def subset(graph: list[dict]) -> dict:
    nodes = {n["@id"].removeprefix("schema:"): n for n in graph if n["@id"].startswith("schema:")}
    types: dict[str, list[str]] = {}
    todo = list(TYPES)
    while todo:
        name = todo.pop()
        if name in types:
            continue
        types[name] = _ids(nodes[name].get("rdfs:subClassOf"))
        todo += types[name]
    properties = {
        name: {
            "domain": sorted(_ids(nodes[name].get("schema:domainIncludes"))),
            "range": sorted(_ids(nodes[name].get("schema:rangeIncludes"))),
        }
        for name in PROPERTIES
    }
    return {"types": dict(sorted(types.items())), "properties": properties}


def main(source: str, release: str) -> None:
    graph = json.loads(Path(source).read_text(encoding="utf-8"))["@graph"]
    data = {
        "source": f"schema.org release {release}: data/releases/{release}/schemaorg-current-https.jsonld, "
        "https://github.com/schemaorg/schemaorg (CC BY-SA 3.0); extracted by scripts/vendor_schemaorg.py",
        **subset(graph),
    }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
