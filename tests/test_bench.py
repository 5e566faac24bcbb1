"""The benchmark's generator and floor still produce valid sites (run small; nothing here is timed)."""

from __future__ import annotations

from bench.floor import write_floor
from bench.generate import actor_id, generate
from bench.run import serve_rebuild_seconds
from macros.core import load_dataset

from conftest import run_build


def test_generated_project_validates_builds_and_links(tmp_path):
    project = generate(20, tmp_path / "site-20")
    dataset = load_dataset(root=project)
    assert len(dataset.records["actors"]) == 20
    assert len(dataset.records["quotes"]) == 200
    assert len(dataset.records["treaties"]) == len(dataset.records["events"]) == 2

    result = run_build(project, project / "site")
    assert result.returncode == 0, result.output
    speaker = result.page(f"actors/{actor_id(0)}/")
    hrefs = {a["href"] for a in speaker.select("article a")}
    assert "../../quotes/quote-0000000/" in hrefs
    assert "../../visit/" not in hrefs and "../../" in hrefs  # the synthetic home page mentions actor 0

    floor = write_floor(project, project / "site", tmp_path / "floor-20")
    floor_result = run_build(floor, floor / "site")
    assert floor_result.returncode == 0, floor_result.output

    def urls(site):
        return sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))

    assert urls(floor / "site") == urls(project / "site")


def test_record_pages_have_the_same_shape_at_every_size(tmp_path):
    small = load_dataset(root=generate(20, tmp_path / "a"))
    large = load_dataset(root=generate(60, tmp_path / "b"))
    key = ("actors", actor_id(0))
    for collection in ("quotes", "treaties", "events", "actors"):
        assert len(small.index.referrers(key, collection)) == len(large.index.referrers(key, collection))


def test_serve_measurement_sees_the_edited_record(tmp_path):
    project = generate(20, tmp_path / "site-20")
    assert serve_rebuild_seconds(project, timeout=120) >= 0  # it returns only once the edited page is served
    assert "name: Edited 000000" in (project / "data" / "actors" / "actors-000000.yml").read_text(encoding="utf-8")
