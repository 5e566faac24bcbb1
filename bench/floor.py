"""The floor: the same pages as plain Markdown files in a plain MkDocs Material project (no hooks, no macros).

Record, index and overview pages are the generator's own Markdown written to disk; hand-written pages are the HTML
our build produced for them, without the site's search markup; downloads are copied as static files. What is left is
MkDocs + Material's own cost.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from macros.mkdocs_glue import build_state

# The site's search markup (overrides/main.html wraps each article in data-search-body): not the floor's. Pagefind's
# own markup must never be left in a hand-written page of the floor either: with one data-pagefind-body, Pagefind
# indexes only such pages, and "floor + Pagefind" would answer queries from an index of 7 pages instead of every page.
_SEARCH_ATTRIBUTE = re.compile(r'\sdata-(?:search|pagefind)-[a-z-]+(?:="[^"]*")?')


def _plain_config(project: Path, dest: Path, record_folders: set[str]) -> None:
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.safe_load(text.replace("!ENV", ""))
    config.pop("hooks", None)
    config.pop("watch", None)
    config["site_url"] = "http://127.0.0.1:8000/"
    config["plugins"] = ["search"]
    config["theme"].pop("custom_dir", None)
    # Record pages stay out of the nav here too (our hooks mark them NOT_IN_NAV; plain MkDocs needs a pattern),
    # and so do the pages mkdocs.yml keeps out of it.
    own = [line for line in str(config.get("not_in_nav") or "").splitlines() if line.strip()]
    config["not_in_nav"] = "\n".join(own + [f"/{folder}/*" for folder in sorted(record_folders)])
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def write_floor(project: Path, built_site: Path, dest: Path) -> Path:
    """Write the floor project for ``project`` (whose build output is ``built_site``) to ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    shutil.copytree(project / "docs" / "assets", docs / "assets")
    state = build_state.start(project, project / "docs", "http://127.0.0.1:8000/", "")  # loads and validates once
    pages = list(state.renderer.pages())
    _plain_config(project, dest, {page.src.split("/")[0] for page in pages if page.record})
    for page in pages:
        _write(docs / page.src, page.markdown.replace("render_macros: false\n", ""))
    for path, content in state.downloads():
        _write(docs / path, content)
    for src in sorted((project / "docs").glob("*.md")):
        url = "" if src.stem == "index" else src.stem + "/"
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
        body = _SEARCH_ATTRIBUTE.sub("", article.group(1)) if article else ""
        title = re.search(r"<h1[^>]*>(.*?)<", body)
        front = yaml.safe_dump({"title": title.group(1) if title else src.stem})
        (docs / src.name).write_text(f"---\n{front}---\n\n<div>\n{body}\n</div>\n", encoding="utf-8")
    return dest
