"""Incremental preview under `mkdocs serve`: a data edit rebuilds only the record pages that show the record, and the
preview is then the same site a full build makes (no page stale); anything else is a full build. (A long back-link
list's parts: test_preview_parts.py.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench.serving import fetch, serve_process, wait_for

from conftest import add_iran_to_dedov_quote, copy_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
REBUILT = re.compile(r"preview: rebuilt (\d+) of (\d+) record pages \((\d+) unchanged, carried over\)[^:]*:(.*)")
FULL = "preview: full build ("
LIVERELOAD = re.compile(r"<script>(?:(?!</script>).)*livereload(?:(?!</script>).)*</script>(?=</body>)", re.DOTALL)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _wait_for_log(log: Path, predicate, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")
        if predicate(text):
            time.sleep(0.5)  # the swap follows the log line
            return text
        time.sleep(0.3)
    raise AssertionError(f"serve did not log what was expected:\n{log.read_text(encoding='utf-8')[-3000:]}")


def _builds(text: str) -> int:
    return text.count("Documentation built in")


def _full_build(project: Path, site: Path, site_url: str) -> None:
    """`mkdocs build` of the edited project with serve's address, so both sites can be compared byte for byte."""
    env = {**ENV, "SITE_URL": site_url, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def _rebuilt_pages(log: Path, builds: int) -> set[str]:
    """The record pages the build number ``builds`` of the session rebuilt, after checking it was a partial one."""
    text = _wait_for_log(log, lambda text: _builds(text) >= builds)
    found = list(REBUILT.finditer(text))
    assert found, text
    rebuilt, total, carried = map(int, found[-1].groups()[:3])
    assert rebuilt + carried == total and 0 < rebuilt < total / 5, text
    return set(found[-1].group(4).split())


def _same_as_a_full_build(project: Path, base: str, full: Path, text: str) -> list[str]:
    """Every page the preview serves equals the page a full build of the same files makes; the addresses of the
    pages showing ``text``."""
    _full_build(project, full, base)
    showing = []
    for path in sorted(full.rglob("index.html")):
        url = path.parent.relative_to(full).as_posix()
        url = "" if url == "." else f"{url}/"
        expected = path.read_text(encoding="utf-8")
        served = fetch(base + url)
        assert served is not None, url
        assert LIVERELOAD.sub("", served) == expected, f"{url} differs from a full build of the edited data"
        if text in expected:
            showing.append(url)
    assert fetch(base + "sitemap.xml") == (full / "sitemap.xml").read_text(encoding="utf-8")
    return showing


def _save_in_two_steps(path: Path, old: str, new: str) -> None:
    """A save one poll sees half done: the file truncated and half written, the rest just under a poll later (serve
    polls the watched folders every 0.5 s)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    with path.open("w", encoding="utf-8") as out:
        out.write(text[: len(text) // 2])
        out.flush()
        os.fsync(out.fileno())
        time.sleep(0.45)
        out.write(text[len(text) // 2 :])


def test_a_record_edit_rebuilds_only_the_pages_that_show_it_and_none_is_stale(tmp_path):
    """serve picks up a data edit saved in two steps that one poll sees half done: one rebuild
    (preview.settle_seconds), not a second, empty one straight after the first; it rebuilds only the pages that show
    the record, and the preview is then the site a full build makes."""
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with serve_process(project, ENV, log) as (base, server):
        assert wait_for(f"{base}actors/isna/", lambda body: "ISNA" in body, 120), log.read_text()
        first = _wait_for_log(log, lambda text: _builds(text) == 1)
        assert f"{FULL}no earlier good build" in first

        # a field edited, in a save one poll sees half done: one rebuild, of the pages showing the record, no other
        _save_in_two_steps(project / "data/actors/organisations.yml", "name: ISNA\n", "name: ISNA (edited)\n")
        assert wait_for(f"{base}actors/isna/", lambda body: "ISNA (edited)" in body, 90), log.read_text()
        time.sleep(5)  # a second change seen during the build would start another build at once
        final = log.read_text(encoding="utf-8")
        assert final.count("Detected file changes") == 1 and _builds(final) == 2, final[-3000:]
        assert REBUILT.search(final) and "The site could not be built" not in (fetch(base) or "")
        pages = _rebuilt_pages(log, 2)
        # its page, the pages of the records that name it (its sources, quotes it is credited with)
        assert {"actors/isna.md", "sources/isna-dedov-2022.md", "quotes/dedov-without-russia-and-china.md"} <= pages
        assert "actors/sergei-lavrov.md" not in pages and "quotes/lavrov-diplomatic-potential-jcpoa.md" not in pages
        showing = _same_as_a_full_build(project, base, tmp_path / "full", "ISNA (edited)")
        # every kind of page that shows the name was compared: record pages, lists, views and a narrative
        assert {"actors/isna/", "actors/", "sources/", "relations/", "visit/"} <= set(showing), showing
        assert any(url.startswith("sources/") and url != "sources/" for url in showing), showing

        # a reference added: the page of the record now referred to lists the referrer
        add_iran_to_dedov_quote(project / "data")
        pages = _rebuilt_pages(log, 3)
        assert {"quotes/dedov-without-russia-and-china.md", "actors/iran.md"} <= pages
        link = 'href="../../quotes/dedov-without-russia-and-china/"'
        assert "actors/iran/" in _same_as_a_full_build(project, base, tmp_path / "full-2", link)
        assert server.poll() is None


def test_anything_but_a_record_edit_is_a_full_build_and_serve_recovers_from_errors(tmp_path):
    project = copy_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with serve_process(project, ENV, log) as (base, server):
        assert wait_for(f"{base}actors/isna/", lambda body: "ISNA" in body, 120), log.read_text()
        _wait_for_log(log, lambda text: _builds(text) == 1)

        # a hand-written page changed: full build
        _edit(project / "docs/visit.md", "# The visit\n", "# The visit\n\nA sentence added by the test.\n")
        text = _wait_for_log(log, lambda text: _builds(text) == 2)
        assert text.count(f"{FULL}a file outside data/ changed") == 1
        assert wait_for(f"{base}visit/", lambda body: "A sentence added by the test." in body, 30)

        # a template changed: full build, and every record page shows it
        template = project / "overrides/templates/fragments/actor.html"
        template.write_text(template.read_text(encoding="utf-8") + "\n<p>Template edited.</p>\n", encoding="utf-8")
        text = _wait_for_log(log, lambda text: _builds(text) == 3)
        assert text.count(f"{FULL}a file outside data/ changed") == 2
        assert wait_for(f"{base}actors/isna/", lambda body: "Template edited." in body, 30)
        assert "Template edited." in (fetch(f"{base}actors/sergei-lavrov/") or "")

        # a schema's words changed: the registry and its label tables are read again, so the pages show them
        _edit(project / "schemas/actor.schema.json", '"news-agency": "news agency"', '"news-agency": "wire service"')
        assert wait_for(f"{base}actors/isna/", lambda body: "wire service" in body, 90), log.read_text()

        # Python code changed: serve still runs the code it started with, and says so
        module = project / "macros/render/wording.py"
        module.write_text(module.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert "Restart `mkdocs serve`" in _wait_for_log(log, lambda text: "Python code changed" in text)

        # a broken record: the problem page; fixed: a full build (the last site is the problem page)
        organisations = project / "data/actors/organisations.yml"
        _edit(organisations, "kind: outlet\n", "kind: newspaper\n")
        assert wait_for(base, lambda body: "The site could not be built" in body, 90), log.read_text()
        _edit(organisations, "kind: newspaper\n", "kind: outlet\n")
        _wait_for_log(log, lambda text: text.count(f"{FULL}no earlier good build") == 2)
        assert wait_for(f"{base}actors/isna/", lambda body: "Template edited." in body, 90), log.read_text()

        # a record edit after that is partial again
        _edit(organisations, "name: ISNA\n", "name: ISNA (edited)\n")
        assert wait_for(f"{base}actors/isna/", lambda body: "ISNA (edited)" in body, 90), log.read_text()
        assert REBUILT.search(_wait_for_log(log, lambda text: REBUILT.search(text) is not None))

        # a record added: the set of pages changed, full build; its page and the actors index show it
        with organisations.open("a", encoding="utf-8") as out:
            out.write(ADDED)
        assert wait_for(f"{base}actors/added-by-the-test/", lambda body: "Added by the test" in body, 120), (
            log.read_text()
        )
        assert f"{FULL}records were added, removed or renamed" in log.read_text(encoding="utf-8")
        assert "Added by the test" in (fetch(f"{base}actors/") or "")
        assert server.poll() is None
        assert "Traceback" not in log.read_text(encoding="utf-8")


ADDED = """
- id: added-by-the-test
  name: Added by the test
  kind: organisation
  summary: A record the test adds while serve runs.
  sources: [wikipedia-isna]
"""
