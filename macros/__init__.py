"""Tehran–Moscow Explainer: data layer, renderers and the thin MkDocs glue.

``macros.core`` (models, loading, validation, index) and ``macros.render`` never import MkDocs,
so the site can move to another engine; ``macros.mkdocs_glue`` is the only MkDocs-aware part.
mkdocs-macros-plugin imports this package and calls :func:`define_env`.
"""


def define_env(env):
    """Entry point for mkdocs-macros-plugin (``module_name: macros``)."""
    from macros.mkdocs_glue.page_macros import define_env as _define_env

    _define_env(env)
