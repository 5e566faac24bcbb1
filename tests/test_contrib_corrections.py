"""Every record page links to its YAML at the record's line, to a prefilled correction form, and says when its file
last changed in git, from one ``git log`` per build."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from macros.core.history import NOT_COMMITTED, SHALLOW, parse_log
from macros.render.corrections import Repository

from conftest import ROOT, run_build

FORM = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "correction.yml").read_text(encoding="utf-8"))


def repo_url() -> str:
    """mkdocs.yml's ``repo_url``."""
    return re.search(r"^repo_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(), re.M).group(1)


def record_line(path: Path, record_id: str) -> int:
    """The line of ``- id: <record_id>``, found by reading the file (not through the data layer)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.fullmatch(rf"- id: {re.escape(record_id)}\s*(#.*)?", line):
            return number
    raise AssertionError(f"{record_id} not in {path}")


def fix_links(page):
    edit = page.select_one("a.tme-corrections__edit")
    report = page.select_one("a.tme-corrections__report")
    assert edit is not None and report is not None
    assert edit.get_text() == "Correct this record" and report.get_text() == "Report a correction"
    return edit["href"], report["href"]


@pytest.mark.parametrize(
    ("url", "file", "record_id"),
    [
        ("actors/sergei-lavrov", "data/actors/people.yml", "sergei-lavrov"),
        ("quotes/araghchi-no-talks-under-pressure", "data/quotes/visit-press-conference.yml", None),
        ("events/lavrov-visit-tehran", "data/events/events.yml", "lavrov-visit-tehran"),
    ],
)
def test_correct_this_record_links_to_the_yaml_at_the_records_line(built, url, file, record_id):
    record_id = record_id or url.split("/")[1]
    edit, _ = fix_links(built.page(url))
    line = record_line(ROOT / file, record_id)
    assert edit == f"{repo_url()}/blob/main/{file}#L{line}"


def test_report_a_correction_opens_the_form_prefilled_with_the_record_and_page(built):
    page = built.page("actors/sergei-lavrov")
    _, report = fix_links(page)
    parts = urlsplit(report)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{repo_url()}/issues/new"
    query = parse_qs(parts.query, strict_parsing=True)
    line = record_line(ROOT / "data/actors/people.yml", "sergei-lavrov")
    assert query == {
        "template": ["correction.yml"],
        "title": ["Correction: Sergei Lavrov"],
        "page": ["http://127.0.0.1:8000/actors/sergei-lavrov/"],
        "record": [f"actors/sergei-lavrov (data/actors/people.yml, line {line})"],
    }
    field_ids = {item.get("id") for item in FORM["body"]}
    assert {"page", "record"} <= field_ids  # the query keys are fields of the form
    assert FORM["title"] == "Correction: "


def test_every_record_page_has_the_corrections_block(built):
    for page in built.site.glob("*/*/index.html"):
        if page.parent.parent.name in ("assets", "downloads", "search"):
            continue
        assert 'class="tme-corrections__edit"' in page.read_text(encoding="utf-8"), page


HOSTILE_TITLE = 'Visit "to" <b>Tehran</b> & ?x=1#frag\' %0A ::error::'


def give_the_visit_a_hostile_title(project: Path) -> None:
    """The edit (tests/edited.py): the visit's title with quotes, markup, a query, a fragment and a workflow command."""
    events = project / "data" / "events" / "events.yml"
    text = events.read_text(encoding="utf-8")
    assert "  title: Lavrov's visit to Tehran\n" in text
    events.write_text(
        text.replace("  title: Lavrov's visit to Tehran\n", f"  title: {json_str(HOSTILE_TITLE)}\n", 1), "utf-8"
    )


def test_hostile_title_is_url_encoded_and_attribute_escaped(edited):
    hostile, result = HOSTILE_TITLE, edited
    html = (result.site / "events" / "lavrov-visit-tehran" / "index.html").read_text(encoding="utf-8")
    block = html[html.index('class="tme-list tme-corrections"') :]
    block = block[: block.index("</ul>")]
    assert "<b>" not in block and '"to"' not in block
    _, report = fix_links(result.page("events/lavrov-visit-tehran"))
    assert parse_qs(urlsplit(report).query)["title"] == [f"Correction: {hostile}"]
    assert "#" not in report.split("#L")[0].split("?", 1)[1]  # the fragment stays encoded inside the query


def json_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


# --- "last changed" from git ---


def changed_text(page) -> str:
    """The line as a browser shows it: white space collapsed (the template breaks lines where it likes)."""
    return " ".join(page.select_one("li.tme-corrections__changed").get_text(" ").split())


def test_last_changed_is_the_files_last_commit_in_utc(built):
    proc = subprocess.run(
        ["git", "log", "-1", "--format=%H %ct", "--", "data/actors/people.yml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 or not proc.stdout.strip():
        pytest.skip("this checkout has no git history for data/")
    commit, stamp = proc.stdout.split()
    day = datetime.fromtimestamp(int(stamp), UTC)
    page = built.page("actors/sergei-lavrov")
    changed = page.select_one("li.tme-corrections__changed")
    assert changed.find("time")["datetime"] == day.date().isoformat()
    assert f"{day.day} {day:%B %Y}" in changed.get_text()
    assert changed.find("a")["href"] == f"{repo_url()}/commit/{commit}"


def git(project: Path, *args: str, when: str = "2025-03-01T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


def test_git_runs_once_per_build_and_new_files_say_not_yet_committed(project_copy, tmp_path, monkeypatch):
    git(project_copy, "init", "-q", "-b", "main")
    git(project_copy, "add", "-A")
    git(project_copy, "commit", "-q", "-m", "data")
    git(project_copy, "commit", "-q", "--allow-empty", "-m", "later, touching nothing", when="2025-04-01T00:00:00Z")
    events = project_copy / "data" / "events" / "more.yml"
    first_record = (project_copy / "data" / "events" / "events.yml").read_text(encoding="utf-8").split("\n\n- id:")[0]
    events.write_text(first_record.replace("- id: russia-iran-treaty-signing", "- id: a-new-event"), "utf-8")
    calls = tmp_path / "git-calls"
    shim = tmp_path / "bin"
    shim.mkdir()
    real_git = subprocess.run(["sh", "-c", "command -v git"], capture_output=True, text=True).stdout.strip()
    (shim / "git").write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\nexec "{real_git}" "$@"\n')
    (shim / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{shim}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: the day shown must still be the UTC one
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    logs = [c for c in calls.read_text().splitlines() if " log " in f" {c} " and "-- data" in c]
    assert len(logs) == 1, logs
    old = result.page("actors/sergei-lavrov")
    assert old.select_one("li.tme-corrections__changed time")["datetime"] == "2025-03-01"
    assert "1 March 2025" in changed_text(old)
    assert changed_text(result.page("events/a-new-event")) == f"File last changed: {NOT_COMMITTED}."


def test_without_git_history_pages_say_not_yet_committed(edited):
    result = edited  # a copy outside any repository
    assert not (result.project / ".git").exists()
    page = result.page("actors/sergei-lavrov")
    assert page.select_one("li.tme-corrections__changed time") is None
    assert NOT_COMMITTED in changed_text(page)


def test_a_shallow_clones_cut_off_commit_gives_no_date():
    log = (
        "\x1eaaa 1740000000 bbb\0\ndata/a.yml\0"  # a real change, with a parent
        "\x1ebbb 1730000000 \0\ndata/a.yml\0data/b.yml\0"  # the cut-off: lists every file as added
    )
    history = parse_log(log, shallow=True)
    assert history.last_change("data/a.yml").commit == "aaa"
    assert history.last_change("data/b.yml") is None and history.why_unknown("data/b.yml") == SHALLOW
    full = parse_log(log, shallow=False)  # in a full clone a parentless commit is the real first one
    assert full.last_change("data/b.yml").timestamp == 1730000000


@pytest.mark.parametrize(
    ("edit_uri", "branch"), [("edit/main/docs/", "main"), ("blob/trunk/docs/", "trunk"), (None, "main")]
)
def test_the_branch_comes_from_edit_uri(edit_uri, branch):
    repo = Repository.from_config("https://github.com/o/r/", edit_uri)
    assert repo.file_url("data/x y.yml", 7) == f"https://github.com/o/r/blob/{branch}/data/x%20y.yml#L7"
    assert Repository.from_config(None, edit_uri) is None
