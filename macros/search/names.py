"""The words of a record's names and of a page's title, spelled for the search index's ranking fields.

A reader who types a person's, a treaty's or a term's name expects that record's page first, then the pages that
mention it. The search UI (docs/assets/search.js) ranks two metadata fields: "names", the names of an actor, a treaty
or a glossary term (the fact boxes in overrides/templates/fragments/infoboxes.html), above "heading", every page's
title (overrides/main.html); a title alone cannot tell Abbas Araghchi's page from an event titled "Araghchi–Putin
meeting".

Pagefind 1.5.2 adds to a page's score the field's weight times the query's share of the field's matched words, squared,
and it counts every distinct word of the field that the query matches: the whole word, each part of a joined word
("Russia–Iran" is also "russiairan", "russia" and "iran") and each longer word that starts with the query ("Russian"
for "Russia"). Its own title field is thus boosted two to eight times over for a headline with a joined word (Pagefind
issue 1127, fixed after 1.5.2), which is why the search UI ranks "heading" instead. These fields hold each word once,
as Pagefind reads a typed query word (punctuation dropped, lower case, accents folded), and not a word that is the
start of another one of the field, which every query matching it matches too: a typed word then matches one word of
the field (two only where two longer words start with it), and the boost is the same for every record that bears the
name. The search UI does not show these fields.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Characters that are part of a word, in the index and in typed queries (Pagefind's --include-characters): "P5+1"
# stays one word that a reader can type, instead of an index word "p51" that the query "p5+1" never matches.
WORD_CHARACTERS = "+"


def query_word(word: str) -> str:
    """``word`` as Pagefind's search reads it when typed: letters, digits, WORD_CHARACTERS; lower case, no accents."""
    folded = unicodedata.normalize("NFD", word)
    return "".join(ch.lower() for ch in folded if ch.isalnum() or ch in WORD_CHARACTERS)


def index_words(names: Iterable[str | None]) -> str:
    """The words of ``names`` for a ranking field, each once and none the start of another, sorted."""
    words = {w for name in names if name for w in map(query_word, name.split()) if w}
    return " ".join(sorted(w for w in words if not any(o != w and o.startswith(w) for o in words)))
