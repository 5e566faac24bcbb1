"""A run without its browser: under CI=true it fails saying what to install; elsewhere the skip is loud. Both in one
process and under pytest-xdist (`make test` runs the suite in one process per core), whose workers collect the tests
and whose controller reports them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

ONE_BROWSER_TEST = ["tests/test_browser.py", "-k", "javascript_off", "-p", "no:cacheprovider"]


WORKERS = pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one-process", "xdist"])


def run_pytest(ci: bool, workers: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["CHROMIUM_PATH"] = "/nonexistent/chromium"  # hides the browser from conftest and test_browser alike
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", *ONE_BROWSER_TEST, *workers], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="module", autouse=True)
def browser_tests_exist():
    assert (ROOT / "tests" / "test_browser.py").is_file()


@WORKERS
def test_under_ci_a_missing_browser_fails_with_the_install_hint(workers):
    proc = run_pytest(ci=True, workers=workers)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "CI=true, but 1 browser test(s) cannot run: no Chromium at /nonexistent/chromium" in output
    assert "apt-get install chromium chromium-driver" in output


@WORKERS
def test_outside_ci_the_skip_is_announced_in_the_summary(workers):
    proc = run_pytest(ci=False, workers=workers)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "browser tests NOT run" in output
    assert "WARNING: 1 browser test(s) were skipped: no Chromium at /nonexistent/chromium" in output
    assert "apt-get install chromium chromium-driver" in output
