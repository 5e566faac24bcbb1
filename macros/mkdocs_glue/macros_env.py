"""The site's side of mkdocs-macros-plugin: its macros registered the plugin's way, and the plugin's Jinja environment
swapped for the page sandbox before a page renders.

mkdocs.yml enables the plugin with ``module_name: macros``: the plugin imports the ``macros`` package and calls its
``define_env(env)`` and ``on_pre_page_macros(env)`` (``macros/__init__.py``), which hand over to this module.

- ``define_env`` registers each of the site's macros (``prose.Macros.names()``, the one list of them) with
  ``env.macro``. A registered macro calls the macro of the page being rendered (``env.page``), so links are relative
  to that page; the pages were checked and evaluated once already (``prose.render_narratives``), with every problem
  reported before any page renders.
- ``on_pre_page_macros`` replaces the environment the plugin built (a plain Jinja ``Environment`` that would show a
  page ``config``, ``environment``, ``git``, ``page`` and every Jinja global) with ``sandbox.page_sandbox``: the same
  loader and undefined, and as globals the site's macros and mkdocs.yml's scalar ``extra:`` values only. The plugin
  has no setting for its environment's class, so the swap sets its ``_env`` (mkdocs-macros-plugin 1.5, pinned in the
  lock); ``ExplainerPlugin`` checks after every page that the plugin rendered it exactly as the check did.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import StrictUndefined

from macros.render import prose
from macros.render.sandbox import PageSandbox, page_sandbox


def define_env(env) -> None:
    """mkdocs-macros-plugin's entry point: register the site's macros."""
    from macros.mkdocs_glue.plugin import ExplainerPlugin  # the glue's build, found among MkDocs' plugins

    build = ExplainerPlugin.of(env.conf).build
    if build is None or build.state is None:
        return  # the project did not load (only under serve): no page is built, the problem page is shown
    for name in build.state.macro_names:
        env.macro(_page_macro(env, build.state, name), name)


def _page_macro(env, state, name: str) -> Callable[..., object]:
    def macro(*args: object, **kwargs: object) -> object:
        return state.page_macros(env.page.file.src_uri).names()[name](*args, **kwargs)

    macro.__name__ = name
    macro.__doc__ = getattr(prose.Macros, name, macro).__doc__
    return macro


def on_pre_page_macros(env) -> None:
    """Before the plugin renders a page: make sure it renders it in the page sandbox."""
    if isinstance(env.env, PageSandbox):
        return
    from macros.mkdocs_glue.plugin import ExplainerPlugin

    build = ExplainerPlugin.of(env.conf).build
    names = build.state.macro_names if build is not None and build.state is not None else ()
    site_macros = {name: env.macros[name] for name in names if name in env.macros}
    undefined = env.env.undefined if isinstance(env.env.undefined, type) else StrictUndefined
    env._env = page_sandbox(site_macros, env.conf.extra, loader=env.env.loader, undefined=undefined)
