"""Reusers can tell what they may do: licence files, CITATION.cff, and the licence on the site and in the downloads."""

from __future__ import annotations

import json
import re

import yaml

from macros.core import licence
from macros.core.collections import registry
from macros.core.schema import Schema

from conftest import ROOT

CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def test_licence_files_hold_the_full_terms():
    mit = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert mit.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in mit and 'THE SOFTWARE IS PROVIDED "AS IS"' in mit
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    for part in ("Creative Commons Attribution 4.0 International Public License", "Section 1 -- Definitions."):
        assert part in content
    assert "Section 8 -- Interpretation." in content and "Sui Generis Database Rights" in content
    assert "/legalcode" in content.split("=" * 20)[0]  # the notice above the legal code says where it comes from


def test_citation_cff_is_valid_cff_1_2_0():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):  # the keys CFF 1.2.0 requires
        assert cff[key], key
    assert all(isinstance(a, dict) and (a.get("name") or a.get("family-names")) for a in cff["authors"])
    assert cff["license"] == licence.CONTENT_LICENCE_SPDX
    assert cff["type"] in ("software", "dataset")
    default_repo = re.search(r"^repo_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(), re.M)
    assert cff["repository-code"] == default_repo.group(1)  # one repository, named alike in both files


def test_pyproject_names_the_code_licence():
    assert 'license = { text = "MIT" }' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_every_page_footer_names_both_licences(built):
    pages = sorted(built.site.rglob("index.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="md-footer"') :]
        assert f'href="{CC_BY}" rel="license">CC BY 4.0</a>' in footer, page
        assert "Code: MIT" in footer and '#licence">Licence and attribution</a>' in footer, page


def test_about_page_has_a_licence_section_naming_the_downloads(built):
    page = built.page("about")
    heading = page.find(id="licence")
    assert heading is not None and heading.get_text(strip=True).startswith("Licence")
    body = page.find("article").get_text(" ", strip=True)
    assert "CC BY 4.0" in body and "MIT licence" in body
    hrefs = {a["href"] for a in page.select("article a[href]")}
    assert CC_BY in hrefs
    assert any(h.endswith("downloads/dataset.json") for h in hrefs)


def test_record_pages_state_the_licence_beside_the_downloads(built):
    page = built.page("quotes/araghchi-no-talks-under-pressure")
    cite = page.select_one("p.tme-cite")
    notice = page.select_one("p.tme-licence")
    assert cite is not None and notice is not None
    assert any(a["href"].endswith("downloads/dataset.json") for a in cite.select("a"))
    assert notice.find("a", href=CC_BY, rel="license") is not None
    assert notice in cite.find_next_siblings("p")  # right after the download links


def test_dataset_json_carries_licence_attribution_and_address_and_keeps_its_collections(built):
    document = json.loads((built.site / "downloads" / "dataset.json").read_text(encoding="utf-8"))
    assert document["licence"] == "CC-BY-4.0"
    assert document["licence_url"] == CC_BY
    assert "Tehran–Moscow Explainer" in document["attribution"] and "CC BY 4.0" in document["attribution"]
    assert document["source_url"] == "http://127.0.0.1:8000/downloads/dataset.json"
    assert set(document) == {*licence.dataset_metadata("/"), *(c.name for c in registry().collections)}
    for info in registry().collections:
        schema = Schema(ROOT / "schemas" / f"{info.schema}.schema.json")  # resolves $ref to schemas/defs.schema.json
        schema.validator.validate(document[info.name])


def test_csv_downloads_are_named_on_the_about_page_under_the_licence(built):
    about = (built.site / "about" / "index.html").read_text(encoding="utf-8")
    licence_part = about[about.index('id="licence"') :]
    assert re.search(r'href="[./]*downloads/actors\.csv"', licence_part)
    assert (built.site / "downloads" / "actors.csv").is_file()
