"""Small diagrams of ties, from the data: one actor's own ties (its page), who signed and ratified a treaty, and who
met whom at the events of a date range. Each is a two-column graph (the focus or the events on the left, the people
and bodies on the right) that Graphviz lays out (diagram.py), with the same ties listed in words.

A tie is said only where the data says it: people of different camps at the same visit, talks or phone call met or
spoke; a signatory
signed; a party is bound; a body that voted on or approved a treaty took that step (events concerning the treaty);
a speaker spoke about the actors a quote is about. Nothing is inferred from co-presence at a strike or a vote.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.dataset import Dataset
from macros.core.dates import PartialDate
from macros.core.models import Record
from macros.render.cast import camp_of
from macros.render.maps import value

MAX_NODES = 15
MEETING_KINDS = ("visit", "talks", "call")
TREATY_STEP_KINDS = ("signing", "vote", "decision", "other")
VERBS = {  # (kind of tie) → words between the two records
    "met": "met",
    "call": "spoke by phone with",
    "signed": "signed",
    "party": "is a party to",
    "step": "took a step on",
    "spoke-about": "spoke about",
    "took-part": "took part in",
}
STEP_VERBS = {"signing": "signed", "vote": "voted on", "decision": "approved", "other": "announced"}


@dataclass(frozen=True)
class Tie:
    """``a`` (the focus side: the actor, the treaty, the event) is tied to ``b`` by ``kind``, through ``via``."""

    a: Record
    b: Record
    kind: str
    via: tuple[Record, ...] = ()
    note: str = ""  # a short qualifier shown with ``b``: "voted, 8 Apr 2025"

    @property
    def ends(self) -> str:
        return f"{self.a.collection}/{self.a.id} {self.b.collection}/{self.b.id}"

    @property
    def verb(self) -> str:
        return VERBS[self.kind]


@dataclass(frozen=True)
class TieGraph:
    title: str
    left: tuple[Record, ...]  # the focus, or the events in date order
    right: tuple[Record, ...]  # what they are tied to, in the order they are listed
    ties: tuple[Tie, ...]
    notes: dict  # record key → its second line in the diagram ("met 3 times", "8 Apr 2025")
    kind: str  # "actor", "treaty" or "meetings"

    @property
    def nodes(self) -> tuple[Record, ...]:
        return self.left + self.right


def _key(record: Record) -> str:
    return f"{record.collection}/{record.id}"


def _unique(records) -> tuple[Record, ...]:
    """Records once each, in order (records hold dicts, so they are told apart by key, not hashed)."""
    seen: dict[str, Record] = {}
    for record in records:
        seen.setdefault(_key(record), record)
    return tuple(seen.values())


def _short(date: PartialDate) -> str:
    """A date short enough for a diagram's box: "8 Apr 2025", "Jul 2025", "2015"."""
    words = date.display.split()
    return " ".join(w[:3] if w.isalpha() else w for w in words)


def _is_person(data: Dataset, actor_id: str) -> bool:
    actor = data.get("actors", actor_id)
    return actor is not None and actor.kind == "person"


def _events(data: Dataset, kinds: tuple[str, ...], since: PartialDate | None, until: PartialDate | None) -> list:
    out = []
    for event in data.all("events"):
        kind = value(event, "kind", data) or "other"
        if kinds and kind not in kinds:
            continue
        end = getattr(event, "end_date", None) or event.date
        if since and end.latest() < since.earliest():
            continue
        if until and event.date.earliest() > until.latest():
            continue
        out.append((event, kind))
    return sorted(out, key=lambda pair: (pair[0].date, pair[0].id))


def actor_ties(data: Dataset, actor: Record) -> TieGraph | None:
    """An actor's own ties: whom it met or phoned (people with people, states and bodies with their like), the
    treaties it signed or is party to, the actors it spoke about; the most-tied first, at most MAX_NODES in all."""
    person = actor.kind == "person"
    found: dict[tuple[str, str], list[Record]] = {}  # (kind, target key) → via
    targets: dict[str, Record] = {}

    def add(kind: str, target: Record, via: Record) -> None:
        if target.id == actor.id and target.collection == actor.collection:
            return
        targets[_key(target)] = target
        vias = found.setdefault((kind, _key(target)), [])
        if via not in vias:
            vias.append(via)

    key = (actor.collection, actor.id)
    own_camp = camp_of(data, actor)
    for event_id in data.index.referrers(key, "events", "participants"):
        event = data.get("events", event_id)
        kind = value(event, "kind", data) or "other"
        if kind not in MEETING_KINDS:
            continue
        for other_id in event.participants:
            other = data.get("actors", other_id)
            # people meet people, states and bodies their like; a delegation's own members are not "met"
            if other_id != actor.id and _is_person(data, other_id) == person and camp_of(data, other) != own_camp:
                add("call" if kind == "call" else "met", other, event)
    for treaty_id in data.index.referrers(key, "treaties", "signatories"):
        treaty = data.get("treaties", treaty_id)
        add("signed", treaty, treaty)
    for treaty_id in data.index.referrers(key, "treaties", "parties"):
        treaty = data.get("treaties", treaty_id)
        add("party", treaty, treaty)
    for quote_id in data.index.referrers(key, "quotes", "speaker"):
        quote = data.get("quotes", quote_id)
        for about in quote.about_actors:
            add("spoke-about", data.get("actors", about), quote)
    if not found:
        return None
    weight = {t: sum(len(v) for (k, tk), v in found.items() if tk == t) for t in targets}
    order = {"signed": 0, "party": 0, "met": 1, "call": 1, "spoke-about": 2}
    kept = sorted(targets, key=lambda t: (-weight[t], targets[t].title.casefold()))[: MAX_NODES - 1]
    ties = sorted(
        (Tie(actor, targets[t], kind, tuple(via)) for (kind, t), via in found.items() if t in kept),
        key=lambda tie: (order[tie.kind], -weight[_key(tie.b)], tie.b.title.casefold()),
    )
    right = _unique(tie.b for tie in ties)
    notes = {_key(r): "; ".join(_tie_note(t) for t in ties if t.b == r) for r in right}
    return TieGraph(f"{actor.title}'s ties", (actor,), right, tuple(ties), notes, "actor")


def _tie_note(tie: Tie) -> str:
    n = len(tie.via)
    if tie.kind in ("met", "call", "spoke-about"):
        return tie.verb + (f" ×{n}" if n > 1 else "")
    return tie.verb


def treaty_ties(data: Dataset, treaty: Record, title: str, kinds: tuple[str, ...] = ()) -> TieGraph | None:
    """Who signed and ratified a treaty: its signatories and parties, and the people and bodies at the events
    concerning it (signing, votes, approvals), each with the step and its date."""
    ties: list[Tie] = []
    signed = getattr(treaty, "signed", None)
    for signatory in treaty.signatories:
        note = f"signed, {_short(signed.date)}" if signed and signed.date else "signed"
        ties.append(Tie(treaty, data.get("actors", signatory), "signed", (), note))
    for event_id in data.index.referrers((treaty.collection, treaty.id), "events", "treaties"):
        event = data.get("events", event_id)
        kind = value(event, "kind", data) or "other"
        if kind not in (kinds or TREATY_STEP_KINDS):
            continue
        for actor_id in event.participants:
            actor = data.get("actors", actor_id)
            if actor.kind == "state":
                continue
            note = f"{STEP_VERBS[kind]}, {_short(event.date)}"
            if any(t.b == actor and t.note == note for t in ties):
                continue  # the signing event of a signatory: said once
            ties.append(Tie(treaty, actor, "step", (event,), note))
    if not ties:
        return None
    ties = ties[: MAX_NODES - 1]
    right = _unique(t.b for t in ties)
    notes = {_key(r): "; ".join(t.note for t in ties if t.b == r and t.note) for r in right}
    return TieGraph(title, (treaty,), right, tuple(ties), notes, "treaty")


def event_ties(
    data: Dataset, title: str, kinds: tuple[str, ...], since: PartialDate | None, until: PartialDate | None
) -> TieGraph | None:
    """Who took part in which events of ``kinds`` between two dates: the events in date order on the left, the
    people at them on the right (states and bodies only where an event names no person)."""
    events = _events(data, kinds or MEETING_KINDS, since, until)
    ties: list[Tie] = []
    left: list[Record] = []
    for event, _ in events:
        people = [data.get("actors", p) for p in event.participants if _is_person(data, p)]
        others = [data.get("actors", p) for p in event.participants if not _is_person(data, p)]
        chosen = people or others
        if not chosen:
            continue
        right_now = {_key(t.b) for t in ties} | {_key(a) for a in chosen}
        if len(left) + 1 + len(right_now) > MAX_NODES:
            break  # the diagram stops at MAX_NODES; the words below it say so
        left.append(event)
        ties += [Tie(event, actor, "took-part", (event,)) for actor in chosen]
    if not ties:
        return None
    right = _unique(t.b for t in ties)
    notes = {_key(e): _short(e.date) for e in left}
    return TieGraph(title, tuple(left), right, tuple(ties), notes, "meetings")


def contact_ties(
    data: Dataset,
    title: str,
    camp: str,
    kinds: tuple[str, ...],
    since: PartialDate | None,
    until: PartialDate | None,
) -> TieGraph | None:
    """Whom one camp's people met or phoned at the events of ``kinds`` between two dates: that camp's people on the
    left, the people of other camps they talked to on the right, each tie with the events it rests on. A diagram of
    people rather than of events, so that a year and more of contacts fits in MAX_NODES boxes; if it does not, the
    least-contacted people are left out, and the caption says how many (the words list what is drawn)."""
    found: dict[tuple[str, str, str], list[Record]] = {}  # (ours, kind, theirs) → events
    people: dict[str, Record] = {}
    for event, kind in _events(data, kinds or MEETING_KINDS, since, until):
        present = [data.get("actors", p) for p in event.participants if _is_person(data, p)]
        ours = [p for p in present if camp_of(data, p) == camp]
        for a in ours:
            for b in (p for p in present if camp_of(data, p) != camp):
                people[_key(a)], people[_key(b)] = a, b
                found.setdefault((_key(a), "call" if kind == "call" else "met", _key(b)), []).append(event)
    if not found:
        return None
    contacts = {k: sum(len(v) for (a, _, b), v in found.items() if k in (a, b)) for k in people}
    by_weight = sorted(people, key=lambda k: (-contacts[k], people[k].title.casefold()))
    kept = set(by_weight[:MAX_NODES])
    ties = tuple(
        Tie(people[a], people[b], kind, tuple(events))
        for (a, kind, b), events in sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))
        if a in kept and b in kept
    )
    left = tuple(sorted(_unique(t.a for t in ties), key=lambda r: (-contacts[_key(r)], r.title.casefold())))
    right = tuple(sorted(_unique(t.b for t in ties), key=lambda r: (-contacts[_key(r)], r.title.casefold())))
    left_out = len(people) - len(kept)
    if left_out:
        title += f" (the {len(kept)} people with most contacts; {left_out} more on the timeline)"
    notes = {_key(r): f"{contacts[_key(r)]} contact{'s' if contacts[_key(r)] > 1 else ''}" for r in left + right}
    return TieGraph(title, left, right, ties, notes, "contacts")


def focused(
    data: Dataset,
    title: str,
    *,
    treaty: str | None = None,
    camp: str | None = None,
    kinds: tuple[str, ...] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
) -> TieGraph | None:
    if treaty:
        return treaty_ties(data, data.get("treaties", treaty), title, kinds)
    if camp:
        return contact_ties(data, title, camp, kinds, since, until)
    return event_ties(data, title, kinds, since, until)
