"""Tehran–Moscow Explainer: data layer, renderers and the thin MkDocs glue.

``macros.core`` (models, loading, validation, index) and ``macros.render`` (pages, fragments, the macro calls of
hand-written pages) never import MkDocs, so the site can move to another engine; ``macros.mkdocs_glue`` is the only
MkDocs-aware part.
"""
