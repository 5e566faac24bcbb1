"""Tehran–Moscow Explainer: data layer, renderers and the thin MkDocs glue.

``macros.core`` (models, loading, validation, index) and ``macros.render`` (pages, fragments, the macro calls of
hand-written pages) never import MkDocs, so the site can move to another engine; ``macros.mkdocs_glue`` is the only
MkDocs-aware part.

This package is also mkdocs-macros-plugin's module (mkdocs.yml: ``plugins: - macros: module_name: macros``): the
plugin calls the two functions below, which hand over to ``macros.mkdocs_glue.macros_env`` (imported only then, so
``python -m macros.validate`` and the data layer never load MkDocs).
"""


def define_env(env):
    """mkdocs-macros-plugin: register the site's macros (``macros.render.prose.Macros.names()``)."""
    from macros.mkdocs_glue import macros_env

    macros_env.define_env(env)


def on_pre_page_macros(env):
    """mkdocs-macros-plugin, before each page: render it in the page sandbox (``macros.render.sandbox``)."""
    from macros.mkdocs_glue import macros_env

    macros_env.on_pre_page_macros(env)
