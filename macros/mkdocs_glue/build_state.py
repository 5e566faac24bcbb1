"""What one build knows: the validated dataset, the narrative pages and the page renderer."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from markupsafe import escape

from macros.core.models import Record
from macros.render import downloads, prose, structured, urls
from macros.render.abbreviations import Abbreviations, hint_entries
from macros.render.linker import Linker, SiteContext
from macros.render.pages import PageRenderer, PageSource
from macros.render.project import prepare


@dataclass
class BuildState:
    site: SiteContext
    renderer: PageRenderer
    abbreviations: Abbreviations
    structured: structured.StructuredData
    site_description: str
    generated: dict[str, PageSource] = field(default_factory=dict)  # src path → generated page
    narratives: dict[str, prose.RenderedPage] = field(default_factory=dict)  # src path → hand-written page, checked
    _page_macros: dict[str, prose.Macros] = field(default_factory=dict)

    @cached_property
    def macro_names(self) -> list[str]:
        """The site's macros (prose.Macros.names(), the one list of them), as mkdocs-macros-plugin registers them."""
        return list(prose.Macros(self.renderer, "").names())

    def page_macros(self, src: str) -> prose.Macros:
        """The site's macros for the page at ``src`` (links relative to it), made once per page and build."""
        if src not in self._page_macros:
            self._page_macros[src] = prose.Macros(self.renderer, urls.page_url(src))
        return self._page_macros[src]

    def linker(self, page_url: str) -> Linker:
        return Linker(self.site, page_url)

    def downloads(self) -> list[tuple[str, str]]:
        """Static files generated from the data: the JSON dataset and a CSV per collection."""
        data = self.site.dataset
        files = [("downloads/dataset.json", downloads.dataset_json(data, self.site.site_url))]
        files += [(urls.download_url(c.name), downloads.collection_csv(data, c.name)) for c in data.collections]
        return files

    def record_at(self, src: str) -> Record | None:
        """The record the page at ``src`` shows, if it is a record page."""
        page = self.generated.get(src)
        return page.record if page else None

    def head(self, record: Record | None, title: str | None, url: str | None) -> dict[str, str]:
        """OpenGraph, Twitter and JSON-LD values for a page, escaped for HTML attributes."""
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


def start(
    project_dir: Path,
    docs_dir: Path,
    site_url: str,
    site_description: str,
    variables: Mapping[str, object] | None = None,
) -> BuildState:
    """Load and check everything once for this build. Raises DataErrors with every problem found.
    ``variables``: mkdocs.yml's ``extra:``, the values a page may print."""
    prepared = prepare(project_dir, docs_dir, site_url=site_url, variables=variables)
    dataset = prepared.site.dataset
    return BuildState(
        prepared.site,
        prepared.renderer,
        Abbreviations(hint_entries(dataset)),
        structured.StructuredData(dataset, site_url),
        " ".join(site_description.split()),
        narratives=prepared.narratives,
    )
