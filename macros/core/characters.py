"""Which characters readers can see, and which would reorder what they see: one definition for validation, escaping
and log lines.

Python's ``unicodedata`` has general categories but not Unicode's Default_Ignorable_Code_Point property, so "visible"
is defined by category: a letter, digit, punctuation mark or symbol (L, N, P, S), except the few of those that draw
nothing (the Hangul fillers, which are default-ignorable letters, and blank symbols). Spaces (Z), format characters
(Cf: zero-width spaces and joiners, bidirectional controls, soft hyphen, tags), combining marks alone (M), controls,
private-use and unassigned code points are not visible. A text needs one visible character; the rest of it is free,
so Persian words joined by a zero-width non-joiner (U+200C) or Russian and Persian text with combining marks keep
every character they have.
"""

from __future__ import annotations

import unicodedata

# Letters and symbols that draw nothing: HANGUL CHOSEONG FILLER, HANGUL JUNGSEONG FILLER, HANGUL FILLER, HALFWIDTH
# HANGUL FILLER (all Default_Ignorable), BRAILLE PATTERN BLANK and MUSICAL SYMBOL NULL NOTEHEAD.
BLANK_SYMBOLS = frozenset("\u115f\u1160\u3164\uffa0\u2800\U0001d159")
# Combining marks that are Default_Ignorable (combining grapheme joiner, Khmer inherent vowels, Mongolian free
# variation selectors, variation selectors): legitimate after a base letter, but they show nothing of their own.
IGNORABLE_MARKS = frozenset(
    "\u034f\u17b4\u17b5\u180b\u180c\u180d\u180f"
    + "".join(chr(c) for c in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)))
)
# Explicit directional formatting (UAX #9): embeddings, overrides and isolates, with their terminators. They change
# the order in which other characters are shown ("gnp.exe" shown as "exe.png"), beyond the text that holds them.
EXPLICIT_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Directional marks: zero-width characters with a direction, used in Persian and Arabic text to place punctuation.
# They cannot reverse a run of letters; in text they are allowed, in a web address they are not.
BIDI_MARKS = frozenset("\u200e\u200f\u061c")
# Letters of the scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko…, and their presentation forms),
# as a regular expression's character class: not the Arabic-Indic digits, combining marks and punctuation of those
# blocks, which take their direction from the letters around them.
RTL_LETTERS = "\u0590-\u05ff\u0600-\u064a\u066e-\u06d3\u06d5\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"


def is_visible(char: str) -> bool:
    """A letter, digit, punctuation mark or symbol that draws something."""
    return unicodedata.category(char)[0] in "LNPS" and char not in BLANK_SYMBOLS


def has_visible(value: str) -> bool:
    """At least one visible character: text, not only spaces, joiners, fillers or controls."""
    return any(is_visible(char) for char in value)


def first_hidden_in_address(value: str) -> str | None:
    """The first character of a web address that readers would not see, or that would reorder it: anything but
    visible characters and the combining marks some scripts' host names and paths are written with."""
    for char in value:
        if is_visible(char) or (unicodedata.category(char)[0] == "M" and char not in IGNORABLE_MARKS):
            continue
        return char
    return None


def name_of(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: a character named for a message, since it may not show."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"
