"""Small, fast checks of the building blocks: dates, escaping, relative links, mentions, abbreviations."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from macros.core.dates import PartialDate
from macros.core.mentions import page_title
from macros.render.escape import text
from macros.render.urls import page_url, relative


@pytest.mark.parametrize(
    ("raw", "iso", "display"),
    [(2015, "2015", "2015"), ("2025-01", "2025-01", "January 2025"), ("2025-02-25", "2025-02-25", "25 February 2025")],
)
def test_partial_dates_keep_their_precision(raw, iso, display):
    when = PartialDate.parse(raw)
    assert (when.iso, when.display) == (iso, display)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [("2025-02-30", "February 2025 has no day 30"), ("2025-13", "there is no month 13"), ("25-1-1", "a date must be")],
)
def test_impossible_dates_are_refused_with_a_reason(raw, reason):
    with pytest.raises(ValueError, match=reason):
        PartialDate.parse(raw)


def test_partial_dates_sort_year_then_month_then_day():
    dates = [PartialDate.parse(d) for d in ("2025-02", "2015", "2025-01-17", "2025", "2025-01")]
    assert [d.iso for d in sorted(dates)] == ["2015", "2025", "2025-01", "2025-01-17", "2025-02"]


def test_text_is_inert_in_html_markdown_and_jinja():
    out = str(text("<script>x</script> *a* _b_ [c](d) {{ e }} {% f %} & \\ `g`\n# h"))
    for live in ("<script", "*a*", "_b_", "[c]", "{{", "{%", "`g`", "\n"):
        assert live not in out
    assert "&lt;script&gt;" in out and "&amp;" in out


@pytest.mark.parametrize(
    ("src", "to", "expected"),
    [
        ("actors/x/", "quotes/q/", "../../quotes/q/"),
        ("", "actors/x/", "actors/x/"),
        ("actors/x/", "", "../../"),
        ("visit/", "actors/", "../actors/"),
        ("actors/x/", "downloads/dataset.json", "../../downloads/dataset.json"),
    ],
)
def test_relative_links(src, to, expected):
    assert relative(src, to) == expected


_segment = st.sampled_from(["actors", "quotes", "x", "y", "index.html", "dataset.json"])
_folder_url = st.lists(_segment, max_size=3).map(lambda parts: "".join(f"{p}/" for p in parts))
_any_url = st.one_of(_folder_url, st.builds(lambda d, f: d + f, _folder_url, _segment))


@given(src=_folder_url, to=_any_url, anchor=st.sampled_from(["", "#q"]))
def test_relative_links_agree_with_posixpath(src, to, anchor):
    """The fast string version gives what ``posixpath.relpath`` gives, and resolves back to the target."""
    rel = posixpath.relpath(to or ".", src or ".")
    expected = ("./" if rel == "." else rel + "/") if (not to or to.endswith("/")) else rel
    assert relative(src, to + anchor) == expected + anchor
    resolved = posixpath.normpath(posixpath.join(src or ".", expected))
    assert resolved == posixpath.normpath(to or ".")


def test_page_urls_follow_directory_urls():
    assert [page_url(p) for p in ("index.md", "visit.md", "actors/index.md", "actors/x.md")] == [
        "",
        "visit/",
        "actors/",
        "actors/x/",
    ]


def test_page_title_prefers_front_matter_then_heading():
    assert page_title("---\ntitle: Front\n---\n# Heading\n", "x") == "Front"
    assert page_title("# The visit\n", "x") == "The visit"
    assert page_title("no heading", "fallback") == "fallback"
