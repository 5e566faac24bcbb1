"""Grammar for generated copy: counts, articles, possessives and attributive phrases, in one place.

Every sentence the site writes around data ("2 sources", "the Emir of Qatar", "the 20-year treaty") goes through
these helpers, so a count of one or a name that starts with "The" reads correctly everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from macros.core.collections import registry

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE_START = re.compile(r"^\S+(?:['’]s|s['’])\s")
_DURATION = re.compile(r"^(\d+|[a-z]+)[\s-](year|month|week|day)s?\b", re.IGNORECASE)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 source``, ``2 sources``, ``0 sources``; ``plural`` for irregular nouns (``1 treaty``, ``2 treaties``)."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def count_records(n: int, collection: str) -> str:
    """A count of a collection's records in words: ``1 glossary term``, ``7 glossary terms``."""
    info = registry()[collection]
    return count(n, info.singular, info.plural)


def definite(name: str, *, start: bool = False) -> str:
    """``the`` + a name, without doubling a name's own article: ``the Emir of Qatar``, never ``the The Emir…``.
    A name that opens with a possessive (``Lavrov’s visit to Tehran``) takes no article and is returned as is."""
    if _POSSESSIVE_START.match(name):
        return name
    bare = _LEADING_THE.sub("", name, count=1)
    return f"{'The' if start else 'the'} {bare}"


def in_sentence(name: str) -> str:
    """A name inside a sentence: its own leading "The" in lower case (``the Guardian’s report``)."""
    return _LEADING_THE.sub("the ", name, count=1)


def without_article(name: str) -> str:
    """A name without its leading "The", for use after another determiner (``IRNA's``, ``a``…)."""
    return _LEADING_THE.sub("", name, count=1)


def possessive(name: str) -> str:
    """``IRNA’s``; a name ending in s takes only the apostrophe (``Reuters’``)."""
    return f"{name}’" if name.endswith(("s", "S")) and not name.endswith(("ss", "SS")) else f"{name}’s"


def indefinite(phrase: str) -> str:
    """``a RIA Novosti interview``, ``an interview``, ``an MFA statement`` (an initialism read letter by letter)."""
    first = phrase.split(" ", 1)[0]
    vowel_sound = first[:1].lower() in "aeio" or (first.isupper() and len(first) > 1 and first[0] in "AEFHILMNOSX")
    if first[:1].lower() == "u" and not first.isupper():
        vowel_sound = not first.lower().startswith(("uni", "use", "usu", "uk"))
    return f"{'an' if vowel_sound else 'a'} {phrase}"


def attributive(duration: str) -> str:
    """A duration used before a noun: ``20 years`` → ``20-year`` (``the 20-year treaty``); other text unchanged."""
    match = _DURATION.match(duration.strip())
    if not match:
        return duration
    return f"{match.group(1)}-{match.group(2).lower()}{duration.strip()[match.end() :]}"


def join(items: Sequence[str], conjunction: str = "and") -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def names_setting(label: str, event_title: str) -> bool:
    """True when an event's title already says what the setting is ("… press conference"), so the caption says
    ``at the Lavrov–Araghchi press conference``, not ``press conference at Lavrov–Araghchi press conference``."""
    return label.casefold() in event_title.casefold()


def article_label(article: str) -> str:
    """``Article 3(3)`` for a numbered article; other parts of a treaty (``Preamble``, ``Annex II``) as written."""
    return f"Article {article}" if article[:1].isdigit() else article
