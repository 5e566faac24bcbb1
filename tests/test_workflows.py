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


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def test_pull_request_workflow_runs_what_ci_runs():
    workflow = load(GITHUB / "workflows" / "pr.yml")
    assert "pull_request" in workflow["on"]
    runs = [step["run"] for step in steps(workflow, "check") if "run" in step]
    assert runs == ["bash .ci/run"]
    ci = [line for line in (ROOT / ".ci/run").read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert ci[-1] == "make test"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: lint validate build pytest", makefile, re.MULTILINE)


def test_pull_requests_get_annotations_a_site_artifact_and_a_pip_cache():
    check = steps(load(GITHUB / "workflows" / "pr.yml"), "check")
    run = next(s for s in check if s.get("run") == "bash .ci/run")
    assert run["env"]["VALIDATE_FORMAT"] == "github"
    assert "--format $(VALIDATE_FORMAT)" in (ROOT / "Makefile").read_text()
    upload = next(s for s in check if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and upload["if"] == "${{ !cancelled() }}"
    cache = next(s for s in check if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "~/.cache/pip" and "hashFiles('requirements.txt')" in cache["with"]["key"]


def test_engine_parity_job_builds_with_properdocs():
    parity = steps(load(GITHUB / "workflows" / "pr.yml"), "engine-parity")
    assert any("make engine-parity" in s.get("run", "") for s in parity)
    assert "scripts/engine_parity.py" in (ROOT / "Makefile").read_text()


IMAGE = re.compile(r"^FROM (python:3\.11-bookworm@sha256:[0-9a-f]{64})$", re.MULTILINE)


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_jobs_run_in_the_image_pinned_by_digest_in_ci_dockerfile(name):
    assert IMAGE.search((ROOT / ".ci" / "Dockerfile").read_text())
    workflow = load(GITHUB / "workflows" / name)
    read = next(s for s in steps(workflow, "image") if s.get("id") == "read")
    assert "sed -n 's/^FROM //p' .ci/Dockerfile" in read["run"]
    for job_name, job in workflow["jobs"].items():
        if "container" in job:
            assert job["container"] == "${{ needs.image.outputs.ref }}", job_name
            assert job["needs"] == "image"


def test_dependabot_watches_the_lock_the_image_and_the_actions():
    updates = {u["package-ecosystem"]: u for u in load(GITHUB / "dependabot.yml")["updates"]}
    assert updates["pip"]["directory"] == "/"
    assert updates["docker"]["directory"] == "/.ci"
    assert "github-actions" in updates


def test_builds_check_out_full_history_and_trust_the_checkout():
    for name, job in (("pr.yml", "check"), ("deploy.yml", "build"), ("pr.yml", "engine-parity")):
        checkout = next(s for s in steps(load(GITHUB / "workflows" / name), job) if "checkout@" in s.get("uses", ""))
        assert checkout["with"]["fetch-depth"] == 0, (name, job)
    deploy = steps(load(GITHUB / "workflows" / "deploy.yml"), "build")
    runs = [s.get("run", "") for s in deploy]
    assert runs.index('git config --global --add safe.directory "$PWD"') < runs.index("make build")
    assert 'git config --global --add safe.directory "$PWD"' in (ROOT / ".ci" / "run").read_text()


def _requirements(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name → (version, hashes) of each ``name==version`` entry of a requirements file, continuation lines joined."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, rest = line.split("==", 1)
            version = rest.split()[0]
            found[name.strip().lower().replace("_", "-")] = (version, re.findall(r"--hash=sha256:([0-9a-f]{64})", rest))
    return found


def test_the_lock_pins_every_package_with_hashes_and_matches_requirements_in():
    lock = _requirements(ROOT / "requirements.txt")
    assert len(lock) > len(_requirements(ROOT / "requirements.in")) + 10  # transitive packages too
    assert all(hashes for _, hashes in lock.values()), [n for n, (_, h) in lock.items() if not h]
    for name, (version, _) in _requirements(ROOT / "requirements.in").items():
        assert lock[name][0] == version, name
    header = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "pip-compile --allow-unsafe --generate-hashes" in header and "requirements.in" in header
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements.txt" in makefile
    assert "--generate-hashes" in makefile.split("\nlock:")[1]


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
