"""Small readers for the built pages' fact boxes and citations, shared by the content tests."""

from __future__ import annotations

import posixpath
import re

from bs4 import BeautifulSoup, Tag

from macros.core.dataset import Dataset
from macros.render.labels import LANGUAGE_NAMES


def words(tag: Tag | BeautifulSoup | None) -> str:
    """A tag's visible text with whitespace collapsed, and no space left before punctuation."""
    if tag is None:
        return ""
    return re.sub(r"\( ", "(", re.sub(r" ([.,;:)])", r"\1", " ".join(tag.get_text(" ").split())))


def resolve(page_url: str, href: str) -> str:
    """A relative link on the page at ``page_url`` (``treaties/x/``), as a site-relative URL (``treaties/y/``)."""
    return posixpath.normpath(posixpath.join(page_url, href)) + ("/" if href.endswith("/") else "")


def row(page: BeautifulSoup, label: str) -> Tag | None:
    """The ``<dd>`` of the fact-box row labelled ``label`` on a record page (the first fact box)."""
    box = page.select_one("article dl.tme-infobox")
    for dt in box.select("dt") if box else []:
        if words(dt) == label:
            return dt.find_next_sibling("dd")
    return None


def cited_ids(tag: Tag) -> list[str]:
    """Ids of the sources a statement's superscript citations link to (``../../sources/<id>/``)."""
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in tag.select(".tme-cites a.tme-cite-ref")]


def expected_label(data: Dataset, source_id: str) -> str:
    """What a citation's accessible name should say: ``Source: IRNA, 25 February 2025``."""
    source = data.get("sources", source_id)
    outlet = data.get("actors", source.outlet)
    when = source.published.display if source.published else "date unknown"
    return f"Source: {outlet.abbreviation or outlet.name}, {when}"


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)
