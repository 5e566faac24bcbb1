"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml): load the data once, add the generated pages."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# `mkdocs serve` reloads this file on every rebuild: drop the project's modules so edits to them apply too.
for _name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
    del sys.modules[_name]

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, InclusionLevel  # noqa: E402

from macros.core import DataErrors  # noqa: E402
from macros.mkdocs_glue import build_state, contrib, fragments  # noqa: E402


@event_priority(100)  # before mkdocs-macros-plugin, whose macros read the loaded data
def on_config(config):
    if not config.use_directory_urls:
        raise PluginError("mkdocs.yml: use_directory_urls must stay true: the generated links assume it")
    try:
        build_state.start(
            Path(config.config_file_path).parent,
            Path(config.docs_dir),
            site_url=config.site_url or "/",
            site_description=config.site_description or "",
        )
    except DataErrors as errors:
        raise PluginError(errors.format()) from None
    contrib.attach(build_state.current(), config)
    return config


def on_files(files, config):
    """Add every generated page (front matter only: bodies are rendered per page) and the downloads."""
    state = build_state.current()
    for page in state.renderer.pages():
        inclusion = InclusionLevel.NOT_IN_NAV if page.record else InclusionLevel.INCLUDED
        files.append(File.generated(config, page.src, content=page.front_matter, inclusion=inclusion))
        state.generated[page.src] = page
    for path, content in state.downloads():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    generated = build_state.current().generated.get(page.file.src_uri)
    if generated is None:
        return markdown
    skeleton, page.tme_fragments = fragments.split(generated.render())
    return skeleton


def on_page_content(html, page, config, files):
    chunks = getattr(page, "tme_fragments", None)
    if chunks is not None:
        html = fragments.join(html, chunks)
        del page.tme_fragments
    return build_state.current().abbreviations.annotate(html)


def on_page_context(context, page, config, nav):
    page.meta["tme_head"] = build_state.current().head(page.meta.get("tme_record"), page.title, page.canonical_url)
    page.meta.setdefault("description", page.meta["tme_head"]["description"])
    return context
