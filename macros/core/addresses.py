"""Web addresses that show where they lead: valid IRI syntax, nothing hidden, no host name that imitates another.

Addresses may be written as readers see them in a browser, with non-Latin host names (``президент.рф``) and paths.
Such an address is an IRI (RFC 3987), not an RFC 3986 URI, so the schemas say ``"format": "iri"``, checked here.
What an address may not do is lie:

- a character readers cannot see (U+200B) or that reorders the rest (U+202E, ``…/gnp.exe`` shown as ``…/exe.png``);
- a user name before ``@`` (``https://apple.com@evil.example/`` opens evil.example);
- a host name that mixes scripts, such as Cyrillic letters shaped like Latin ones in ``аррӏе.com``. A host name in one
  script is accepted as it is; scripts are mixed only where Unicode's "Highly Restrictive" level (UTS #39, 5.2)
  allows it (Latin with Han and Japanese kana, with Han and Bopomofo, with Han and Hangul). A mixed host is refused,
  and the message gives its ASCII (punycode) form, which is the site the browser really opens and which is accepted:
  refusing costs a legitimate source nothing but the spelling, while showing both forms side by side would leave
  readers to spot a difference that is invisible by design.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import idna
from confusable_homoglyphs import categories
from rfc3986_validator import validate_rfc3986

from macros.core.characters import BIDI_MARKS, EXPLICIT_BIDI, first_hidden_in_address, name_of

_NEUTRAL_SCRIPTS = {"COMMON", "INHERITED"}  # digits, hyphens, dots and combining marks belong to every script
_HIGHLY_RESTRICTIVE = (
    {"LATIN", "HAN", "HIRAGANA", "KATAKANA"},
    {"LATIN", "HAN", "BOPOMOFO"},
    {"LATIN", "HAN", "HANGUL"},
)
# RFC 3987's ucschar and iprivate: the characters beyond ASCII an IRI may hold.
_IRI_RANGES = (
    (0xA0, 0xD7FF),
    (0xE000, 0xF8FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    *((plane << 16, (plane << 16) + 0xFFFD) for plane in range(1, 14)),
    (0xE1000, 0xEFFFD),
    (0xF0000, 0xFFFFD),
    (0x100000, 0x10FFFD),
)
_FIX_COPY = "copy the address again from the browser's address bar, or type it"


class Refusal(ValueError):
    """Why an address is refused, and how to fix it (an exception, so that it can be a validation error's cause)."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


def is_iri(value: object) -> bool:
    """RFC 3987 syntax, checked the way RFC 3987 (section 3.1) maps an IRI to a URI: every character beyond ASCII
    percent-encoded as UTF-8, then the result checked as RFC 3986 by rfc3986-validator (the checker jsonschema
    documents for "uri"). Non-strings are left to the ``type`` rule."""
    if not isinstance(value, str):
        return True
    if not value.isascii():
        if not all(ord(c) < 0x80 or any(low <= ord(c) <= high for low, high in _IRI_RANGES) for c in value):
            return False
        value = "".join(c if ord(c) < 0x80 else quote(c, safe="") for c in value)
    return validate_rfc3986(value, rule="URI") is not None


def refusal(value: str) -> Refusal | None:
    """Why ``value`` would mislead a reader about where it leads, or None."""
    hidden = first_hidden_in_address(value)
    if hidden is not None:
        what = "a direction-changing" if hidden in EXPLICIT_BIDI | BIDI_MARKS else "an invisible"
        return Refusal(
            f"the address contains {what} character ({name_of(hidden)}): readers would not see where it leads",
            _FIX_COPY,
        )
    try:
        netloc = urlsplit(value).netloc
    except ValueError:
        return None  # malformed (an unclosed "[" host): the format rule says so
    userinfo, at, host_port = netloc.rpartition("@")
    if at:
        return Refusal(
            f"the address names a user before '@' ('{userinfo}'), so it reads as one site and opens another",
            f"remove '{userinfo}@': the site is {host_port}",
        )
    return host_refusal(host_port.rsplit(":", 1)[0] if not host_port.endswith("]") else host_port)


def host_refusal(host: str) -> Refusal | None:
    """A non-ASCII host name that is not a valid internationalised domain name or that mixes scripts, or None."""
    if host.isascii():
        return None
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as error:
        return Refusal(
            f"the host name '{host}' is not a valid internationalised domain name ({error})",
            _FIX_COPY + "; or write the host name in its ASCII form (xn--…) as the browser shows it",
        )
    scripts = categories.unique_aliases(host) - _NEUTRAL_SCRIPTS
    if len(scripts) <= 1 or any(scripts <= allowed for allowed in _HIGHLY_RESTRICTIVE):
        return None
    named = ", ".join(sorted(s.title() for s in scripts))
    return Refusal(
        f"the host name '{host}' mixes scripts ({named}), so it can imitate another site's name",
        f"write the host name in its ASCII form, {ascii_host}, which is the site the browser opens"
        " (a host name in one script, such as президент.рф, is accepted as it is)",
    )
