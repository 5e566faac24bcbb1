"""What a contributor relies on: schema hints in every data file, `validate`, and reproducible builds."""

from __future__ import annotations

import json
import os
import re

import pytest

from macros.core.collections import registry

from conftest import BUILT_ENV, ROOT, run_build, run_validate

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


def test_validate_command_reports_counts_when_data_is_good(capsys, monkeypatch):
    code, out, err = run_validate(ROOT, capsys, monkeypatch)
    assert code == 0, err
    assert out.startswith("data OK: ")
    assert "actors" in out and "quotes" in out


def test_builds_of_the_same_commit_on_different_days_and_machines_are_byte_identical(built, tmp_path):
    """The same commit built twice: the real site (``built``, where it is still the day before, UTC−12, hash seed 2)
    and again where it is already the next day (UTC+14) with another hash seed. Every file is identical, and the
    only date stamped is the commit's (SOURCE_DATE_EPOCH, as `make build` sets it)."""
    assert BUILT_ENV["TZ"] == "Etc/GMT+12" and BUILT_ENV["PYTHONHASHSEED"] == "2"
    east = {**BUILT_ENV, "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "1"}
    first, second = built, run_build(ROOT, tmp_path / "east", env=east)
    assert first.returncode == second.returncode == 0, second.output
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


def test_build_uses_no_third_party_hosts(built, built_pages):
    """Nothing the browser loads comes from another host; links to sources' own pages are not loads."""
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        loads = built_pages[page.relative_to(built.site).as_posix()].loads  # src=…, and the loading <link>s' href
        assert not [u for u in loads if re.match(r"^(https?:)?//", u)], page
    assert os.path.exists(built.site / "downloads" / "dataset.json")
