"""Incremental preview under `mkdocs serve` of a record page's long back-link list, split into parts: an edit of a
record a part shows, or a new reference, rebuilds those parts, and the preview equals a full build. (The rule and its
other cases: test_preview_serve.py, whose helpers this uses.)"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from test_preview_serve import ENV, _builds, _edit, _rebuilt_pages, _same_as_a_full_build, _wait_for_log

from bench.generate import dump
from bench.serving import serve_process, wait_for

from conftest import add_iran_to_dedov_quote, copy_project

SPEAKERS = ("sergei-lavrov", "abbas-araghchi", "masoud-pezeshkian", "vladimir-putin", "donald-trump")
SOURCES = ("irna-85762221", "irna-85762915", "irna-85756371", "irna-84261037", "mehr-230474")
EXTRA_ABOUT_IRAN = 210  # with Iran's own 16: 226 quote cards, over a page's limit, in parts of 200


def _add_quotes_about_iran(data: Path) -> None:
    """Older quotes about Iran than any real one, so that they come first in its list, numbered by date."""
    quotes = [
        {
            "id": f"synthetic-about-iran-{i:03d}",
            "text": f"Synthetic quote {i:03d} about Iran.",
            "speaker": SPEAKERS[i % len(SPEAKERS)],
            "date": (date(2000, 1, 1) + timedelta(days=i)).isoformat(),
            "setting": {"kind": "press-conference"},
            "source": SOURCES[i % len(SOURCES)],
            "provenance": "traced",
            "about_actors": ["iran"],
        }
        for i in range(EXTRA_ABOUT_IRAN)
    ]
    dump(data / "quotes/synthetic-about-iran.yml", "quote", quotes)


def test_the_parts_of_a_long_back_link_list_are_never_stale(tmp_path):
    """A record page holding only the start of a long back-link section links to the whole list in parts; an edit of
    a record a part shows, and a new reference to the record, rebuild those parts: the preview equals a full build."""
    project = copy_project(tmp_path / "project")
    _add_quotes_about_iran(project / "data")
    second = "actors/iran/quotes-about-them/page/2/"
    log = tmp_path / "serve.log"
    with serve_process(project, ENV, log) as (base, server):
        assert wait_for(base + second, lambda body: "Synthetic quote 209" in body, 240), log.read_text()
        _wait_for_log(log, lambda text: _builds(text) == 1)

        # a quote shown on the list's second part edited: that part is rebuilt with it
        _edit(project / "data/quotes/synthetic-about-iran.yml", "quote 205 about", "quote 205 (edited) about")
        pages = _rebuilt_pages(log, 2)
        assert {"quotes/synthetic-about-iran-205.md", "actors/iran.md", second + "index.md"} <= pages
        assert second in _same_as_a_full_build(project, base, tmp_path / "full", "quote 205 (edited) about")

        # a reference added: the record's page and every part of its list are rebuilt, the second now showing it
        add_iran_to_dedov_quote(project / "data")
        pages = _rebuilt_pages(log, 3)
        assert {"actors/iran.md", "actors/iran/quotes-about-them.md", second + "index.md"} <= pages
        shown = _same_as_a_full_build(project, base, tmp_path / "full-2", 'data-record="quotes/dedov-without-russia')
        assert second in shown and "actors/iran/" not in shown  # the new one is on the second part only
        assert server.poll() is None
