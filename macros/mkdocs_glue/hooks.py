"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml): check everything once, add the generated pages, and
write the site to a staging folder that replaces the last good site only when the whole build succeeded.
Under `mkdocs serve`, a failing build is finished with a page listing its problems instead (preview.py)."""

from __future__ import annotations

import html
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# MkDocs 1.6 imports this file once per process (its `hooks` option caches the module), so under `mkdocs serve` the
# globals below outlive each build, and the project's modules are not imported again: Python edits under macros/ need
# a restart of serve (on_config says so), while data, docs, templates and schemas apply on the next rebuild. Dropping
# the project's modules here makes a process that loads this file again (the tests do) use the code on disk.
for _name in [n for n in sys.modules if n == "macros" or n.startswith("macros.")]:
    del sys.modules[_name]

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

from macros.core import DataErrors  # noqa: E402
from macros.core.errors import printable  # noqa: E402
from macros.mkdocs_glue import build_state, contrib, fragments, incremental, preview, staging, stylesheets  # noqa: E402
from macros.mkdocs_glue.nav import with_collection_indexes  # noqa: E402
from macros.render import prose, urls  # noqa: E402
from macros.search import SearchIndexError, index_site, kind_of  # noqa: E402

# MkDocs hooks are plain module functions with no object to hold a build, so this module holds the one build object
# and hands it on: this build's site folder, staging folder, warnings, (under serve) problems and checked "state".
_build: dict[str, object] = {}
_CODE_AT_START = preview.code_stamp(ROOT / "macros")  # the Python code this process runs
_serve: preview.Session | None = None  # set by on_startup under `mkdocs serve`; MkDocs loads hooks once per process
_preview: incremental.Preview | None = None  # likewise: what the last good serve build leaves for the next


def _state() -> build_state.BuildState:
    """This build's checked project (set by on_config)."""
    state = _build.get("state")
    if state is None:
        raise RuntimeError("the data has not been loaded: is macros/mkdocs_glue/hooks.py listed under hooks?")
    return state  # type: ignore[return-value]


def _fail(exc: Exception, doing: str) -> PluginError:
    """Every failure becomes one MkDocs error message (no traceback); `mkdocs serve` prints it and keeps running."""
    if isinstance(exc, DataErrors):
        return PluginError(exc.format())
    if isinstance(exc, PluginError):
        return exc
    if isinstance(exc, SearchIndexError):
        return PluginError(str(exc))
    return PluginError(printable(f"internal error while {doing}: {type(exc).__name__}: {exc}"))


def _failed(exc: Exception, doing: str) -> None:
    """Stop the build with the problem; under `mkdocs serve`, log it and finish the build with the problem page."""
    error = _fail(exc, doing)
    if _serve is None:
        raise error from None
    preview.report(str(error))
    _build["problems"].append(str(error))


def on_startup(command, dirty):
    global _serve, _preview
    _serve = preview.Session() if command == "serve" else None
    _preview = incremental.Preview() if command == "serve" else None


def on_serve(server, config, builder):
    """Rebuild once per save, not once per poll that sees it changing (preview.settle_seconds)."""
    observer = getattr(server, "observer", None)
    if observer is not None and hasattr(server, "build_delay"):
        server.build_delay = max(server.build_delay, preview.settle_seconds(observer.timeout))
    return server


@event_priority(100)
def on_config(config):
    if not config.use_directory_urls:
        raise PluginError("mkdocs.yml: use_directory_urls must stay true: the generated links assume it")
    site_dir = Path(config.site_dir)
    _build.clear()
    _build.update(site_dir=site_dir, staging=staging.staging_dir(site_dir), warnings=preview.Warnings(), problems=[])
    staging.discard(_build["staging"])
    config.site_dir = str(_build["staging"])
    if _serve is not None:
        preview.mute_mkdocs_strict_counter(logging.getLogger("mkdocs"))
        preview.warn_if_code_changed(_CODE_AT_START, preview.code_stamp(ROOT / "macros"))
    logging.getLogger("mkdocs").addHandler(_build["warnings"])
    try:
        _build["state"] = state = build_state.start(
            Path(config.config_file_path).parent,
            Path(config.docs_dir),
            site_url=config.site_url or "/",
            site_description=config.site_description or "",
        )
        contrib.attach(state, config)
        config.nav = with_collection_indexes(config.nav, state.site.dataset.collections)
    except Exception as exc:
        _failed(exc, "checking the project")
        config.nav = None  # no page is built, so the navigation lists none
    return config


def on_files(files, config):
    """Add every generated page (front matter only: bodies are rendered per page), the downloads and the joined
    stylesheet."""
    if _build["problems"]:
        return Files([])  # the project did not load (only under serve): the problem page replaces the site
    state = _state()
    if _preview is not None:
        _preview.plan(state, config, _build["site_dir"])
    for page in state.renderer.pages():
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src, content=page.front_matter, inclusion=inclusion)
        if _preview is not None and _preview.carry(file, page, _build["staging"]):
            continue  # unaffected by the edit: its last output was linked into the staging folder
        files.append(file)
        state.generated[page.src] = page
    for path, content in state.downloads():
        files.append(File.generated(config, path, content=content))
    stylesheets.join(files, config)
    return files


def on_page_markdown(markdown, page, config, files):
    state = _state()
    src = page.file.src_uri
    try:
        generated = state.generated.get(src)
        if generated is not None:
            with incremental.reading(_preview, generated):
                skeleton, page.tme_fragments = fragments.split(generated.render())
            return skeleton
        return _narrative(state, src, markdown)
    except Exception as exc:
        _failed(exc, f"rendering {src}")
        return markdown


def _narrative(state: build_state.BuildState, src: str, markdown: str) -> str:
    """A hand-written page's body with its macro calls evaluated (already done once in on_config)."""
    checked = state.narratives.get(src)
    if checked is not None and checked.body == markdown:
        return checked.output
    page = prose.RenderedPage(src, f"docs/{src}", markdown, body=markdown)  # changed by another plugin since
    prose.render_page(page, prose.Macros(state.renderer, urls.page_url(src)))
    if page.problems:
        raise DataErrors(page.problems)
    return page.output


def on_page_content(html, page, config, files):
    try:
        chunks = getattr(page, "tme_fragments", None)
        if chunks is not None:
            html = fragments.join(html, chunks)
            del page.tme_fragments
        return _state().abbreviations.annotate(html)
    except Exception as exc:
        _failed(exc, f"rendering {page.file.src_uri}")
        return html


def on_page_context(context, page, config, nav):
    try:
        state = _state()
        with incremental.reading(_preview, state.generated.get(page.file.src_uri)):
            page.meta["tme_head"] = state.head(state.record_at(page.file.src_uri), page.title, page.canonical_url)
            page.meta.setdefault("description", page.meta["tme_head"]["description"])
            page.meta["tme_search_kind"] = search_kind(page)
            page.meta["tme_search_heading"] = html.unescape(page.title or "")  # the title is HTML (pages.py)
    except Exception as exc:
        _failed(exc, f"preparing the head of {page.file.src_uri}")
    return context


def search_kind(page) -> str:
    """What search results call this page: the kind of record it shows, or "Page"."""
    state = _state()
    return kind_of(state.record_at(page.file.src_uri), state.site.dataset.collections)


def _finish() -> preview.Warnings | None:
    warnings = _build.get("warnings")
    if warnings is not None:
        logging.getLogger("mkdocs").removeHandler(warnings)
    return warnings


def on_post_build(config):
    """Index the finished site for search, then swap it in, unless strict mode is about to reject the build.
    Under `mkdocs serve`, a failed build swaps in the problem page instead."""
    warnings = _finish()
    problems: list[str] = _build["problems"]
    if config.strict and warnings is not None and warnings.messages:
        if _serve is None:
            staging.discard(_build["staging"])
            return  # MkDocs aborts the build
        problems.append(preview.strict_report(warnings.messages))
        preview.report(problems[-1])
    if not problems and not (_preview is not None and _preview.carry_site_wide_files(_build["staging"])):
        try:
            written = index_site(Path(config.site_dir))  # the staging folder: the index is swapped in with the pages
            logging.getLogger("mkdocs.plugins.explainer.search").info(
                f"search index: {written.docs} pages, {written.shards} key files, {written.chunks} document files"
            )
        except SearchIndexError as error:
            _failed(error, "indexing the site for search")
    if problems:
        staging.discard(_build["staging"])
        _serve.show_problems(_build["staging"], Path(config.docs_dir), problems)
        _preview.failed()
    elif _serve is not None:
        _serve.remember(_build["staging"])
        _preview.succeeded(_build["site_dir"])
    staging.swap_in(_build["staging"], _build["site_dir"], background=_serve is not None)
    config.site_dir = str(_build["site_dir"])  # `mkdocs gh-deploy` publishes config.site_dir after the build


def on_build_error(error):
    _finish()
    if _preview is not None:
        _preview.failed()
    if "staging" in _build:
        staging.discard(_build["staging"])
