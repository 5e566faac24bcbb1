"""Sentences that mix words and links: statement-level citations, quote captions and quote provenance.

Each function takes the page's :class:`Linker` and returns inert HTML built from escaped parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markupsafe import Markup

from macros.core.characters import RTL_LETTERS
from macros.core.models import Entry, Record
from macros.render import labels
from macros.render.escape import attribute, text
from macros.render.labels import LANGUAGE_NAMES
from macros.render.linker import Linker
from macros.render.wording import definite, in_sentence, indefinite, names_setting, possessive, without_article


def source_label(ln: Linker, source: Record) -> str:
    """What a citation shows: the outlet's abbreviation, or its name (IRNA, Tehran Times)."""
    outlet = ln.outlet_of(source)
    return outlet.abbreviation or outlet.name


def source_line(ln: Linker, source: Record) -> str:
    """``Source: IRNA, 25 February 2025``, or ``…, date unknown`` when the page shows no date."""
    when = source.published.display if source.published else "date unknown"
    return f"Source: {source_label(ln, source)}, {when}"


def cite(ln: Linker, ids: Iterable[str]) -> Markup:
    """Compact citations after a statement: one superscript link per source, named in full for screen readers.
    Two sources from one outlet are told apart by their dates (``TASS, 8 April 2025``)."""
    sources = [ln.source(source_id) for source_id in ids]
    labels = [source_label(ln, s) for s in sources]
    links = []
    for source, label in zip(sources, labels, strict=True):
        if labels.count(label) > 1:
            label = f"{label}, {source.published.display if source.published else 'undated'}"
        full = attribute(source_line(ln, source))
        links.append(
            f'<a class="tme-cite-ref" href="{ln.href(source)}" aria-label="{full}" title="{full}">{text(label)}</a>'
        )
    if not links:
        return Markup("")
    return Markup('<sup class="tme-cites">' + "; ".join(links) + "</sup>")


def citation(ln: Linker, source: Record) -> Markup:
    """A source named in full: its title linked to its page, its outlet, its date and its original address
    (``Title, IRNA, 25 February 2025 (original)``)."""
    parts = [ln.link(source)]
    if source.outlet:
        parts.append(ln.to(source, "outlet"))
    parts.append(ln.date(source.published) if source.published else Markup("date unknown"))
    original = (
        f' (<a class="tme-source" href="{attribute(source.url)}" rel="noopener">original</a>)' if source.url else ""
    )
    return Markup(", ".join(parts) + original)  # every part is Markup already: escaped where it was made


def external(url: str, label: str | None = None) -> Markup:
    """A link to a page outside the site, showing its address (or ``label``)."""
    return Markup(f'<a class="tme-source" href="{attribute(url)}" rel="noopener">{text(label or url)}</a>')


def setting(ln: Linker, quote: Record) -> Markup:
    """Where the words were said: ``interview with RIA Novosti``, ``at the Lavrov–Araghchi press conference``."""
    label = labels.SETTING_LABELS[quote.setting.kind]
    event = ln.event_of(quote)
    parts = []
    if not (event and names_setting(label, event.title)):
        parts.append(text(label))
    if quote.setting.outlet:
        parts.append(Markup("with ") + ln.to(quote, "setting.outlet", quote.setting.outlet))  # a name used as is
    if event:
        parts.append(Markup("at ") + _with_article(ln, event, event.title))
    out = Markup(" ").join(parts)
    if quote.setting.description:
        out += Markup(", ") + text(quote.setting.description)
    return out


def translation(quote: Record) -> str:
    """``Translated from Persian by IRNA``; empty when the words are printed as spoken."""
    if not quote.translation:
        return ""
    language = LANGUAGE_NAMES.get(quote.translation.from_, quote.translation.from_)
    by = quote.translation.by
    return f"Translated from {language}" + ("; translator not stated" if by.casefold() == "not stated" else f" by {by}")


def language(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code, code) if code else ""


# Languages written right to left (BCP 47 primary subtags): their text gets dir="rtl", so that it reads, aligns and
# places its punctuation right to left inside an English page.
RTL_LANGUAGES = frozenset({"ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"})
# Quotation marks by language: « » in Russian and Persian (a right-to-left line mirrors them), “ ” otherwise.
_GUILLEMETS = frozenset({"ar", "fa", "ru", "uk"})


def _primary(code: str | None) -> str:
    return (code or "").split("-", 1)[0].lower()


def lang_attributes(code: str | None) -> Markup:
    """`` lang="fa" dir="rtl"`` for an element whose text is in ``code``'s language, `` lang="ru"`` for one written
    left to right; nothing without a language."""
    if not code:
        return Markup("")
    direction = ' dir="rtl"' if _primary(code) in RTL_LANGUAGES else ""
    return Markup(f' lang="{attribute(code)}"{direction}')


def in_language(value: object, code: str | None) -> Markup:
    """Words in another language inside an English line, isolated so that neither reorders the other: ``<bdi>`` with
    the language and its direction (Persian inside an English sentence keeps its order and its punctuation). English
    words, or words of no known language, as they are."""
    if not code or _primary(code) == "en":
        return text(value)
    return Markup(f"<bdi{lang_attributes(code)}>{text(value)}</bdi>")


# A run of right-to-left words inside a line of English: from a right-to-left letter to the last one before the line
# turns back (with the spaces, joiners, marks, digits and punctuation between them, and a sentence's closing mark).
# None of the characters of an escaped entity ("&", "#", ";") can be inside a run.
_RTL_RUN = re.compile(
    f"[{RTL_LETTERS}](?:[{RTL_LETTERS}\\s\u200c\u200d\u064b-\u065f\u0670\u06d6-\u06ed0-9\u06f0-\u06f9"
    f"\u0660-\u0669.,:!?\u060c\u061b\u061f-]*[{RTL_LETTERS}])?[.!?\u061f]?"
)


def isolated(value: object) -> Markup:
    """Data text shown in an English line, each run of right-to-left words isolated in ``<bdi>`` (its direction found
    from its letters), so that a Persian phrase quoted in an English note keeps its order and its quotation marks
    stay around it. Markup (links, phrases already built) is shown as it is."""
    if isinstance(value, Markup) or not _RTL_RUN.search(str(value)):
        return text(value)
    return Markup(_RTL_RUN.sub(lambda m: f"<bdi>{m.group(0)}</bdi>", str(text(value))))


def quote_marks(code: str | None) -> tuple[str, str]:
    """The opening and closing quotation marks for words in ``code``'s language."""
    return ("«", "»") if _primary(code) in _GUILLEMETS else ("“", "”")


def rendering_label(quote: Record) -> str:
    """What a quote card calls its printed words beside their original: ``English, translated by IRNA``."""
    name = language(quote.language) or "As printed"
    if not quote.translation:
        return name
    by = quote.translation.by
    return f"{name}, translator not stated" if by.casefold() == "not stated" else f"{name}, translated by {by}"


def no_original(quote: Record) -> str:
    """The plain statement that a translated quote's original words were not found (empty if not translated)."""
    if not quote.translation:
        return ""
    return f"The original {language(quote.translation.from_)} words were not found."


def native_names(names: Iterable[Entry]) -> Markup:
    """An actor's names in other languages and scripts, each isolated in its language, grouped by language:
    ``Russian: Аббас Аракчи, Аббас Арагчи; Persian: سید عباس عراقچی`` (one language: the names alone)."""
    by_language: dict[str, list[Entry]] = {}
    for name in names:
        by_language.setdefault(name.language, []).append(name)
    parts = []
    for code, group in by_language.items():
        shown = Markup(", ").join(in_language(n.name, code) for n in group)
        parts.append(shown if len(by_language) == 1 else text(language(code) + ": ") + shown)
    return Markup("; ").join(parts)


def native_names_label(names: Iterable[Entry]) -> str:
    """``Name in Russian``, ``Names in Russian and Persian``: the fact box's label for ``native_names``."""
    names = list(names)
    codes = list(dict.fromkeys(n.language for n in names))
    languages = [language(c) for c in codes]
    joined = languages[0] if len(languages) == 1 else ", ".join(languages[:-1]) + " and " + languages[-1]
    return f"{'Name' if len(names) == 1 else 'Names'} in {joined}"


def provenance(ln: Linker, quote: Record) -> Markup:
    """Where these exact words come from, in plain words (see the contract's three provenance values)."""
    source = ln.target(quote, "source")
    outlet = ln.outlet_of(source)
    printed_by = ln.link(source, _printer(source, outlet.name))
    if quote.provenance == "traced":
        noun = labels.SOURCE_KIND_NOUNS[source.kind]
        return Markup("Traced to ") + text(possessive(in_sentence(outlet.name))) + " " + ln.link(source, noun)
    if quote.provenance == "article-only":
        out = Markup("Wording as printed by ") + printed_by + Markup("; not found in any other outlet")
        if ln.renderings(quote):
            out += Markup(". Other outlets printed the same remarks in different words")
        return out
    credited = ln.to(quote, "attributed_to", label=without_article(_name(ln.target(quote, "attributed_to"))))
    out = Markup(_capital(printed_by)) + Markup(" attributes this to ") + credited
    found = [r for r in ln.renderings(quote) if r.provenance == "traced"]
    if found:
        places = [_where_found(ln, r) for r in found]
        out += Markup("; the research found it in ") + Markup(" and ").join(places)
    else:
        out += Markup("; the research did not find it there")
    return out


def _where_found(ln: Linker, quote: Record) -> Markup:
    """``a RIA Novosti interview`` linked to that rendering's page."""
    outlet = ln.target(quote, "setting.outlet", quote.setting.outlet) or ln.outlet_of(ln.target(quote, "source"))
    phrase = f"{without_article(_name(outlet))} {labels.SETTING_LABELS[quote.setting.kind]}"
    article, rest = indefinite(phrase).split(" ", 1)
    return text(article + " ") + ln.link(quote, rest)


def _printer(source: Record, outlet_name: str) -> str:
    """How a caption names who printed the words: an opinion piece or analysis is "the article"."""
    return "the article" if source.kind in ("opinion", "analysis") else in_sentence(outlet_name)


def _with_article(ln: Linker, record: object, name: str) -> Markup:
    """``the <a>Lavrov–Araghchi press conference</a>``: the article outside the link, never doubled."""
    phrase = definite(name)
    if phrase == name:  # a possessive title ("Lavrov’s visit…") takes no article
        return ln.link(record, name)
    article, rest = phrase.split(" ", 1)
    return text(article + " ") + ln.link(record, rest)


def _name(actor: Record) -> str:
    return actor.abbreviation or actor.name


def _capital(html: Markup) -> Markup:
    """Capitalise the first letter of link text at the start of a sentence ("The article attributes…")."""
    marker = html.find(">") + 1 if html.startswith("<") else 0
    return Markup(html[:marker] + html[marker : marker + 1].upper() + html[marker + 1 :])
