"""`mkdocs serve` picks up an edit to a YAML record and serves the rebuilt page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, predicate, seconds: float) -> str | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and predicate(body):
            return body
        time.sleep(0.3)
    return None


def test_serve_rebuilds_after_a_data_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/actors/isna/"
        assert wait_for(url, lambda body: "ISNA" in body, 60), "mkdocs serve did not start"
        people = project / "data/actors/organisations.yml"
        people.write_text(people.read_text(encoding="utf-8").replace("name: ISNA", "name: ISNA (edited)"), "utf-8")
        assert wait_for(url, lambda body: "ISNA (edited)" in body, 60), "the edit was not picked up"
    finally:
        server.terminate()
        server.wait(timeout=20)
