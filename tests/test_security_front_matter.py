"""Issue 25: the front matter of pages in docs/, which the theme prints unescaped, is plain text with known keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.render.page_metadata import page_problems

ROOT = Path(__file__).resolve().parents[1]
NOTHING_VISIBLE = "the text has no visible character: only spaces, invisible or formatting characters"


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("---\ntitle: <img src=x onerror=alert(1)>\n---\n", "field 'title': the theme prints a page's title"),
        ("---\ndescription: 'x\" onfocus=\"alert(1)'\n---\n", "field 'description': the theme prints a page's"),
        ("---\ntitle: Fears &amp; hopes\n---\n", "field 'title': the theme prints a page's title"),
        ("---\nnarrative: no way\n---\n", "field 'narrative': wrong type"),
        ("---\ntitle: a\ntitle: b\n---\n", "field 'title' appears twice"),
        ('---\ntitle: "\\u200b"\n---\n', f"field 'title': {NOTHING_VISIBLE}"),
        ('---\ntitle: "a\\u202eb"\n---\n', "field 'title': the text contains a direction control"),
        ("---\nsubtitle: <b>x</b>\n---\n", "field 'subtitle': unknown field 'subtitle'"),
        ("---\nicon: ../../etc/passwd\n---\n", "field 'icon': unknown field 'icon'"),
        ("---\nhide: [sidebar]\n---\n", "field 'hide.0': value is not one of the allowed values"),
        ("Title: <script>alert(1)</script>\n\n# Page\n", "MkDocs reads this first line as the page's metadata"),
    ],
)
def test_front_matter_is_plain_text_with_known_keys(page, message):
    (problem,) = page_problems(page, "docs/page.md")
    assert message in problem.format()


@pytest.mark.parametrize(
    "page",
    [
        "---\ntitle: Tehran–Moscow Explainer\nhide:\n  - toc\n---\n\n# Home\n",
        "---\ntitle: Performance\ndescription: Build time and bytes per page.\nrender_macros: false\n---\n",
        "---\ntitle: Performance\nnarrative: false  # not part of the story\n---\n",
        "---\nreviewed: 2026-11-27\n---\n",
        "---\ntitle: '{{ count(\"quotes\") }} quotes'\n---\n",  # a macro call in a title, checked with the page
        "---\ntitle: تهران و مسکو\n---\n",
        "# A heading\n\nNote: the first line is a heading, so this is text.\n",
        "\nTitle: after a blank line MkDocs reads no metadata\n",
    ],
)
def test_ordinary_front_matter_is_accepted(page):
    assert page_problems(page, "docs/page.md") == []


def test_the_real_pages_front_matter_is_accepted():
    for path in (ROOT / "docs").rglob("*.md"):
        assert page_problems(path.read_text(encoding="utf-8-sig"), str(path)) == []


def test_front_matter_yaml_cannot_read_is_left_to_the_page_checks():
    """macros.render.prose reports it ("the front matter cannot be read"): one message, not two."""
    assert page_problems("---\ntitle: !!python/object/apply:os.system [id]\n---\n", "docs/page.md") == []
