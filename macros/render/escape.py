"""Escaping data text so it shows literally wherever it is rendered."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from macros.core.characters import EXPLICIT_BIDI

# Punctuation that Markdown, its extensions or a template engine could act on inside a line of inline HTML,
# written as numeric character references: browsers show the characters, Markdown and Jinja leave them alone
# ("|" would end a Markdown table cell). Every line break (including Unicode's) becomes a space, as HTML would fold
# it anyway, so line-start syntax (headings, lists, rules) cannot form; other control characters are dropped, and
# so are bidirectional embeddings, overrides and isolates (validation refuses them in data: macros.core.characters),
# which would reorder the text around them. Directional marks and joiners stay: Persian and Arabic text uses them.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROLS = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in _BREAKS + "\t")
_DROPPED = _CONTROLS + "".join(sorted(EXPLICIT_BIDI))
_INERT = str.maketrans(
    {**{ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]|"}, **dict.fromkeys(_BREAKS, " "), **dict.fromkeys(_DROPPED)}
)
# Nothing to escape, neutralise or drop.
_PLAIN = re.compile(r"[^&<>\"'\\`*_{}\[\]|\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]*")


def text(value: object) -> Markup:
    """Data text as inert HTML: HTML-escaped, then Markdown/Jinja punctuation neutralised."""
    if isinstance(value, Markup):
        return value
    value = str(value)
    if _PLAIN.fullmatch(value):  # most names and dates: nothing to do
        return Markup(value)
    head, *rest = str(escape(value)).split("&")
    # Every "&" left is the start of an entity that escape() wrote; keep those intact.
    pieces = [head.translate(_INERT)]
    for chunk in rest:
        entity, _, tail = chunk.partition(";")
        pieces.append(f"&{entity};{tail.translate(_INERT)}")
    return Markup("".join(pieces))


def attribute(value: object) -> Markup:
    """Data text for an HTML attribute value."""
    return Markup(escape(str(value)))
