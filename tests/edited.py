"""One copy of the project carrying every edit a test needs that still builds, built once per test run (``edited``).

A test that needs the site built from a changed project (a record added, a hostile value, a page that calls a
macro) makes its change in an edit function of its own module, listed here, and reads the shared build instead of
building a copy of its own. The edits do not touch what another test here reads, so one build proves them all. An
edit that stops the build, or that changes what another test reads (a treaty's term, say), keeps its own build.

The copy holds a collection the code's schemas do not know (test_registry's "sanctions"): read its records from the
real data (``load_dataset()``), which these edits leave as they were where tests compare them.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from conftest import BuildResult, copy_project, run_build

# (test module, edit function): each takes the project copy and changes it in place.
EDITS = (
    ("test_add_record", "add_a_person_and_a_quote"),
    ("test_content_claims", "add_a_page_calling_the_claim_and_term_macros"),
    ("test_contrib_corrections", "give_the_visit_a_hostile_title"),
    ("test_html_hygiene", "give_the_site_a_hostile_description"),
    ("test_views", "give_araghchi_a_hostile_name"),
    ("test_views", "add_events_before_and_after_the_visit"),
    ("test_views", "put_key_facts_on_the_treaty_page"),
    ("test_registry", "add_a_collection_with_its_own_template"),
    ("test_security", "add_a_page_with_raw_template_syntax"),
    ("test_security", "add_a_table_with_a_pipe_in_a_fact"),
    ("test_security", "add_actors_named_like_formulas"),
    ("test_security", "put_markup_in_every_hint_and_the_signing_place"),
)


def build_edited_project(folder: Path) -> BuildResult:
    project = copy_project(folder / "project")
    for module, edit in EDITS:
        getattr(importlib.import_module(module), edit)(project)
    markdown = sorted(p.relative_to(project).as_posix() for p in project.rglob("*.md"))
    result = run_build(project, folder / "site")
    result.project = project
    result.notes["markdown_before_the_build"] = markdown
    return result
