"""Every page's JSON-LD uses schema.org types and properties within their ranges, checked against a subset of
schema.org's own definitions vendored in tests/fixtures/schemaorg-subset.json (see scripts/vendor_schemaorg.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "schemaorg-subset.json").read_text(encoding="utf-8"))
TYPES: dict[str, list[str]] = SCHEMA["types"]
PROPERTIES: dict[str, dict[str, list[str]]] = SCHEMA["properties"]
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")  # ISO 8601 calendar dates, reduced precision allowed
TEXT_TYPES = {"Text", "URL", "Date", "DateTime"}


def is_a(type_name: str, ancestor: str) -> bool:
    todo = [type_name]
    while todo:
        current = todo.pop()
        if current == ancestor:
            return True
        todo += TYPES.get(current, [])
    return False


def text_fits(value: str, ranges: list[str]) -> bool:
    if "Text" in ranges:
        return True
    if "URL" in ranges and value.startswith(("https://", "http://")):
        return True
    return bool({"Date", "DateTime"} & set(ranges)) and bool(DATE.match(value))


def problems(node: dict, where: str) -> list[str]:
    """What in ``node`` is outside schema.org's definitions."""
    found = []
    node_type = node.get("@type")
    if node_type not in TYPES or node_type in TEXT_TYPES:
        return [f"{where}: unknown type {node_type!r}"]
    for prop, value in node.items():
        if prop.startswith("@"):
            continue
        spec = PROPERTIES.get(prop)
        if spec is None:
            found.append(f"{where}: property {prop!r} is not in the vendored subset")
            continue
        if not any(is_a(node_type, d) for d in spec["domain"]):
            found.append(f"{where}: {node_type} has no property {prop!r} (domain {spec['domain']})")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                item_type = item.get("@type", "")
                if not any(is_a(item_type, r) for r in spec["range"]):
                    found.append(f"{where}.{prop}: {item_type} is outside the range {spec['range']}")
                found += problems(item, f"{where}.{prop}")
            elif not (isinstance(item, str) and text_fits(item, spec["range"])):
                found.append(f"{where}.{prop}: {item!r} is outside the range {spec['range']}")
    return found


def json_ld(html_file: Path) -> list[dict]:
    text = html_file.read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.DOTALL)
    return [json.loads(b) for b in blocks]


def test_the_checker_rejects_what_schema_org_does_not_allow():
    assert problems({"@type": "Person", "name": "A", "url": "https://example.org/"}, "ok") == []
    assert problems({"@type": "Person", "affiliation": {"@type": "Country", "name": "Iran"}}, "p")
    assert problems({"@type": "Quotation", "isBasedOn": "a title, not a URL"}, "q")
    assert problems({"@type": "Event", "attendee": [{"@type": "Country", "name": "Russia"}]}, "e")
    assert problems({"@type": "Legislation", "legislationDate": "17 January 2025"}, "l")
    assert problems({"@type": "Country", "jobTitle": "Foreign Minister"}, "c")


def test_every_pages_json_ld_is_within_schema_orgs_definitions(built):
    found = []
    pages = sorted(built.site.rglob("index.html"))
    assert len(pages) > 50
    for html_file in pages:
        nodes = json_ld(html_file)
        name = html_file.relative_to(built.site).as_posix()
        if not nodes:
            found.append(f"{name}: no JSON-LD")
        for node in nodes:
            if node.get("@context") != "https://schema.org":
                found.append(f"{name}: @context is {node.get('@context')!r}")
            found += problems(node, name)
    assert not found, "\n".join(found[:30])


def test_the_website_is_named_with_the_site_name(built):
    (home,) = json_ld(built.site / "index.html")
    assert home["@type"] == "WebSite"
    assert home["name"] == "Tehran–Moscow Explainer"


@pytest.mark.parametrize(
    ("page", "schema_type"),
    [
        ("actors/abbas-araghchi", "Person"),
        ("actors/russia", "Country"),
        ("quotes/dedov-not-mediators", "Quotation"),
        ("treaties/russia-iran-treaty", "Legislation"),
    ],
)
def test_record_pages_describe_their_record(built, page, schema_type):
    (node,) = json_ld(built.site / page / "index.html")
    assert node["@type"] == schema_type
    assert node["url"].endswith(f"/{page}/")
