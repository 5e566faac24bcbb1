"""Where every page lives, and relative links between pages (so the site works under any base path)."""

from __future__ import annotations


def record_src(collection: str, record_id: str) -> str:
    """Source path of a record's generated page, relative to the docs folder."""
    return f"{collection}/{record_id}.md"


def record_url(collection: str, record_id: str) -> str:
    """Site-relative URL of a record's page (directory URLs): the one rule for where a record lives."""
    return f"{collection}/{record_id}/"


def url_of(record: object) -> str:
    """Site-relative URL of a record's page."""
    return record_url(record.collection, record.id)  # type: ignore[attr-defined]


def download_url(collection: str) -> str:
    """Site-relative URL of a collection's CSV download."""
    return f"downloads/{collection}.csv"


def absolute(site_url: str, url: str) -> str:
    """A site-relative URL made absolute with the site's address (``site_url`` ends in "/")."""
    return site_url + url


def index_src(collection: str) -> str:
    return f"{collection}/index.md"


def index_url(collection: str) -> str:
    return f"{collection}/"


def page_url(src: str) -> str:
    """Directory URL MkDocs gives a Markdown source path: ``visit.md`` → ``visit/``, ``index.md`` → ``""``."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at ``from_url`` to ``to_url`` (both site-relative, directory style, already normalised).

    Plain string work rather than ``posixpath.relpath``: it runs for every link on every page.
    """
    target, hash_, anchor = to_url.partition("#")
    base = from_url.split("/")[:-1]  # the folders the page sits in: "a/x/" → ["a", "x"]
    parts = target.split("/")
    if not target or target.endswith("/"):
        parts.pop()
    common = 0
    for mine, theirs in zip(base, parts, strict=False):
        if mine != theirs:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    if not target or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + hash_ + anchor
