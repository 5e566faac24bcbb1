"""What one build knows: the validated dataset, the narrative pages and the page renderer."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import escape

from macros.core import DataErrors, Problem, load_dataset
from macros.core import mentions as mention_scan
from macros.core.collections import COLLECTIONS
from macros.core.errors import relative_path
from macros.render import downloads, structured, urls
from macros.render.abbreviations import Abbreviations
from macros.render.linker import Linker, Narrative, SiteContext
from macros.render.pages import PageRenderer, PageSource


@dataclass
class BuildState:
    site: SiteContext
    renderer: PageRenderer
    abbreviations: Abbreviations
    structured: structured.StructuredData
    site_description: str
    generated: dict[str, PageSource] = field(default_factory=dict)  # src path → generated page

    def linker(self, page_url: str) -> Linker:
        return Linker(self.site, page_url)

    def downloads(self) -> list[tuple[str, str]]:
        """Static files generated from the data: the JSON dataset and a CSV per collection."""
        data = self.site.dataset
        files = [("downloads/dataset.json", downloads.dataset_json(data))]
        files += [(f"downloads/{c.name}.csv", downloads.collection_csv(data, c.name)) for c in COLLECTIONS]
        return files

    def head(self, record_key: str | None, title: str | None, url: str | None) -> dict[str, str]:
        """OpenGraph, Twitter and JSON-LD values for a page, escaped for HTML attributes."""
        record = self.site.dataset.get(*record_key.split("/", 1)) if record_key else None
        summary = structured.description(record, self.site_description)
        url = url or self.structured.site_url
        plain_title = html.unescape(title or structured.SITE_NAME)
        node = self.structured.for_record(record) if record else self.structured.for_page(plain_title, url, summary)
        return {
            "og_type": "article" if record else "website",
            "site_name": str(escape(structured.SITE_NAME)),
            "title": str(escape(plain_title)),
            "description": str(escape(summary)),
            "url": str(escape(url)),
            "jsonld": structured.script_json(node),
        }


_current: BuildState | None = None


def narrative_sources(docs_dir: Path) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.md") if p.is_file())


def start(project_dir: Path, docs_dir: Path, site_url: str, site_description: str) -> BuildState:
    """Load and check everything once for this build. Raises DataErrors with every problem found."""
    global _current
    _current = None
    problems: list[Problem] = []
    try:
        dataset = load_dataset(project_dir / "data", root=project_dir)
    except DataErrors as errors:
        problems += errors.problems
        dataset = None
    site = SiteContext(dataset, site_url)  # type: ignore[arg-type]
    generated_dirs = {c.name for c in COLLECTIONS}
    for path in narrative_sources(docs_dir):
        src = path.relative_to(docs_dir).as_posix()
        shown = relative_path(path, project_dir)
        if src.split("/", 1)[0] in generated_dirs:
            problems.append(
                Problem(shown, 1, 1, "this folder's pages are generated from data/", hint="move the page elsewhere")
            )
            continue
        text = path.read_text(encoding="utf-8")
        found = mention_scan.scan(text)
        if dataset is not None:
            problems += mention_scan.check(found, shown, dataset.records)
        site.narratives[src] = Narrative(mention_scan.page_title(text, path.stem), urls.page_url(src))
        for m in found:
            if dataset is not None:
                m = mention_scan.resolved(m, dataset.records)
            pages = site.mentioned_in.setdefault((m.collection, m.id), [])
            if src not in pages:
                pages.append(src)
    if problems:
        raise DataErrors(problems)
    _current = BuildState(
        site,
        PageRenderer(site),
        Abbreviations(dataset),
        structured.StructuredData(dataset, site_url),
        " ".join(site_description.split()),
    )
    return _current


def current() -> BuildState:
    if _current is None:
        raise RuntimeError("the data has not been loaded: is macros/mkdocs_glue/hooks.py listed under hooks?")
    return _current
