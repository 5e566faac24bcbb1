"""The GitHub configuration is valid, least-privilege and pinned, and PR CI runs exactly what .ci/run runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
YAML_FILES = [*WORKFLOWS, GITHUB / "dependabot.yml", *sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))]


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


@pytest.mark.parametrize("path", [*YAML_FILES, ROOT / ".pre-commit-config.yaml"], ids=lambda p: p.name)
def test_configuration_files_are_valid_yaml(path):
    assert isinstance(load(path), dict)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_least_privilege_pinned_and_secret_free(path):
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}
    assert "secrets." not in text
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert uses
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action} is not pinned to a commit"


def test_pull_request_workflow_runs_what_ci_runs():
    workflow = load(GITHUB / "workflows" / "pr.yml")
    assert "pull_request" in workflow["on"]
    runs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    assert runs == ["bash .ci/run"]
    ci = [line for line in (ROOT / ".ci/run").read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert ci[-1] == "make test"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: lint validate build pytest", makefile, re.MULTILINE)


def test_deploy_workflow_publishes_main_with_the_official_pages_actions():
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    text = (GITHUB / "workflows" / "deploy.yml").read_text()
    for action in ("actions/upload-pages-artifact@", "actions/deploy-pages@", "actions/configure-pages@"):
        assert action in text
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_pre_commit_validates_data_like_the_makefile():
    hooks = {h["id"]: h for repo in load(ROOT / ".pre-commit-config.yaml")["repos"] for h in repo["hooks"]}
    makefile = (ROOT / "Makefile").read_text()
    assert "-m macros.validate" in hooks["validate-data"]["entry"]
    assert "$(BIN)/python -m macros.validate" in makefile
    assert hooks["ruff-check"]["entry"].endswith("ruff check")


@pytest.mark.parametrize("path", sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml")), ids=lambda p: p.name)
def test_issue_forms_require_a_source(path):
    form = load(path)
    if path.name == "config.yml":
        return
    ids = {item.get("id"): item for item in form["body"]}
    assert ids["source"]["validations"]["required"] is True
