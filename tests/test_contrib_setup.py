"""First-run traps: the Makefile repairs a broken venv, checks the Python version, and `make build` refuses to stamp
any time but the last commit's. Run in temporary folders with a copy of the Makefile, offline. (That builds of one
commit on different days and machines are byte-identical: test_contributor_path.py.)"""

from __future__ import annotations

import ensurepip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    inherited = {"SOURCE_DATE_EPOCH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}  # not from an outer `make test`
    full_env = {k: v for k, v in os.environ.items() if k not in inherited}
    full_env |= {"GIT_CEILING_DIRECTORIES": str(folder.parent), **env}
    return subprocess.run(["make", "-C", str(folder), *args], capture_output=True, text=True, env=full_env)


def bundled_pip_lock(folder: Path) -> None:
    """A lock naming only the pip that every new venv already has: installing it needs no network."""
    wheel = next((Path(ensurepip.__file__).parent / "_bundled").glob("pip-*.whl"))
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    (folder / "requirements.txt").write_text(f"pip=={ensurepip.version()} --hash=sha256:{digest}\n")


@pytest.fixture
def folder(tmp_path) -> Path:
    work = tmp_path / "project"
    work.mkdir()
    shutil.copy2(ROOT / "Makefile", work / "Makefile")
    return work


def test_a_venv_without_pip_is_recreated(folder):
    bundled_pip_lock(folder)
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder / ".venv")], check=True)
    broken = subprocess.run([folder / ".venv/bin/python", "-m", "pip", "--version"], capture_output=True)
    assert broken.returncode != 0  # the state a failed first attempt leaves
    proc = make(folder, "venv", PYTHON=sys.executable)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ".venv is broken (no working Python or pip); recreating it" in proc.stderr
    repaired = subprocess.run([folder / ".venv/bin/python", "-m", "pip", "--version"], capture_output=True, text=True)
    assert repaired.returncode == 0 and repaired.stdout.startswith(f"pip {ensurepip.version()}")
    assert (folder / ".venv" / ".requirements-installed").is_file()
    again = make(folder, "venv", PYTHON=sys.executable)
    assert again.returncode == 0 and "recreating" not in again.stderr


def test_an_old_python_is_refused_with_what_to_install(folder, tmp_path):
    bundled_pip_lock(folder)
    old = tmp_path / "python3.10"
    old.write_text('#!/bin/sh\n[ "$1" = --version ] && echo "Python 3.10.12" && exit 0\nexit 1\n')
    old.chmod(0o755)
    proc = make(folder, "venv", PYTHON=str(old))
    assert proc.returncode != 0
    assert "Python 3.11 or newer is needed; " in proc.stderr and "is Python 3.10.12" in proc.stderr
    assert "python3-venv" in proc.stderr and "make PYTHON=python3.12" in proc.stderr
    assert not (folder / ".venv").exists()


def fake_mkdocs(folder: Path) -> Path:
    """An installed-looking venv whose mkdocs records the SOURCE_DATE_EPOCH it was given."""
    record = folder / "epoch"
    (folder / "requirements.txt").write_text("")
    (folder / ".venv" / "bin").mkdir(parents=True)
    mkdocs = folder / ".venv" / "bin" / "mkdocs"
    mkdocs.write_text(f'#!/bin/sh\necho "$SOURCE_DATE_EPOCH $*" > "{record}"\n')
    mkdocs.chmod(0o755)
    ready = folder / ".venv" / ".requirements-installed"
    ready.touch()
    os.utime(ready, (os.path.getmtime(folder / "requirements.txt") + 10,) * 2)
    return record


def test_build_stops_rather_than_stamp_another_time(folder):
    record = fake_mkdocs(folder)
    proc = make(folder, "build")  # not a git checkout, no SOURCE_DATE_EPOCH
    assert proc.returncode != 0
    assert "cannot read the last commit's time from git" in proc.stderr
    assert "safe.directory" in proc.stderr and "SOURCE_DATE_EPOCH=" in proc.stderr
    assert not record.exists()
    assert make(folder, "build", SOURCE_DATE_EPOCH="1740441600").returncode == 0
    assert record.read_text() == "1740441600 build --strict\n"


def test_build_uses_the_last_commits_time(folder):
    record = fake_mkdocs(folder)
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example.org", "GIT_COMMITTER_DATE": "@1740441600 +0000"}
    env |= {"GIT_AUTHOR_DATE": "@1740441600 +0000"}
    for args in (["init", "-q"], ["add", "Makefile"], ["commit", "-q", "-m", "x"]):
        subprocess.run(["git", "-C", str(folder), *args], check=True, env={**os.environ, **env})
    proc = make(folder, "build")
    assert proc.returncode == 0, proc.stderr
    assert record.read_text() == "1740441600 build --strict\n"


def test_serve_watches_the_theme_overrides_and_the_data():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    watch = re.search(r"^watch:\n((?:  - .+\n)+)", text, re.MULTILINE).group(1)
    assert {line.strip()[2:] for line in watch.splitlines()} >= {"overrides", "data", "macros", "schemas"}
