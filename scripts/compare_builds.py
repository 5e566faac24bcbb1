"""Two builds of the site compared as a browser reads them: proof that a change to how the templates are laid out
(indentation, line breaks, whitespace control) changed nothing a reader sees or the search index holds.

Usage: ``python scripts/compare_builds.py OLD_SITE NEW_SITE [--browser]``, after building each with
``SOURCE_DATE_EPOCH=1 mkdocs build --strict -d OLD_SITE`` (the same time stamp, so that only the templates differ).
Exits 1 when anything differs, printing where.

- Every file other than an HTML page (the search index, the sitemap, the downloads) must be byte for byte the same.
- Every HTML page must give the same document: element names, attributes (any order), and text, with whitespace
  counted as CSS's ``white-space: normal`` renders it. A run of spaces and line breaks is one space; a space at the
  start or end of a line box (next to a block element's edge or a ``<br>``) is not shown, nor is one right after
  another shown space, even across an inline tag; text that SVG does not draw (between its shapes) is not shown.
  Everywhere else a space is kept where it is, inside or outside the inline element it touches, so a space gained
  before a comma, inside quotation marks or between a link and its punctuation is a difference. ``<pre>``,
  ``<script>``, ``<style>`` and ``<textarea>`` are compared verbatim.
- The same text, as read: each page's shown text (tags dropped, line boxes as new lines) is checked for a space before
  closing punctuation or after opening punctuation that the old build did not have (implied by the above, reported
  on its own as the check a reviewer asks for).

Pages are parsed with the standard library's HTML parser (through BeautifulSoup). ``--browser`` also parses every page
with Chromium (/usr/bin/chromium or $CHROMIUM_PATH, scripts off, the site's stylesheets loaded) and compares the
documents it builds and their ``innerText`` (the text as laid out by the real stylesheets); slower.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag

# Elements laid out inline by default (HTML's rendering section): a space next to their tags is a space in the line.
# Every other element starts and ends a line box.
INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "label",
        "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
        "tspan", "textpath",
    }
)  # fmt: skip
# Inline boxes with their own inside (replaced elements, buttons, an inline <svg>): a line box of their own inside,
# an atom outside (a space after one is shown even where the text before it ended with a space).
ATOMIC = frozenset({"button", "img", "input", "select", "svg", "textarea", "video", "audio", "canvas", "iframe"})
VERBATIM = frozenset({"pre", "script", "style", "textarea"})
SVG_SHAPES_ONLY = frozenset({"svg", "g", "defs", "marker", "clippath", "mask", "pattern", "symbol", "lineargradient"})
SPACES = re.compile(r"[ \t\n\r\f]+")
# A space that should not be there: before closing punctuation, or after opening punctuation.
LOOSE_PUNCTUATION = re.compile(r" [,.;:!?)\]”’»]|[(\[“‘«] ")

# A tree is ("el", name, attributes, children), ("text", data) or ("doctype", data).
Node = tuple


def tree_from_html(html: str) -> Node:
    """The document as the standard library's HTML parser reads it (multi-valued attributes kept as written)."""
    soup = BeautifulSoup(html, "html.parser", multi_valued_attributes=None)
    children = tuple(_from_soup(child) for child in soup.children if not isinstance(child, Comment))
    return ("el", "#document", (), children)


def _from_soup(node: object) -> Node:
    if isinstance(node, Doctype):
        return ("doctype", str(node).lower())
    if isinstance(node, NavigableString):
        return ("text", str(node))
    assert isinstance(node, Tag)
    children = tuple(_from_soup(c) for c in node.children if not isinstance(c, Comment))
    return ("el", node.name.lower(), tuple(sorted((k, str(v)) for k, v in node.attrs.items())), children)


def tokens(tree: Node) -> list[str]:
    """The document as a list of tokens that differ only where the rendering differs (see the module docstring):
    ``|<p class=…>`` / ``|</p>`` around a line box, ``<a href=…>`` / ``</a>`` inline, ``#text``, ``%verbatim``."""
    out: list[str] = []
    state = {"skip_space": True}  # at the start of a line box, or right after a shown space

    def strip_trailing_space() -> None:
        """A space at the end of a line box is not shown: drop it, looking back over inline tags."""
        for i in range(len(out) - 1, -1, -1):
            token = out[i]
            if token.startswith("|"):
                return
            if token.startswith("%"):
                return
            if token.startswith("#"):
                if token.endswith(" "):
                    out[i] = token[:-1]
                    if out[i] == "#":
                        del out[i]
                return

    def boundary(token: str) -> None:
        strip_trailing_space()
        out.append("|" + token)
        state["skip_space"] = True

    def walk(node: Node, verbatim: bool, shapes_only: bool) -> None:
        kind = node[0]
        if kind == "doctype":
            out.append("|<!doctype " + node[1] + ">")
            return
        if kind == "text":
            if verbatim:
                out.append("%" + node[1])
            elif not shapes_only:
                text = SPACES.sub(" ", node[1])
                if state["skip_space"] and text.startswith(" "):
                    text = text[1:]
                if text:
                    out.append("#" + text)
                    state["skip_space"] = text.endswith(" ")
            return
        _, name, attributes, children = node
        shown = " ".join(f'{k}="{v}"' for k, v in attributes)
        opening, closing = f"<{name}{' ' + shown if shown else ''}>", f"</{name}>"
        inner_verbatim = verbatim or name in VERBATIM
        inner_shapes = name in SVG_SHAPES_ONLY or (shapes_only and name not in ("text", "foreignobject"))
        if name in INLINE:
            out.append(opening)
            for child in children:
                walk(child, inner_verbatim, inner_shapes)
            out.append(closing)
        elif name in ATOMIC:
            out.append(opening)
            state["skip_space"] = True
            for child in children:
                walk(child, inner_verbatim, inner_shapes)
            strip_trailing_space()
            out.append(closing)
            state["skip_space"] = False
        else:
            boundary(opening)
            for child in children:
                walk(child, inner_verbatim, inner_shapes)
            boundary(closing)

    walk(tree, False, False)
    return out


def shown_text(page_tokens: list[str]) -> str:
    """The text of the tokens: line boxes on lines of their own, inline tags dropped."""
    parts = []
    for token in page_tokens:
        if token.startswith(("#", "%")):
            parts.append(token[1:])
        elif token.startswith("|"):
            parts.append("\n")
    return re.sub(r"\n+", "\n", "".join(parts))


def first_difference(old: list[str], new: list[str], context: int = 6) -> str:
    """Where two token lists first differ, with a few tokens either side."""
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    start = max(0, at - context)
    return f"    token {at}\n    old: {old[start : at + context]!r}\n    new: {new[start : at + context]!r}"


def site_files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def compare_files(old_site: Path, new_site: Path) -> tuple[list[str], list[str], list[str]]:
    """(problems, HTML pages present in both, non-HTML files compared)."""
    old, new = site_files(old_site), site_files(new_site)
    problems = [f"only in the old build: {name}" for name in sorted(old.keys() - new.keys())]
    problems += [f"only in the new build: {name}" for name in sorted(new.keys() - old.keys())]
    common = sorted(old.keys() & new.keys())
    pages = [name for name in common if name.endswith(".html")]
    others = [name for name in common if not name.endswith(".html")]
    problems += [
        f"differs byte for byte: {name}" for name in others if old[name].read_bytes() != new[name].read_bytes()
    ]
    return problems, pages, others


def compare_documents(name: str, old_tree: Node, new_tree: Node) -> list[str]:
    problems = []
    old_tokens, new_tokens = tokens(old_tree), tokens(new_tree)
    if old_tokens != new_tokens:
        problems.append(f"{name}: the documents differ\n{first_difference(old_tokens, new_tokens)}")
    old_loose = LOOSE_PUNCTUATION.findall(shown_text(old_tokens))
    new_loose = LOOSE_PUNCTUATION.findall(shown_text(new_tokens))
    if sorted(new_loose) != sorted(old_loose):
        problems.append(f"{name}: spaces around punctuation changed: {old_loose!r} -> {new_loose!r}")
    return problems


def compare_with_parser(old_site: Path, new_site: Path, pages: list[str]) -> list[str]:
    problems = []
    for name in pages:
        old_tree = tree_from_html((old_site / name).read_text(encoding="utf-8"))
        new_tree = tree_from_html((new_site / name).read_text(encoding="utf-8"))
        problems += compare_documents(name, old_tree, new_tree)
    return problems


# The document Chromium built, as the same nested tuples (JSON arrays); comments left out, as above.
_SERIALISE = """() => {
  const walk = node => {
    if (node.nodeType === Node.TEXT_NODE) return ["text", node.data];
    if (node.nodeType === Node.DOCUMENT_TYPE_NODE) return ["doctype", "html"];
    if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_NODE) return null;
    const name = node.nodeType === Node.DOCUMENT_NODE ? "#document" : node.localName.toLowerCase();
    const attributes = node.attributes ? [...node.attributes].map(a => [a.name, a.value]).sort() : [];
    const children = [...node.childNodes].map(walk).filter(c => c !== null);
    return ["el", name, attributes, children];
  };
  return walk(document);
}"""


def _tuples(node: list) -> Node:
    if node[0] != "el":
        return tuple(node)
    return ("el", node[1], tuple(tuple(a) for a in node[2]), tuple(_tuples(c) for c in node[3]))


@functools.cache
def _serve(site: Path) -> str:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/"


def compare_in_browser(old_site: Path, new_site: Path, pages: list[str]) -> list[str]:
    from playwright.sync_api import sync_playwright

    problems = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
        tabs = {site: context.new_page() for site in (old_site, new_site)}
        for name in pages:
            read = {}
            for site, tab in tabs.items():
                tab.goto(_serve(site) + name, wait_until="load")
                read[site] = (_tuples(tab.evaluate(_SERIALISE)), tab.evaluate("document.body.innerText"))
            (old_tree, old_text), (new_tree, new_text) = read[old_site], read[new_site]
            problems += [f"[chromium] {p}" for p in compare_documents(name, old_tree, new_tree)]
            if old_text != new_text:
                at = next(i for i, (a, b) in enumerate(zip(old_text, new_text, strict=False)) if a != b)
                problems.append(
                    f"[chromium] {name}: innerText differs at {at}: "
                    f"{old_text[max(0, at - 40) : at + 40]!r} -> {new_text[max(0, at - 40) : at + 40]!r}"
                )
        browser.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old_site", type=Path)
    parser.add_argument("new_site", type=Path)
    parser.add_argument("--browser", action="store_true", help="also compare the documents Chromium builds")
    args = parser.parse_args(argv)
    problems, pages, others = compare_files(args.old_site, args.new_site)
    problems += compare_with_parser(args.old_site, args.new_site, pages)
    compared = f"{len(pages)} pages and {len(others)} other files"
    if args.browser:
        problems += compare_in_browser(args.old_site, args.new_site, pages)
        compared += ", the pages also in Chromium"
    for problem in problems:
        print(problem)
    print(f"compared {compared}: {len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
