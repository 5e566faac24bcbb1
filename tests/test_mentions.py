"""Mentions come from Jinja's parse tree of a page: every macro call counts however it is written, and a call that
cannot be read without running it is reported, never skipped."""

from __future__ import annotations

import pytest

from macros.core import load_dataset
from macros.render.linker import SiteContext
from macros.render.pages import PageRenderer
from macros.render.prose import Macros, RenderedPage, render_page


@pytest.fixture(scope="module")
def renderer() -> PageRenderer:
    return PageRenderer(SiteContext(load_dataset()))


def _render(renderer: PageRenderer, body: str) -> RenderedPage:
    page = RenderedPage("test.md", "docs/test.md", body, body=body)
    return render_page(page, Macros(renderer, "test/"))


def test_a_call_split_over_lines_with_keyword_arguments_is_a_mention(renderer):
    body = (
        'Lavrov: {{ actor(\n    "sergei-lavrov",\n    label="the minister",\n) }}, and {{ link(\n'
        '  collection="treaties", record_id="russia-iran-treaty") }}.\n'
    )
    page = _render(renderer, body)
    assert page.problems == []
    assert page.mentions == [("actors", "sergei-lavrov"), ("treaties", "russia-iran-treaty")]
    assert 'href="../actors/sergei-lavrov/">the minister</a>' in page.output


@pytest.mark.parametrize(
    "call",
    [
        "{{ actor(name) }}",
        '{{ actor("sergei-" ~ "lavrov") }}',
        "{{ actor(*ids) }}",
        '{{ actor(**{"record_id": "x"}) }}',
    ],
)
def test_a_call_that_cannot_be_read_without_running_it_is_reported(renderer, call):
    page = _render(renderer, f"Intro line.\n\nSee {call} here.\n")
    assert page.mentions == []
    assert [(p.line, p.message) for p in page.problems] == [
        (3, "a macro's arguments must be values written out, in quotes")
    ]
