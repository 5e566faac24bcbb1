"""The site's MkDocs glue as one plugin object: check everything once, add the generated pages, hand the hand-written
pages to mkdocs-macros-plugin, and write the site to a staging folder that replaces the last good site only when the
whole build succeeded. Under `mkdocs serve`, a failing build is finished with a page listing its problems instead
(preview.py), and serve keeps running.

The project is not an installed package, so MkDocs finds this plugin through ``hooks:`` (hooks.py makes the one
instance and hands MkDocs its events). What lives as long as the process (a `mkdocs serve` session: the last good
site's pages, the incremental preview, the code serve started with) is on the plugin; what one build knows is a
``Build``, made in ``on_config`` and passed on from there.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.core import DataErrors
from macros.core.errors import printable
from macros.mkdocs_glue import build_state, contrib, generated, incremental, preview, staging, stylesheets
from macros.mkdocs_glue.nav import with_collection_indexes
from macros.render import prose, template_errors
from macros.search import SearchIndexError, index_site, kind_of

ROOT = Path(__file__).resolve().parents[2]
MACROS_PLUGIN = "macros"  # mkdocs-macros-plugin, as mkdocs.yml names it


@dataclass
class Build:
    """One build: its site folder, staging folder, warnings, problems (under serve) and checked project."""

    site_dir: Path
    staging: Path
    warnings: preview.Warnings = field(default_factory=preview.Warnings)
    problems: list[str] = field(default_factory=list)
    state: build_state.BuildState | None = None
    html: dict[str, str] = field(default_factory=dict)  # generated page src → its HTML, until on_page_content

    def checked(self) -> build_state.BuildState:
        if self.state is None:
            raise RuntimeError("the data has not been loaded")
        return self.state


class ExplainerPlugin(BasePlugin):
    def __init__(self) -> None:
        self.build: Build | None = None
        self.serve: preview.Session | None = None  # under `mkdocs serve`: what the problem page needs
        self.preview: incremental.Preview | None = None  # under serve: what the last good build leaves the next
        self.code_at_start = preview.code_stamp(ROOT / "macros")  # the Python code this process runs
        self.code_changed = False

    @classmethod
    def of(cls, config) -> ExplainerPlugin:
        """The instance running this build (hooks.py's, as MkDocs lists it among the config's plugins)."""
        for plugin in config.plugins.values():
            found = getattr(plugin, "explainer", plugin)
            if isinstance(found, cls):
                return found
        raise PluginError("mkdocs.yml: hooks must list macros/mkdocs_glue/hooks.py (the site's glue)")

    # --- failures ---------------------------------------------------------------------------------------------

    def _failed(self, exc: Exception, doing: str) -> None:
        """Stop the build with the problem; under `mkdocs serve`, log it and finish the build with the problem page."""
        error = _as_plugin_error(exc, doing)
        if self.serve is None or self.build is None:
            raise error from None
        if str(error) in self.build.problems:
            return  # the same problem from another page: reported once
        preview.report(str(error))
        self.build.problems.append(str(error))

    # --- events -----------------------------------------------------------------------------------------------

    def on_startup(self, *, command, dirty) -> None:
        self.serve = preview.Session() if command == "serve" else None
        self.preview = incremental.Preview() if command == "serve" else None

    def on_serve(self, server, *, config, builder):
        """Rebuild once per save, not once per poll that sees it changing (preview.settle_seconds)."""
        observer = getattr(server, "observer", None)
        if observer is not None and hasattr(server, "build_delay"):
            server.build_delay = max(server.build_delay, preview.settle_seconds(observer.timeout))
        return server

    @event_priority(100)  # before mkdocs-macros-plugin's on_config, which registers the macros of this build
    def on_config(self, config):
        if not config.use_directory_urls:
            raise PluginError("mkdocs.yml: use_directory_urls must stay true: the generated links assume it")
        site_dir = Path(config.site_dir)
        self.build = build = Build(site_dir, staging.staging_dir(site_dir))
        staging.discard(build.staging)
        config.site_dir = str(build.staging)
        if self.serve is not None:
            preview.mute_mkdocs_strict_counter(logging.getLogger("mkdocs"))
            self.code_changed = preview.warn_if_code_changed(self.code_at_start, preview.code_stamp(ROOT / "macros"))
        logging.getLogger("mkdocs").addHandler(build.warnings)
        try:
            _require_macros_plugin(config)
            build.state = state = build_state.start(
                Path(config.config_file_path).parent,
                Path(config.docs_dir),
                site_url=config.site_url or "/",
                site_description=config.site_description or "",
                variables=dict(config.extra),
            )
            contrib.attach(state, config)
            config.nav = with_collection_indexes(config.nav, state.site.dataset.collections)
        except Exception as exc:
            self._failed(exc, "checking the project")
            config.nav = None  # no page is built, so the navigation lists none
        return config

    def on_files(self, files, *, config):
        """Add every generated page (front matter only: bodies are rendered per page), the downloads and the joined
        stylesheet."""
        build = self.build
        if build.problems:
            return Files([])  # the project did not load (only under serve): the problem page replaces the site
        state = build.checked()
        if self.preview is not None:
            self.preview.plan(state, config, build.site_dir)
        for page in state.renderer.pages():
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src, content=page.front_matter, inclusion=inclusion)
            if self.preview is not None and self.preview.carry(file, page, build.staging):
                continue  # unaffected by the edit: its last output was linked into the staging folder
            files.append(file)
            state.generated[page.src] = page
        for path, content in state.downloads():
            files.append(File.generated(config, path, content=content))
        stylesheets.join(files, config)
        return files

    @event_priority(50)  # before mkdocs-macros-plugin renders the page
    def _on_page_markdown_before_macros(self, markdown, *, page, config, files):
        """A generated page: its HTML, rendered now and put in place after Markdown (which gets an empty body).
        A hand-written page: checked again only if another plugin changed it since on_config checked it."""
        state = self.build.checked()
        src = page.file.src_uri
        try:
            source = state.generated.get(src)
            if source is not None:
                with incremental.reading(self.preview, source):
                    self.build.html[src] = source.render()
                return ""
            checked = state.narratives.get(src)
            if checked is None or checked.body != markdown:
                state.narratives[src] = _recheck(state, src, markdown)
        except Exception as exc:
            page.meta["render_macros"] = False  # under serve: the plugin leaves the page alone, the problem page shows
            state.narratives.pop(src, None)
            self._failed(_located(exc, state, src), f"rendering {src}")
        return markdown

    @event_priority(-50)  # after mkdocs-macros-plugin rendered the page
    def _on_page_markdown_after_macros(self, markdown, *, page, config, files):
        """mkdocs-macros-plugin must have rendered a hand-written page exactly as the check did."""
        checked = self.build.checked().narratives.get(page.file.src_uri)
        if checked is not None and checked.render_macros and markdown != checked.output:
            self._failed(
                PluginError(
                    f"{checked.shown}: mkdocs-macros-plugin did not render this page as the check did: is the plugin "
                    "listed under plugins: in mkdocs.yml with module_name: macros and render_by_default: true?"
                ),
                f"rendering {checked.src}",
            )
        return markdown

    on_page_markdown = CombinedEvent(_on_page_markdown_before_macros, _on_page_markdown_after_macros)

    def on_page_content(self, html, *, page, config, files):
        try:
            state = self.build.checked()
            src = page.file.src_uri
            if src in self.build.html:
                html = self.build.html.pop(src)
                page.toc = generated.toc(html)
            elif src in state.narratives:
                html = _under_title(html, str(state.narratives[src].currency))
            if self.code_changed:
                html = preview.restart_notice() + html
            return state.abbreviations.annotate(html)
        except Exception as exc:
            self._failed(exc, f"rendering {page.file.src_uri}")
            return html

    def on_page_context(self, context, *, page, config, nav):
        try:
            state = self.build.checked()
            with incremental.reading(self.preview, state.generated.get(page.file.src_uri)):
                page.meta["tme_head"] = state.head(state.record_at(page.file.src_uri), page.title, page.canonical_url)
                page.meta.setdefault("description", page.meta["tme_head"]["description"])
                page.meta["tme_search_kind"] = kind_of(
                    state.record_at(page.file.src_uri), state.site.dataset.collections
                )
                page.meta["tme_search_heading"] = html.unescape(page.title or "")  # the title is HTML (pages.py)
        except Exception as exc:
            self._failed(exc, f"preparing the head of {page.file.src_uri}")
        return context

    def on_post_build(self, *, config):
        """Index the finished site for search, then swap it in, unless strict mode is about to reject the build.
        Under `mkdocs serve`, a failed build swaps in the problem page instead."""
        build = self.build
        logging.getLogger("mkdocs").removeHandler(build.warnings)
        problems = build.problems
        if config.strict and build.warnings.messages:
            if self.serve is None:
                staging.discard(build.staging)
                return  # MkDocs aborts the build
            problems.append(preview.strict_report(build.warnings.messages))
            preview.report(problems[-1])
        if not problems and not (self.preview is not None and self.preview.carry_site_wide_files(build.staging)):
            try:
                written = index_site(
                    Path(config.site_dir)
                )  # the staging folder: the index is swapped in with the pages
                logging.getLogger("mkdocs.plugins.explainer.search").info(
                    f"search index: {written.docs} pages, {written.shards} key files, {written.chunks} document files"
                )
            except SearchIndexError as error:
                self._failed(error, "indexing the site for search")
        if problems:
            staging.discard(build.staging)
            self.serve.show_problems(build.staging, Path(config.docs_dir), problems)
            self.preview.failed()
        elif self.serve is not None:
            self.serve.remember(build.staging)
            self.preview.succeeded(build.site_dir)
        staging.swap_in(build.staging, build.site_dir, background=self.serve is not None)
        config.site_dir = str(build.site_dir)  # `mkdocs gh-deploy` publishes config.site_dir after the build

    def on_build_error(self, *, error):
        build = self.build
        if build is None:
            return
        logging.getLogger("mkdocs").removeHandler(build.warnings)
        if self.preview is not None:
            self.preview.failed()
        staging.discard(build.staging)


def _as_plugin_error(exc: Exception, doing: str) -> PluginError:
    """Every failure becomes one MkDocs error message (no traceback); `mkdocs serve` prints it and keeps running."""
    if isinstance(exc, DataErrors):
        return PluginError(exc.format())
    if isinstance(exc, (PluginError, SearchIndexError)):
        return exc if isinstance(exc, PluginError) else PluginError(str(exc))
    return PluginError(printable(f"internal error while {doing}: {type(exc).__name__}: {exc}"))


def _located(exc: Exception, state: build_state.BuildState, src: str) -> Exception:
    """An error raised by a fragment template: at the template's line, with the record being rendered."""
    if isinstance(exc, (DataErrors, PluginError)):
        return exc
    problem = template_errors.runtime_problem(exc, ROOT, state.record_at(src), state.site.dataset, src)
    return DataErrors([problem])


def _recheck(state: build_state.BuildState, src: str, markdown: str) -> prose.RenderedPage:
    """A hand-written page changed by another plugin after on_config: checked and evaluated again."""
    old = state.narratives.get(src)
    page = prose.RenderedPage(src, f"docs/{src}", markdown, body=markdown)
    if old is not None:
        page.narrative, page.covers, page.reviewed = old.narrative, old.covers, old.reviewed
    prose.render_page(page, state.page_macros(src).fresh())
    if page.problems:
        raise DataErrors(page.problems)
    return page


def _under_title(html: str, line: str) -> str:
    """``line`` placed right after the page's first ``<h1>`` (at the top when it has none)."""
    if not line:
        return html
    end = html.find("</h1>")
    if end < 0:
        return line + html
    end += len("</h1>")
    return html[:end] + "\n" + line + html[end:]


def _require_macros_plugin(config) -> None:
    """mkdocs-macros-plugin renders docs/*.md; the site's check reads pages with its default options."""
    plugin = config.plugins.get(MACROS_PLUGIN)
    if plugin is None:
        raise PluginError(
            "mkdocs.yml: plugins must list macros (mkdocs-macros-plugin renders the pages in docs/), with "
            "module_name: macros"
        )
    options = plugin.config
    wrong = [f"module_name: {options['module_name']}"] if options["module_name"] != "macros" else []
    wrong += [f"{key}: {value}" for key, value in options.items() if key.startswith("j2_") and value]
    wrong += ["render_by_default: false"] if not options["render_by_default"] else []
    if wrong:
        raise PluginError(
            "mkdocs.yml: the macros plugin's options "
            + ", ".join(wrong)
            + " are not supported: pages are checked with Jinja's default delimiters, rendered by default, and "
            "the site's macros come from module_name: macros"
        )
