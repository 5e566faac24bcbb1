"""Data problems become GitHub annotations on the lines they name, and data cannot inject workflow commands."""

from __future__ import annotations

from macros.annotations import annotation
from macros.core.errors import Problem

from conftest import copy_project, run_validate


def unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def parse(command: str) -> tuple[dict[str, str], str]:
    """Split ``::error k=v,k=v::message`` the way the runner does, and undo GitHub's escaping."""
    assert command.startswith("::error ")
    props, message = command[len("::error ") :].split("::", 1)
    fields = dict(item.split("=", 1) for item in props.split(","))
    return {k: unescape(v) for k, v in fields.items()}, unescape(message)


HOSTILE_ID = "evil::error file=x::pwned\n::add-mask::secret\r\n%0A,done:"


def test_hostile_values_stay_inside_one_annotation():
    problem = Problem(
        "data/quotes/a,b:c.yml",
        12,
        3,
        "unknown id 'x::warning::y' in actors\n::set-output name=a::b",
        record_id=HOSTILE_ID,
        field="speaker",
        expected="the id of a record in data/actors/",
        found=repr(HOSTILE_ID),
        hint="did you mean '100%'?",
    )
    command = annotation(problem)
    assert "\n" not in command and "\r" not in command
    assert command.count("::") >= 2
    props, message = parse(command)
    assert props == {
        "file": "data/quotes/a,b:c.yml",
        "line": "12",
        "col": "3",
        "title": f"record '{HOSTILE_ID}', field 'speaker'",
    }
    assert message.splitlines()[0] == "unknown id 'x::warning::y' in actors"
    assert "fix: did you mean '100%'?" in message
    # Only the runner's own separator ends the properties: nothing in the data produced another "::".
    head = command.split("::", 2)
    assert head[0] == "" and head[1].startswith("error file=data/quotes/a%2Cb%3Ac.yml,line=12,col=3,title=")


def test_validate_prints_annotations_on_the_lines_of_a_bad_data_file(tmp_path, capsys, monkeypatch):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "quotes" / "hostile.yml"
    path.write_text(
        "# yaml-language-server: $schema=../../schemas/quote.schema.json\n"
        "- id: hostile-quote\n"
        "  text: Words.\n"
        '  speaker: "nobody::error file=README.md::injected"\n'
        "  date: 2025-02-25\n"
        "  setting:\n"
        "    kind: interview\n"
        "  source: article-lavrov-visit-tehran\n"
        "  provenance: traced\n",
        encoding="utf-8",
    )
    returncode, stdout, stderr = run_validate(project, capsys, monkeypatch, "--format", "github")
    assert returncode == 1
    lines = stdout.splitlines()
    assert lines and all(line.startswith("::error file=") for line in lines), stdout
    found = [parse(line) for line in lines]
    props, message = next((p, m) for p, m in found if p["file"] == "data/quotes/hostile.yml")
    assert props["line"] == "4" and props["title"] == "record 'hostile-quote', field 'speaker'"
    assert "nobody::error file=README.md::injected" in message
    assert "data/quotes/hostile.yml:4:" in stderr  # the readable report is still printed


def test_text_format_is_unchanged_by_default(tmp_path, capsys, monkeypatch):
    project = copy_project(tmp_path / "project")
    (project / "data" / "quotes" / "x.txt").write_text("not data", encoding="utf-8")
    returncode, stdout, stderr = run_validate(project, capsys, monkeypatch)
    assert returncode == 1 and stdout == ""
    assert "data/quotes/x.txt:1:1: not a data file" in stderr
