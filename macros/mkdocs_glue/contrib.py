"""Glue for contributors and reusers: correction links and git dates on record pages, the licence in the footer."""

from __future__ import annotations

from pathlib import Path

from macros.core import licence
from macros.mkdocs_glue.build_state import BuildState
from macros.render.corrections import Corrections


def attach(state: BuildState, config) -> None:
    """Called once per build from ``on_config``, after the data has loaded."""
    site = state.site
    root = Path(config.config_file_path).parent
    site.corrections = Corrections.for_build(site.dataset, root, site.site_url, config.repo_url, config.edit_uri)
    config.extra["tme_licence"] = licence.notice()
