"""Run `mkdocs serve` on a free local port and poll its pages (used by the benchmark and by tests/test_serve.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve_process(
    project: Path, env: dict[str, str], log: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`mkdocs serve` for ``project`` while the block runs: its base URL (ending in ``/``) and its process.

    Its output goes to ``log`` (stdout and stderr together), or nowhere.
    """
    port = free_port()
    with log.open("w") if log else nullcontext(subprocess.DEVNULL) as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        server.wait(timeout=60)


@contextmanager
def serving(project: Path, env: dict[str, str]) -> Iterator[str]:
    """`mkdocs serve` for ``project`` while the block runs; yields the base URL (ending in ``/``)."""
    with serve_process(project, env) as (base, _server):
        yield base


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, predicate: Callable[[str], bool], seconds: float, every: float = 0.3) -> str | None:
    """The page's body once ``predicate`` accepts it, or None after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and predicate(body):
            return body
        time.sleep(every)
    return None
