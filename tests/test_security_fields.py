"""Issue 25: data text that validation used to accept, checked in-process against the real schemas (fast).

Each refusal is asserted with its words, each acceptance with no problem at all. The same cases as whole builds, with
their exact located messages from the build and `python -m macros.validate`, are in tests/bad_data/ (66 onwards).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from macros.core.collections import registry
from macros.core.errors import printable
from macros.core.schema import FORMATS, walk_fields
from macros.core.yamlio import LoadedFile

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = registry()


def _record(collection: str, file: str, record_id: str) -> dict:
    records = yaml.safe_load((ROOT / "data" / collection / file).read_text(encoding="utf-8"))
    return next(r for r in records if r["id"] == record_id)


RECORDS = {
    "actors": _record("actors", "people.yml", "sergei-lavrov"),
    "quotes": _record("quotes", "dedov.yml", "dedov-ria-p5-plus-1-format"),
    "sources": _record("sources", "official.yml", "mid-lavrov-tehran"),
}


def problems_with(collection: str, field: str, value: object) -> list[str]:
    """The formatted problems of a real record with ``field`` set to ``value``."""
    record = {**copy.deepcopy(RECORDS[collection]), field: value}
    loaded = LoadedFile(f"data/{collection}/x.yml", [record])
    return [p.format() for p in REGISTRY.schemas[collection].problems(loaded)]


def only_message(collection: str, field: str, value: object) -> str:
    """The one problem's first line, without the file, line and column."""
    found = problems_with(collection, field, value)
    assert len(found) == 1, found
    return found[0].splitlines()[0].split(": ", 1)[1]


# --- Invisible text is not content -------------------------------------------------------------------------------

NOTHING_VISIBLE = "the text has no visible character: only spaces, invisible or formatting characters"
INVISIBLE = [
    "\u200b\u2060",  # zero-width space, word joiner (the name)
    "\u3164",  # Hangul filler (the summary)
    "\u115f\u1160",  # Hangul choseong and jungseong fillers
    "\uffa0",  # halfwidth Hangul filler
    "\u2800",  # Braille pattern blank
    "\u200c\u200d",  # joiners alone
    "\u200f\u061c",  # directional marks alone
    "\u00ad",  # soft hyphen
    "\ufeff",  # byte-order mark
    "\U000e0041\U000e0042",  # tag characters
    "\u0301\ufe0f",  # a combining accent and a variation selector, with no letter to sit on
    "\u3000\u200b",  # ideographic space and a zero-width space
    "\ue000",  # private use
]


@pytest.mark.parametrize("value", INVISIBLE, ids=lambda v: "+".join(f"U+{ord(c):04X}" for c in v))
@pytest.mark.parametrize("path", [("actors", "name"), ("actors", "summary"), ("quotes", "text")])
def test_text_with_nothing_visible_is_refused(path, value):
    collection, field = path
    assert (
        only_message(collection, field, value)
        == f"record '{RECORDS[collection]['id']}', field '{field}': {NOTHING_VISIBLE}"
    )


def test_blank_text_keeps_its_own_message_and_invisible_text_shows_as_escapes():
    assert only_message("actors", "name", "  ").endswith("text is empty or blank")
    (message,) = problems_with("actors", "summary", "\u3164")
    assert "found:    '\\u3164'" in message  # the log line shows what is there


PERSIAN = [
    "عباس عراقچی",
    "ما نمی\u200cخواهیم میانجی باشیم",  # ZWNJ inside a word, as Persian writes it
    "سخنگوی وزارت امور خارجه\u200f: «مذاکره تحت فشار معنا ندارد»",  # a right-to-left mark before punctuation
    "قرارداد ۲۰ ساله، ۱۴۰۳",  # Persian digits
    "سَلامِ ایران",  # short vowels (combining marks)
]
RUSSIAN = [
    "Сергей Лавров",
    "Выступление и ответы на вопросы СМИ Министра иностранных дел России С.В.Лаврова, Тегеран, 25 февраля 2025 года",
    "«Мы не являемся посредниками», — заявил Дедов.",
    "Й и й",  # decomposed: И + combining breve
]
ACCEPTED = [  # (collection, field, the value holding the text)
    ("actors", "name", lambda t: t),  # a line
    ("actors", "summary", lambda t: t),  # a text
    ("actors", "native_names", lambda t: [{"name": t, "language": "fa"}]),  # the shared contract's native name
    ("quotes", "text", lambda t: t),
    ("quotes", "original", lambda t: {"text": t, "language": "fa", "source": RECORDS["quotes"]["source"]}),
    ("sources", "title", lambda t: t),
]


@pytest.mark.parametrize("value", PERSIAN + RUSSIAN)
@pytest.mark.parametrize(("collection", "field", "holding"), ACCEPTED, ids=[f"{c}.{f}" for c, f, _ in ACCEPTED])
def test_persian_and_russian_text_is_accepted(collection, field, holding, value):
    assert problems_with(collection, field, holding(value)) == []


# --- Direction controls in text ----------------------------------------------------------------------------------

DIRECTION_CONTROL = "the text contains a direction control (embedding, override or isolate"


@pytest.mark.parametrize("control", [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))])
def test_direction_controls_in_text_are_refused(control):
    assert DIRECTION_CONTROL in only_message("actors", "name", f"Ali{control}gnp.exe")
    assert DIRECTION_CONTROL in only_message("actors", "summary", f"A summary {control}with a flip.")


def test_a_direction_control_alone_gives_one_message_not_two():
    assert DIRECTION_CONTROL in only_message("actors", "name", "\u202e")


# --- Lengths -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("collection", "field", "limit", "make"),
    [
        ("actors", "name", 500, lambda n: "x" * n),
        ("actors", "summary", 5000, lambda n: "x" * n),
        ("sources", "url", 2000, lambda n: "https://example.org/" + "a" * (n - 20)),
    ],
)
def test_text_fields_have_a_maximum_length(collection, field, limit, make):
    assert problems_with(collection, field, make(limit)) == []
    (message,) = problems_with(collection, field, make(limit + 1))
    assert "value is too long" in message
    assert f"expected: at most {limit} characters" in message and f"found:    {limit + 1} characters" in message
    assert "fix:      shorten it" in message or "fix:      use the page's shortest address" in message


# --- Addresses that lie ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://example.org/\u202egnp.exe", "a direction-changing character (U+202E RIGHT-TO-LEFT OVERRIDE)"),
        ("https://example.org/\u2067a", "a direction-changing character (U+2067 RIGHT-TO-LEFT ISOLATE)"),
        ("https://example.org/a\u200fb", "a direction-changing character (U+200F RIGHT-TO-LEFT MARK)"),
        ("https://example.org/a\u061cb", "a direction-changing character (U+061C ARABIC LETTER MARK)"),
        ("https://example.org/a\u200bb", "an invisible character (U+200B ZERO WIDTH SPACE)"),
        ("https://exam\u00adple.org/", "an invisible character (U+00AD SOFT HYPHEN)"),
        ("https://example.org/\u3164", "an invisible character (U+3164 HANGUL FILLER)"),
        ("https://example.org/a\u2060b", "an invisible character (U+2060 WORD JOINER)"),
        ("https://example.org/a\ufe0f", "an invisible character (U+FE0F VARIATION SELECTOR-16)"),
        ("https://аррӏе.com/", "the host name 'аррӏе.com' mixes scripts (Cyrillic, Latin)"),
        ("https://www.pаypal.com/", "the host name 'www.pаypal.com' mixes scripts (Cyrillic, Latin)"),
        ("https://ایران.com/", "the host name 'ایران.com' mixes scripts (Arabic, Latin)"),
        ("https://apple.com@evil.example/", "the address names a user before '@' ('apple.com')"),
        ("https://ex☺ample.org/", "the host name 'ex☺ample.org' is not a valid internationalised domain name"),
        ("https://example.org/<script>", "this is not a valid web address"),
        ("https://example.org/a%zz", "this is not a valid web address"),
        ("https://example.org/\ufdd0", "an invisible character (U+FDD0"),
    ],
)
def test_addresses_that_lie_are_refused(url, message):
    assert message in only_message("sources", "url", url)


def test_a_mixed_script_host_is_refused_with_its_ascii_form_which_is_accepted():
    (refused,) = problems_with("sources", "url", "https://аррӏе.com/")
    assert "fix:      write the host name in its ASCII form, xn--80ak6aa92e.com, which is the site" in refused
    assert problems_with("sources", "url", "https://xn--80ak6aa92e.com/") == []


@pytest.mark.parametrize(
    "url",
    [
        "https://www.mid.ru/ru/maps/af/1999840/?COUNTRY_CODE=af&lang=en",
        "https://президент.рф/news",  # Cyrillic host, Cyrillic top-level domain
        "https://xn--d1abbgf6aiiy.xn--p1ai/news",  # the same in ASCII
        "https://www.tasnimnews.com/fa/news/1403/11/07/3240000/خبر-ایران",  # Persian path
        "https://www.tasnimnews.com/fa/news/%D8%AE%D8%A8%D8%B1",  # the same kind, percent-encoded
        "https://ایران.ایران/",  # Persian host under the Persian top-level domain
        "https://例え.jp/",  # Han and Hiragana with Latin: a combination UTS 39 allows
        "https://example.org:443/a?b=c#d",
    ],
)
def test_honest_addresses_in_any_script_are_accepted(url):
    assert problems_with("sources", "url", url) == []
    assert problems_with("sources", "seen_via", {"url": url}) == []


def test_seen_via_addresses_are_checked_too():
    (message,) = problems_with("sources", "seen_via", {"url": "https://example.org/\u202egnp.exe"})
    assert "field 'seen_via.url': the address contains a direction-changing character" in message


def test_every_address_field_is_of_the_url_kind():
    """An address field of another kind (a line) would skip the address rules: every "url" field refers to it."""
    fields = [
        (info.name, ".".join(path))
        for info in REGISTRY.collections
        for path, node in walk_fields(REGISTRY.schemas[info.name].record, (), REGISTRY.schemas[info.name].shared)
        if path and (path[-1] == "url" or path[-1].endswith("_url"))
    ]
    assert ("sources", "url") in fields and ("sources", "seen_via.url") in fields
    for collection, field in fields:
        node = REGISTRY.schemas[collection].record
        for part in field.split("."):
            node = node["properties"][part]
        assert node.get("$ref") == "defs.schema.json#/$defs/url", (collection, field)


def test_every_format_the_schemas_use_is_enforced():
    """jsonschema ignores a format it has no checker for: each one used must be registered in FORMATS."""

    def formats(node):
        if isinstance(node, dict):
            if isinstance(node.get("format"), str):
                yield node["format"]
            for value in node.values():
                yield from formats(value)
        elif isinstance(node, list):
            for value in node:
                yield from formats(value)

    used = {f for path in (ROOT / "schemas").glob("*.json") for f in formats(json.loads(path.read_text("utf-8")))}
    assert used and used <= set(FORMATS.checkers)


# --- Log lines ---------------------------------------------------------------------------------------------------


def test_log_lines_show_characters_that_draw_nothing_as_escapes():
    assert printable("a\u3164b\u2800c\ufe0f") == "a\\u3164b\\u2800c\\ufe0f"
    assert printable("Сергей Лавров, سَلام") == "Сергей Лавров, سَلام"
