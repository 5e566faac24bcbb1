"""What a contributor relies on: schema hints in every data file, `validate`, and reproducible builds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from macros.core.collections import registry

from conftest import ROOT, run_build

DATA_FILES = sorted((ROOT / "data").rglob("*.yml"))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_data_file_declares_its_schema_for_editors(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    collection = path.relative_to(ROOT / "data").parts[0]
    expected = f"# yaml-language-server: $schema=../../schemas/{registry().by_name[collection].schema}.schema.json"
    assert first_line == expected
    assert (path.parent / expected.split("=", 1)[1]).resolve().is_file()


def test_schemas_are_valid_json_schema_with_descriptions():
    from jsonschema import Draft202012Validator

    for info in registry().by_name.values():
        schema = json.loads((ROOT / "schemas" / f"{info.schema}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        for name, prop in schema["$defs"]["record"]["properties"].items():
            assert prop.get("description") or name == "id" or "$ref" in prop or "type" in prop


def test_validate_command_reports_counts_when_data_is_good():
    proc = subprocess.run([sys.executable, "-m", "macros.validate"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("data OK: ")
    assert "actors" in proc.stdout and "quotes" in proc.stdout


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740441600")
    first = run_build(ROOT, tmp_path / "one")
    second = run_build(ROOT, tmp_path / "two")
    assert first.returncode == second.returncode == 0
    files_one = sorted(p.relative_to(first.site) for p in first.written())
    assert files_one == sorted(p.relative_to(second.site) for p in second.written())
    different = [p for p in files_one if (first.site / p).read_bytes() != (second.site / p).read_bytes()]
    assert different == []
    assert "<lastmod>2025-02-25</lastmod>" in (first.site / "sitemap.xml").read_text()


def test_sitemap_covers_every_page(built):
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    pages = [p for p in built.site.rglob("index.html")]
    for page in pages:
        url = page.parent.relative_to(built.site).as_posix()
        assert f"<loc>http://127.0.0.1:8000/{'' if url == '.' else url + '/'}</loc>" in sitemap


def test_build_uses_no_third_party_hosts(built):
    """Nothing the browser loads comes from another host; links to sources' own pages are not loads."""
    loading_rels = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        soup = BeautifulSoup(html, "html.parser")
        loads = [t["src"] for t in soup.find_all(["script", "img", "iframe", "source", "audio", "video"], src=True)]
        loads += [t["href"] for t in soup.find_all("link", href=True) if loading_rels & set(t.get("rel", []))]
        assert not [u for u in loads if re.match(r"^(https?:)?//", u)], page
    assert os.path.exists(built.site / "downloads" / "dataset.json")
