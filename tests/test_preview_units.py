"""The incremental preview's rule, without MkDocs: what a page reads, what an edit changes, which pages that touches."""

from __future__ import annotations

import shutil

import pytest

from macros.core import load_dataset, reads
from macros.core.changes import affected, changed_keys, own_keys, position_key, snapshot
from macros.render import paging
from macros.render.linker import SiteContext
from macros.render.pages import PageRenderer

from conftest import ROOT, add_iran_to_dedov_quote


def _data_copy(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def _load(data_dir):
    return load_dataset(data_dir, root=data_dir.parent)


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(root=ROOT)


def _page_reads(dataset, collection, record_id) -> set[str]:
    renderer = PageRenderer(SiteContext(dataset))
    with reads.recording() as found:
        renderer.record_page(dataset.get(collection, record_id)).render()
    return found


def test_nothing_is_recorded_outside_a_recording_block(dataset):
    with reads.recording() as inside:
        pass
    dataset.get("actors", "isna")
    assert inside == set()


def test_a_record_page_reads_what_it_shows_two_references_away(dataset):
    """A quote page names its source's outlet: the outlet is read through the source, and recorded."""
    quote = dataset.get("quotes", "dedov-without-russia-and-china")
    source = dataset.get("sources", quote.source)
    found = _page_reads(dataset, "quotes", quote.id)
    assert {f"actors/{quote.speaker}", f"sources/{source.id}", f"actors/{source.outlet}"} <= found


def test_a_record_page_reads_who_refers_to_it(dataset):
    assert "actors/isna<-" in _page_reads(dataset, "actors", "isna")


def test_the_same_data_changes_nothing(dataset):
    assert changed_keys(snapshot(dataset), snapshot(dataset)) == set()


def test_an_edited_field_changes_the_record_and_its_collection_only(tmp_path, dataset):
    data = _data_copy(tmp_path)
    before = snapshot(_load(data))
    _edit(data / "actors/organisations.yml", "name: ISNA\n", "name: ISNA (edited)\n")
    changed = changed_keys(before, snapshot(_load(data)))
    assert {"actors/isna", "actors/*"} <= changed
    assert "actors/iran" not in changed and "quotes/*" not in changed
    assert position_key("actors", "isna") not in changed  # same line: the correction link is unchanged


def test_a_new_reference_changes_the_referrers_of_its_target(tmp_path):
    data = _data_copy(tmp_path)
    before = snapshot(_load(data))
    add_iran_to_dedov_quote(data)
    changed = changed_keys(before, snapshot(_load(data)))
    assert {"quotes/dedov-without-russia-and-china", "quotes/*", "actors/iran<-", "actors/russia<-"} <= changed
    assert "actors/iran" not in changed


def test_a_line_added_above_records_changes_their_position_and_nothing_else(tmp_path):
    data = _data_copy(tmp_path)
    before = snapshot(_load(data))
    _edit(
        data / "actors/organisations.yml", "- id: russian-government\n", "# a new comment\n- id: russian-government\n"
    )
    changed = changed_keys(before, snapshot(_load(data)))
    assert position_key("actors", "russian-government") in changed
    assert position_key("actors", "isna") in changed  # further down the same file
    assert not {k for k in changed if not k.endswith("@")}  # no record's fields changed: other pages are unaffected


def test_a_removed_record_changes_its_collection_and_its_targets_referrers(dataset):
    before = snapshot(dataset)
    removed = ("quotes", "dedov-without-russia-and-china")
    after = type(before)(
        {k: v for k, v in before.digests.items() if k != removed},
        {k: v for k, v in before.positions.items() if k != removed},
        {k: v for k, v in before.references.items() if k != removed},
    )
    changed = changed_keys(before, after)
    targets = before.references[removed]
    assert {"quotes/dedov-without-russia-and-china", "quotes/*"} <= changed
    assert {f"{c}/{i}<-" for c, i in targets} <= changed


def test_affected_pages_are_those_whose_reads_meet_the_changes():
    page_reads = {
        "actors/isna.md": own_keys("actors", "isna") | {"actors/isna<-"},
        "quotes/q.md": own_keys("quotes", "q") | {"actors/isna", "sources/s"},
        "actors/iran.md": own_keys("actors", "iran") | {"quotes/*"},
    }
    assert affected(page_reads, {"actors/isna", "actors/*"}) == {"actors/isna.md", "quotes/q.md"}
    assert affected(page_reads, {"quotes/x", "quotes/*"}) == {"actors/iran.md"}
    assert affected(page_reads, {position_key("actors", "isna")}) == {"actors/isna.md"}
    assert affected(page_reads, set()) == set()


def _part_reads(dataset, limits) -> dict[str, set[str]]:
    """What each part of Iran's split back-link lists reads while it is rendered."""
    renderer = PageRenderer(SiteContext(dataset), limits)
    found = {}
    for page in renderer.backlink_pages(dataset.get("actors", "iran")):
        with reads.recording() as keys:
            page.render()
        found[page.src] = keys
    return found


def test_a_part_of_a_back_link_list_is_rebuilt_when_a_record_it_lists_or_its_referrers_change(tmp_path):
    """The parts of a record's long back-link lists are tracked like its page: the preview rebuilds a part when a
    record it shows changes, and every part of a list when a record starts or stops referring to the record."""
    data = _data_copy(tmp_path)
    limits = paging.Limits(index_weight=12, backlink_weight=10)  # Iran's many events: several parts
    before = _load(data)
    part_reads = _part_reads(before, limits)
    events = sorted(src for src in part_reads if src.startswith("actors/iran/events"))
    assert len(events) >= 3
    pages = PageRenderer(SiteContext(before), limits).backlink_pages(before.get("actors", "iran"))
    shown = next(p for p in pages if p.src == events[-1]).render()
    on_last = [chunk.split("/", 1)[0] for chunk in shown.split('href="../../../../../events/')[1:]]
    event_id = next(e for e in on_last if "date_note" not in before.raw[("events", e)])
    origin = before.origins[("events", event_id)]
    _edit(data.parent / origin.path, f"- id: {event_id}\n", f"- id: {event_id}\n  date_note: Edited.\n")
    changed = changed_keys(snapshot(before), snapshot(_load(data)))
    assert events[-1] in affected(part_reads, changed)

    after_edit = _load(data)
    add_iran_to_dedov_quote(data)  # one more quote about Iran: every part of that list may now show other quotes
    changed = changed_keys(snapshot(after_edit), snapshot(_load(data)))
    quote_parts = {src for src in part_reads if src.startswith("actors/iran/quotes-about-them")}
    assert len(quote_parts) > 1 and quote_parts <= affected(_part_reads(after_edit, limits), changed)


def test_an_unchanged_data_file_is_parsed_and_checked_once(tmp_path, monkeypatch):
    from macros.core import filememo

    data = _data_copy(tmp_path)
    _load(data)
    parsed = []
    real = filememo.load_yaml
    monkeypatch.setattr(filememo, "load_yaml", lambda path, shown: parsed.append(shown) or real(path, shown))
    _load(data)
    assert parsed == []
    _edit(data / "actors/organisations.yml", "name: ISNA\n", "name: ISNA (edited)\n")
    assert _load(data).get("actors", "isna").name == "ISNA (edited)"
    assert parsed == ["data/actors/organisations.yml"]


def test_the_same_file_in_another_copy_of_the_project_is_not_parsed_again(tmp_path, monkeypatch):
    from macros.core import filememo

    _load(_data_copy(tmp_path / "first"))
    other = _data_copy(tmp_path / "second")
    _edit(other / "actors/organisations.yml", "name: ISNA\n", "name: ISNA (in the second copy)\n")
    parsed = []
    real = filememo.load_yaml
    monkeypatch.setattr(filememo, "load_yaml", lambda path, shown: parsed.append(shown) or real(path, shown))
    assert _load(other).get("actors", "isna").name == "ISNA (in the second copy)"
    assert parsed == ["data/actors/organisations.yml"]  # the copy's edited file, and no other


def test_a_file_with_problems_reports_them_again_when_unchanged(tmp_path):
    from macros.core import DataErrors

    data = _data_copy(tmp_path)
    _edit(data / "actors/organisations.yml", "kind: outlet\n", "kind: newspaper\n")
    messages = []
    for _ in range(2):
        with pytest.raises(DataErrors) as caught:
            _load(data)
        messages.append(caught.value.format())
    assert messages[0] == messages[1] and "newspaper" in messages[0]
