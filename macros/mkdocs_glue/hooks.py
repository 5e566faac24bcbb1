"""Where MkDocs finds the site's glue (mkdocs.yml ``hooks:``): the one ``ExplainerPlugin`` and its events.

The project is not an installed package, so it has no entry point for mkdocs.yml's ``plugins:`` list. MkDocs imports
this file once per process and calls the functions it finds here: they are the plugin's own methods, so everything a
build or a `mkdocs serve` session keeps lives on that one object (``macros/mkdocs_glue/plugin.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the project's `macros` package, as mkdocs-macros-plugin's module_name finds it

from macros.mkdocs_glue.plugin import ExplainerPlugin  # noqa: E402

explainer = ExplainerPlugin()
on_startup = explainer.on_startup
on_serve = explainer.on_serve
on_config = explainer.on_config
on_files = explainer.on_files
on_page_markdown = explainer.on_page_markdown
on_page_content = explainer.on_page_content
on_page_context = explainer.on_page_context
on_post_build = explainer.on_post_build
on_build_error = explainer.on_build_error
