"""A run without its browser: under CI=true it fails saying what to install; elsewhere the skip is loud."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

ONE_BROWSER_TEST = ["tests/test_browser.py", "-k", "javascript_off", "-p", "no:cacheprovider"]


def run_pytest(ci: bool) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["CHROMIUM_PATH"] = "/nonexistent/chromium"  # hides the browser from conftest and test_browser alike
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", *ONE_BROWSER_TEST], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="module", autouse=True)
def browser_tests_exist():
    assert (ROOT / "tests" / "test_browser.py").is_file()


def test_under_ci_a_missing_browser_fails_with_the_install_hint():
    proc = run_pytest(ci=True)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "CI=true, but 1 browser test(s) cannot run: no Chromium at /nonexistent/chromium" in output
    assert "apt-get install chromium chromium-driver" in output


def test_outside_ci_the_skip_is_announced_in_the_summary():
    proc = run_pytest(ci=False)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "browser tests NOT run" in output
    assert "WARNING: 1 browser test(s) were skipped: no Chromium at /nonexistent/chromium" in output
    assert "apt-get install chromium chromium-driver" in output
