"""What one built page gives the search index: its address, title, kind, names, weighted words and summary.

The templates mark what is indexed (README, "Search"): the element with
``data-search-body`` (the article, overrides/main.html) carries the page's kind and title; inside it, a fact box's
``data-search-names`` holds the record's names, ``data-search-weight`` raises a subtree's words and
``data-search-ignore`` leaves a subtree out (list pages' entries, which repeat records indexed on their own pages).
A page without the body mark (the 404 page) is not indexed.

The page is read with the standard library's streaming HTML parser, from the body mark on only (the head and the
navigation are skipped by slicing the string). Everything read is text from a possibly hostile pull request: it is
only ever kept as Python strings and written with ``json.dumps`` (macros/search/writer.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from macros.search.kinds import PAGE_KIND
from macros.search.tokens import indexed_words, words

BODY = "data-search-body"
KIND = "data-search-kind"
HEADING = "data-search-heading"
NAMES = "data-search-names"
IGNORE = "data-search-ignore"
WEIGHT = "data-search-weight"
# Not indexed: permalink anchors ("¶"), the "Cite this page" block (the page's own address) and the superscript source
# names after each statement ("Foreign Minister, Iran[IRNA]"), which would only add noise and run into the words
# they follow; and what is not text a reader sees.
IGNORED_CLASSES = frozenset({"headerlink", "tme-cite", "tme-cites"})
IGNORED_IDS = frozenset({"cite-this-page"})
IGNORED_TAGS = frozenset({"script", "style", "svg", "template", "noscript"})
MAX_WEIGHT = 10
TITLE_CHARS = 200
SUMMARY_CHARS = 200
# Elements that never have an end tag: never pushed on the open-element stack.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Inline elements: a word may run across their boundary ("<abbr>JCPOA</abbr>'s"); every other tag separates words
# ("<dt>Kind</dt><dd>person</dd>" is "Kind person", not "Kindperson").
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strong", "sub", "sup", "time", "u", "var",
    }
)  # fmt: skip
_PARAGRAPH, _TITLE = "p", "h1"
_SUMMARY_PART = {"p": _PARAGRAPH, "h1": _TITLE}
_SUMMARY_RUNS = 400  # text runs kept for the summary: far more than its 200 characters need
_BODY_MARK = re.compile(r"<[a-zA-Z][^<>]*?\sdata-search-body(?=[\s=/>])")
_SPACES = re.compile(r"\s+")


@dataclass
class Document:
    """One indexed page. ``body`` holds each body word's occurrences as (word, weight)."""

    url: str  # relative to the site root, no leading slash: "actors/sergei-lavrov/"
    title: str
    kind: str = PAGE_KIND
    names: list[str] = field(default_factory=list)
    body: list[tuple[str, int]] = field(default_factory=list)
    summary: str = ""

    @property
    def heading(self) -> list[str]:
        return indexed_words(self.title)


class SearchMarkupError(ValueError):
    """A page's search markup is malformed (two bodies, a bad weight): the message names what and where."""


def extract(url: str, html: str) -> Document | None:
    """The indexed document of the page at ``url``, or None for a page without ``data-search-body``."""
    found = _BODY_MARK.search(html)
    if found is None:
        return None
    if _BODY_MARK.search(html, found.end()) is not None:
        raise SearchMarkupError(f"{url}: more than one element has {BODY}")
    reader = _BodyReader(url)
    try:
        reader.feed(html[found.start() :])
        reader.close()
    except _BodyEnd:
        pass  # the rest of the page (footer, scripts) is not read
    return reader.document()


class _BodyEnd(Exception):
    """The body element has ended."""


class _BodyReader(HTMLParser):
    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.title = ""
        self.kind = PAGE_KIND
        self.names: list[str] = []
        self.text: dict[int, list[str]] = {}  # weight → its text runs, " " between runs that do not join
        self.last = 0  # the weight of the last run, 0 after a word boundary
        # The summary: the text of the first paragraphs, else (a page of lists) the text after the title.
        self.summary: list[str] = []
        self.plain: list[str] = []
        self.stack: list[tuple[str, bool, int, str]] = []  # (tag, ignored, weight, _PARAGRAPH / _TITLE / "")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stack and not attrs:
            _, ignored, weight, paragraph = self.stack[-1]
            if tag not in _INLINE:
                self._separate()
            self._push(tag, ignored or tag in IGNORED_TAGS, weight, paragraph or _SUMMARY_PART.get(tag, ""))
            return
        values = dict(attrs)
        if not self.stack:  # the body element
            self.title = _clean(values.get(HEADING) or "")
            self.kind = _clean(values.get(KIND) or "") or PAGE_KIND
            self._push(tag, ignored=False, weight=1, paragraph="")
            return
        _, ignored, weight, paragraph = self.stack[-1]
        classes = set((values.get("class") or "").split())
        ignored = (
            ignored
            or IGNORE in values
            or tag in IGNORED_TAGS
            or bool(classes & IGNORED_CLASSES)
            or values.get("id") in IGNORED_IDS
        )
        if not ignored and values.get(NAMES):
            self.names.extend(words(values[NAMES] or ""))
        if WEIGHT in values:
            weight = self._weight(values[WEIGHT])
        if tag not in _INLINE:
            self._separate()
        self._push(tag, ignored, weight, paragraph or _SUMMARY_PART.get(tag, ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stack and tag not in _INLINE:
            self._separate()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        else:
            return  # a stray end tag
        if tag not in _INLINE:
            self._separate()
        if not self.stack:
            raise _BodyEnd

    def handle_data(self, data: str) -> None:
        if not self.stack:
            return
        _, ignored, weight, paragraph = self.stack[-1]
        if ignored:
            return
        runs = self.text.setdefault(weight, [])
        if self.last != weight:  # a word does not run across a change of weight
            runs.append(" ")
            self.last = weight
        runs.append(data)
        if paragraph == _PARAGRAPH:
            if len(self.summary) < _SUMMARY_RUNS:
                self.summary.append(data)
        elif paragraph != _TITLE and len(self.plain) < _SUMMARY_RUNS:
            self.plain.append(data)

    def _separate(self) -> None:
        """A word boundary (a block element starts or ends)."""
        self.last = 0
        for runs in (self.summary, self.plain):
            if runs and runs[-1] != " ":
                runs.append(" ")

    def _push(self, tag: str, ignored: bool, weight: int, paragraph: str) -> None:
        if tag in _VOID:
            return
        self.stack.append((tag, ignored, weight, paragraph))

    def _weight(self, value: str | None) -> int:
        try:
            weight = int(value or "")
        except ValueError:
            weight = 0
        if not 1 <= weight <= MAX_WEIGHT:
            raise SearchMarkupError(f"{self.url}: {WEIGHT}={value!r} is not a whole number from 1 to {MAX_WEIGHT}")
        return weight

    def document(self) -> Document:
        return Document(
            url=self.url,
            title=cut(self.title, TITLE_CHARS),
            kind=cut(self.kind, 60),
            names=self.names,
            body=[(word, weight) for weight, runs in self.text.items() for word in indexed_words("".join(runs))],
            summary=cut(_clean("".join(self.summary)) or _clean("".join(self.plain)), SUMMARY_CHARS),
        )


def _clean(text: str) -> str:
    """One line of text: runs of white space as one space; code points that cannot be written as UTF-8 (lone
    surrogates) replaced."""
    text = _SPACES.sub(" ", text).strip()
    return text.encode("utf-8", "replace").decode("utf-8")


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, "…" marking the cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip() + "…"
