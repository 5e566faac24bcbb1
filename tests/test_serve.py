"""`mkdocs serve` keeps running on a broken project: it lists the problems in the browser and in the log, and serves
the real site again once the file is fixed. (That it picks up a data edit is shown in test_preview_serve.py, whose
first session makes one.)"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request

from bs4 import BeautifulSoup
from test_bad_data import validate

from bench.serving import fetch, serve_process, wait_for
from macros.render import problem_page

from conftest import copy_project

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
HOSTILE_ID = "<script>alert(1)</script>"
PROBLEM_PAGE = "The site could not be built"


def _logged(log, text: str, seconds: float = 90) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in log.read_text(encoding="utf-8"):
            return True
        time.sleep(0.3)
    return False


def _not_found_body(url: str) -> str | None:
    """The body serve sends with a 404, or None if the address answered otherwise."""
    try:
        urllib.request.urlopen(url, timeout=5).close()
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8") if error.code == 404 else None
    except OSError:
        return None
    return None


def _assert_problem_page_shows(body: str, text: str) -> None:
    """The problem page lists ``text`` literally, and no data became markup (the only script is serve's reloader)."""
    soup = BeautifulSoup(body, "html.parser")
    assert soup.h1.get_text() == PROBLEM_PAGE
    assert text in "\n".join(pre.get_text() for pre in soup.find_all("pre"))
    assert HOSTILE_ID not in body
    assert all("livereload" in script.get_text() for script in soup.find_all("script"))


def test_serve_started_on_a_broken_project_shows_the_problems_and_recovers(tmp_path):
    project = copy_project(tmp_path / "project")
    organisations = project / "data/actors/organisations.yml"
    good = organisations.read_text(encoding="utf-8")
    organisations.write_text(good.replace("- id: russian-government\n", f'- id: "{HOSTILE_ID}"\n', 1), "utf-8")
    expected = validate(project).stderr.strip()  # the words `python -m macros.validate` prints
    assert f"data/actors/organisations.yml:3:3: record '{HOSTILE_ID}', field 'id': value has the wrong form" in expected

    log = tmp_path / "serve.log"
    with serve_process(project, ENV, log) as (base, server):
        body = wait_for(base, lambda body: PROBLEM_PAGE in body, 90)
        assert body, log.read_text()
        assert server.poll() is None, log.read_text()  # the failed first build did not end serve
        assert expected in log.read_text()
        _assert_problem_page_shows(body, f"record '{HOSTILE_ID}', field 'id': value has the wrong form")
        # A record page of the site that never built: serve's 404 answer is the problem page too.
        missing = _not_found_body(f"{base}actors/isna/")
        assert missing is not None and PROBLEM_PAGE in missing

        organisations.write_text(good, encoding="utf-8")
        home = wait_for(base, lambda body: PROBLEM_PAGE not in body and "Lavrov" in body, 90)
        assert home, log.read_text()
        assert BeautifulSoup(home, "html.parser").find("meta", property="og:site_name") is not None  # the real page
        assert wait_for(f"{base}actors/isna/", lambda body: "ISNA" in body, 30), log.read_text()

        # Broken again by a rebuild: a page the reader has open shows the problem, the log says where, and the page
        # reloads onto the fix.
        visit = project / "docs/visit.md"
        prose = visit.read_text(encoding="utf-8")
        visit.write_text(prose.replace('actor("sergei-lavrov")', "actor(lavrov)", 1), encoding="utf-8")
        broken = wait_for(f"{base}visit/", lambda body: PROBLEM_PAGE in body, 90)
        assert broken, log.read_text()
        _assert_problem_page_shows(broken, "a macro's arguments must be values written out, in quotes")
        before = prose[: prose.index('{{ actor("sergei-lavrov")')]
        where = f"docs/visit.md:{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"
        assert _logged(log, f"{where}: a macro's arguments"), log.read_text()
        assert server.poll() is None
        visit.write_text(prose.replace("# The visit", "# The visit, fixed"), encoding="utf-8")
        assert wait_for(f"{base}visit/", lambda body: "The visit, fixed" in body, 90), log.read_text()
        # strict: true under serve: a warning (a broken link) is listed on the page instead of stopping serve.
        visit.write_text(prose + "\n[Gone](nowhere.md)\n", encoding="utf-8")
        warned = wait_for(f"{base}visit/", lambda body: PROBLEM_PAGE in body and "nowhere.md" in body, 90)
        assert warned, log.read_text()
        _assert_problem_page_shows(warned, "mkdocs.yml sets strict: true and the build logged 1 warning:")
        assert server.poll() is None
        visit.write_text(prose, encoding="utf-8")
        assert wait_for(f"{base}visit/", lambda body: "Sergei Lavrov" in body, 90), log.read_text()
        final = fetch(base)
        assert final is not None and PROBLEM_PAGE not in final
        assert "Traceback" not in log.read_text()


def test_the_problem_page_shows_every_line_as_text():
    report = f"data/x.yml:1:1: record '{HOSTILE_ID}': bad\n    found:    '<img src=x onerror=alert(1)>' *not* [a](b)"
    soup = BeautifulSoup(problem_page.html([report, "second & last"]), "html.parser")
    assert [pre.get_text() for pre in soup.find_all("pre")] == [report, "second & last"]
    assert soup.find("script") is None and soup.find("img") is None and soup.find("a") is None
