"""A treaty's status step as a plain sentence: "In force since 2 October 2025." or "Ratified by Russia on 21 April
2025.", with the sources' disagreement, when there is one, in a second sentence of its own.

The key-facts card shows the latest step this way instead of "In force, 2 October 2025 (disputed: …)": a reader gets
what happened, to whom and when, then what the sources disagree on. Every piece of data text is escaped here.
"""

from __future__ import annotations

from markupsafe import Markup

from macros.core.dates import PartialDate
from macros.render import labels
from macros.render.escape import text
from macros.render.linker import Linker

# Each step as a sentence: {party} is a link to the state or body that took it (the form without it when none is
# recorded), {when} the date with its preposition ("on 2 October 2025", "in July 2025", "in 2015").
_SENTENCES: dict[str, tuple[str, str]] = {
    "concluded": ("Concluded {when} by {party}", "Concluded {when}"),
    "signed": ("Signed {when} by {party}", "Signed {when}"),
    "endorsed": ("Endorsed by {party} {when}", "Endorsed {when}"),
    "approved-by-parliament": ("Approved by the parliament of {party} {when}", "Approved by parliament {when}"),
    "approved-by-upper-house": ("Approved by the upper house of {party} {when}", "Approved by the upper house {when}"),
    "approved-by-council": ("Approved by the council of {party} {when}", "Approved by the reviewing council {when}"),
    "ratified": ("Ratified by {party} {when}", "Ratified {when}"),
    "promulgated": ("Promulgated as law by {party} {when}", "Promulgated as law {when}"),
    "notified": ("Ratification notified by {party} {when}", "Ratification notified {when}"),
    "in-force": ("In force for {party} since {day}", "In force since {day}"),
    "snapback-triggered": ("Snapback triggered by {party} {when}", "Snapback triggered {when}"),
    "sanctions-reimposed": ("UN sanctions reimposed on {party} {when}", "UN sanctions reimposed {when}"),
    "suspended": ("Suspended by {party} {when}", "Suspended {when}"),
    "lapsed": ("Lapsed for {party} {when}", "Lapsed {when}"),
    "terminated": ("Terminated by {party} {when}", "Terminated {when}"),
    "withdrawn": ("{party} withdrew {when}", "Withdrawal announced {when}"),
}


def when(date: PartialDate, ln: Linker) -> Markup:
    """The date with the preposition English wants: "on 2 October 2025", "in July 2025", "in 2015"."""
    return Markup("on " if date.day else "in ") + ln.date(date)


def sources_up_to(ln: Linker, entry: object) -> PartialDate | None:
    """The newest publication date among a step's sources: how current the statement that the step holds is."""
    dates = [ln.source(s).published for s in getattr(entry, "sources", ())]
    return max((d for d in dates if d is not None), default=None)


def current_status(ln: Linker, treaty: object, entry: object) -> Markup:
    """The latest step as a statement about now: "In force since 2 October 2025, according to sources up to 17
    December 2025.", since "in force" is an ongoing state that a later step could end."""
    return status_sentence(ln, treaty, entry, as_of=sources_up_to(ln, entry))


def status_sentence(ln: Linker, treaty: object, entry: object, as_of: PartialDate | None = None) -> Markup:
    """One status step in words, ``as_of`` the newest source saying so if given; a disputed step adds "Sources
    disagree on the date: …" as its own sentence."""
    with_party, without = _SENTENCES.get(entry.status, ("{label} ({party}) {when}", "{label} {when}"))
    party = ln.to(treaty, "status.party", entry.party) if getattr(entry, "party", None) else None
    pattern = with_party if party else without
    values = {
        "party": party or Markup(""),
        "when": when(entry.date, ln),
        "day": ln.date(entry.date),
        "label": text(labels.STATUS_LABELS[entry.status]),
    }
    sentence = _fill(pattern, values)
    if as_of is not None:
        sentence += Markup(", according to sources up to ") + ln.date(as_of)
    sentence += Markup(".")
    if getattr(entry, "disputed", False):
        note = getattr(entry, "date_note", None)
        others = "; ".join(o.date.display for o in getattr(entry, "other_dates", ()))
        if note:
            sentence += Markup(" Sources disagree on the date: ") + text(note.rstrip(".")) + Markup(".")
        elif others:
            sentence += Markup(" Other sources give ") + text(others) + Markup(".")
        else:
            sentence += Markup(" Sources disagree on this step.")
    return sentence


def _fill(pattern: str, values: dict[str, Markup]) -> Markup:
    """``pattern`` (fixed words of this module) with its {fields} replaced by escaped values."""
    out = Markup("")
    rest = pattern
    while "{" in rest:
        before, _, tail = rest.partition("{")
        name, _, rest = tail.partition("}")
        out += text(before) + values[name]
    return out + text(rest)
