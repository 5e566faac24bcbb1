"""The words of a record's names, written on its fact box for the search index's "names" field.

A reader who types a person's, a treaty's or a term's name expects that record's page first, then the pages that
mention it. The index ranks a match in a page's names (the fact boxes in overrides/templates/fragments/infoboxes.html)
above one in its title, and that above its text (macros/search/champion.py); a title alone cannot tell Abbas
Araghchi's page from an event titled "Araghchi–Putin meeting". The field holds each word once, as a typed query
spells it (macros/search/tokens.py): repeating a word would not raise its score, and sorting keeps two builds alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from macros.search.tokens import MIN_QUERY_WORD, indexed_words


def index_words(names: Iterable[str | None]) -> str:
    """The words of ``names`` that a query can match, each once, sorted."""
    found = {w for name in names if name for w in indexed_words(name) if len(w) >= MIN_QUERY_WORD}
    return " ".join(sorted(found))
