"""Arbitrary text in any data field shows literally: it never breaks a page or injects markup or template code."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core import load_dataset
from macros.core.characters import EXPLICIT_BIDI, has_visible
from macros.render.abbreviations import Abbreviations, hint_entries
from macros.render.linker import SiteContext
from macros.render.pages import PageRenderer

from conftest import ROOT, copy_project, run_build

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in CONFIG["markdown_extensions"]]
DATA = load_dataset()
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "{{ 7 * 7 }} {% for x in y %}loop{% endfor %} {# note #}",
    "*em* __strong__ `code` [link](https://evil.example) ![img](x.png)",
    "# heading\n\n- list\n---\n| a | b |",
    "&amp; &lt;b&gt; &#60;i&#62; \\*escaped\\*",
    "</div></figure><p>",
    "javascript:alert(1)",
    "P5+1 *[P5+1]: abbreviation definition",
]
# Text a YAML file can hold and the schema accepts: printable, no direction controls, something visible; LINE is a
# single-line field's text.
_PRINTABLE = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff" + "".join(EXPLICIT_BIDI)
)
TEXT = st.text(alphabet=_PRINTABLE | st.sampled_from("\n\t"), min_size=1, max_size=80).filter(has_visible)
LINE = st.text(alphabet=_PRINTABLE, min_size=1, max_size=80).filter(has_visible)


def html_of(md_source: str) -> BeautifulSoup:
    body = re.split(r"^---$", md_source, maxsplit=2, flags=re.MULTILINE)[-1]
    return BeautifulSoup(markdown.markdown(body, extensions=EXTENSIONS), "html.parser")


def tags(soup: BeautifulSoup) -> Counter:
    """The page's elements by name; a drawing's label lines (``tspan``) are left out: a longer name wraps onto more of
    them, which is layout, not markup."""
    return Counter(t.name for t in soup.find_all(True) if t.name != "tspan")


def plain(text: str) -> str:
    return " ".join(text.split())


def render_with(collection: str, record_id: str, field: str, value: str) -> BeautifulSoup:
    """The record's page after replacing ``field`` with ``value`` (in a copy of the dataset)."""
    records = {name: dict(by_id) for name, by_id in DATA.records.items()}
    records[collection][record_id] = dataclasses.replace(records[collection][record_id], **{field: value})
    data = type(DATA)(records, DATA.origins, DATA.index, DATA.raw)
    page = PageRenderer(SiteContext(data)).record_page(records[collection][record_id])
    return html_of(page.markdown)


FIELDS = [
    ("quotes", "dedov-not-mediators", "text"),
    ("quotes", "dedov-not-mediators", "context"),
    ("actors", "alexey-dedov", "name"),
    ("actors", "alexey-dedov", "summary"),
    ("treaties", "russia-iran-treaty", "summary"),
    ("treaties", "russia-iran-treaty", "term"),
    ("events", "lavrov-visit-tehran", "place"),
    ("sources", "article-lavrov-visit-tehran", "title"),
    ("glossary", "grand-bargain", "definition"),
    ("quotes", "dedov-without-russia-and-china", "provenance_note"),
    ("treaties", "russia-iran-treaty", "legal_status_note"),
    ("treaties", "russia-iran-treaty", "renewal"),
    ("sources", "article-lavrov-visit-tehran", "date_note"),
    ("claims", "treaty-legally-binding", "claim"),
    ("claims", "treaty-legally-binding", "finding"),
    ("claims", "treaty-legally-binding", "topic"),
]


@pytest.mark.parametrize(("collection", "record_id", "field"), FIELDS)
@pytest.mark.parametrize("value", HOSTILE)
def test_known_attacks_render_as_text(collection, record_id, field, value):
    baseline = render_with(collection, record_id, field, "plain words")
    hostile = render_with(collection, record_id, field, value)
    assert tags(hostile) == tags(baseline)
    assert plain(value) in plain(hostile.get_text())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=TEXT, target=st.sampled_from(FIELDS))
def test_arbitrary_text_in_any_string_field_stays_text(value, target):
    collection, record_id, field = target
    baseline = render_with(collection, record_id, field, "plain words")
    hostile = render_with(collection, record_id, field, value)
    assert tags(hostile) == tags(baseline)
    assert plain(value) in plain(hostile.get_text())


@settings(max_examples=100, deadline=None)
@given(term=TEXT, definition=TEXT)
def test_glossary_hints_cannot_inject_markup(term, definition):
    records = {name: dict(by_id) for name, by_id in DATA.records.items()}
    first = next(iter(records["glossary"].values()))
    records["glossary"] = {first.id: dataclasses.replace(first, term=term.strip(), definition=definition)}
    data = type(DATA)(records, DATA.origins, DATA.index, DATA.raw)
    html = f"<p>Before {markdown.markdown(term).removeprefix('<p>').removesuffix('</p>')} after</p>"
    annotated = BeautifulSoup(Abbreviations(hint_entries(data)).annotate(html), "html.parser")
    assert set(tags(annotated)) <= {"p", "abbr", *tags(BeautifulSoup(html, "html.parser"))}
    for abbr in annotated.find_all("abbr"):
        assert not abbr.has_attr("title")  # Material's tooltips would decode a title into HTML
        assert abbr["aria-description"] == plain(definition)


SINGLE_LINE_HOSTILE = [h for h in HOSTILE if "\n" not in h]


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    drawn=st.lists(
        st.tuples(st.sampled_from(HOSTILE) | TEXT, st.sampled_from(SINGLE_LINE_HOSTILE) | LINE), min_size=6, max_size=6
    )
)
def test_full_build_with_hostile_quotes_and_names(tmp_path_factory, drawn):
    """One build holding a quote and its speaker for every known attack (each attack as the quote's text, context and
    note and as the speaker's summary, a one-line attack as the name) and for six drawn (text, name) pairs: each
    shows literally on its pages, in the theme's title too, and runs nothing."""
    pairs = [(value, SINGLE_LINE_HOSTILE[i % len(SINGLE_LINE_HOSTILE)]) for i, value in enumerate(HOSTILE)] + drawn
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    quotes, actors = [], []
    for i, (value, line) in enumerate(pairs):
        quotes.append(
            {
                "id": f"hostile-quote-{i}",
                "text": value,
                "speaker": f"hostile-speaker-{i}",
                "date": "2025-02",
                "setting": {"kind": "statement", "description": line},
                "source": "article-lavrov-visit-tehran",
                "provenance": "article-only",
                "provenance_note": value,
                "context": value,
            }
        )
        actor = {"id": f"hostile-speaker-{i}", "name": line, "kind": "person", "summary": value}
        actor["sources"] = ["article-lavrov-visit-tehran"]
        actors.append(actor)
    (project / "data/quotes/hostile.yml").write_text(yaml.safe_dump(quotes, allow_unicode=True), encoding="utf-8")
    (project / "data/actors/hostile.yml").write_text(yaml.safe_dump(actors, allow_unicode=True), encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.output
    for i, (value, line) in enumerate(pairs):
        for url, shown in ((f"quotes/hostile-quote-{i}/", value), (f"actors/hostile-speaker-{i}/", line)):
            page = result.page(url)
            assert plain(shown) in plain(page.article.get_text()), url
            scripts = [
                s for s in page.find_all("script") if s.get("type") != "application/ld+json" and not s.get("src")
            ]
            assert all("alert" not in (s.string or "") for s in scripts)
            assert not page.article.find_all(["img", "script", "iframe"])
            assert page.title.get_text().startswith(plain(shown)[:20].strip() or "")
