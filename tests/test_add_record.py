"""Adding a record to YAML is all it takes: its page, its links and its back-links appear."""

from __future__ import annotations

from pathlib import Path

NEW_PERSON = """
- id: test-diplomat
  name: Test Diplomat
  kind: person
  affiliation: iran
  roles:
    - office: Deputy Foreign Minister
      of: iran
      sources: [article-lavrov-visit-tehran]
  summary: A record added only by this test.
  sources: [article-lavrov-visit-tehran]
"""
NEW_QUOTE = """
- id: test-diplomat-remark
  text: A sentence added only by this test.
  speaker: test-diplomat
  date: 2025-02
  setting:
    kind: press-conference
    event: lavrov-araghchi-press-conference
  source: article-lavrov-visit-tehran
  provenance: traced
  about_treaties: [russia-iran-treaty]
"""


def add_a_person_and_a_quote(project: Path) -> None:
    """The edit (tests/edited.py): two new files, and no Markdown."""
    (project / "data/actors/test.yml").write_text(NEW_PERSON, encoding="utf-8")
    (project / "data/quotes/test.yml").write_text(NEW_QUOTE, encoding="utf-8")


def test_new_records_get_pages_and_back_links_without_markdown(edited):
    result, project = edited, edited.project
    assert (project / "data/actors/test.yml").read_text(encoding="utf-8") == NEW_PERSON
    markdown_before = result.notes["markdown_before_the_build"]

    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*.md")) == markdown_before
    person = result.page("actors/test-diplomat/")
    assert person.h1.get_text() == "Test Diplomat"
    assert "../../quotes/test-diplomat-remark/" in {a["href"] for a in person.select("a")}
    quote = result.page("quotes/test-diplomat-remark/")
    assert "../../actors/test-diplomat/" in {a["href"] for a in quote.select(".tme-quote__speaker a")}
    for back in ("actors/iran/", "treaties/russia-iran-treaty/", "events/lavrov-araghchi-press-conference/"):
        hrefs = {a["href"] for a in result.page(back).select("article a")}
        assert any(h.endswith("test-diplomat/") or h.endswith("test-diplomat-remark/") for h in hrefs), back
    index = result.page("actors/")
    assert "test-diplomat/" in {a["href"] for a in index.select("article a")}
