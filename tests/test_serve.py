"""`mkdocs serve` picks up an edit to a YAML record and serves the rebuilt page."""

from __future__ import annotations

import os

from bench.serving import serving, wait_for

from conftest import copy_project


def test_serve_rebuilds_after_a_data_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    with serving(project, {**os.environ, "NO_MKDOCS_2_WARNING": "1"}) as base:
        url = f"{base}actors/isna/"
        assert wait_for(url, lambda body: "ISNA" in body, 60), "mkdocs serve did not start"
        people = project / "data/actors/organisations.yml"
        people.write_text(people.read_text(encoding="utf-8").replace("name: ISNA", "name: ISNA (edited)"), "utf-8")
        assert wait_for(url, lambda body: "ISNA (edited)" in body, 60), "the edit was not picked up"
