"""The cast list ("Who is who"): every actor under its camp, as the schema's ``camp`` field and its headings say.

A person without a ``camp`` takes the camp of its affiliation (and so on up: Rosatom's head takes Rosatom's, which is
Russia's). An actor whose camp cannot be found is listed last, under a heading that says so, so that a record added
without one shows on the page rather than disappearing. News outlets are a compact list of their own: they publish
the story's sources rather than play a part in it.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.core.dataset import Dataset
from macros.core.models import Record
from macros.render.maps import value

UNPLACED = "Not yet placed in a camp"
MEDIA = "media"


def camp_of(data: Dataset, actor: Record, seen: frozenset[str] = frozenset()) -> str | None:
    """The actor's camp: its own ``camp``, else its affiliation's (followed up the chain), else None."""
    camp = value(actor, "camp", data)
    if camp:
        return str(camp)
    affiliation = getattr(actor, "affiliation", None)
    if affiliation and affiliation not in seen:
        parent = data.get("actors", affiliation)
        if parent is not None:
            return camp_of(data, parent, seen | {actor.id})
    return None


@dataclass(frozen=True)
class Card:
    actor: Record
    story: str | None
    roles: tuple  # the actor's offices, in the data's order
    label: str  # what the actor is, in words: "person", "state"…


@dataclass(frozen=True)
class Camp:
    key: str
    heading: str
    cards: tuple[Card, ...]


def camps(data: Dataset) -> tuple[list[Camp], list[Record]]:
    """The cast's camps in the schema's order (people first in each, then states, bodies and groupings), and the
    news outlets apart."""
    registry = data.collections
    headings = registry.labels("actors", "camp", "x-headings")
    kinds = registry.labels("actors", "kind")
    by_camp: dict[str, list[Record]] = {}
    outlets: list[Record] = []
    for actor in data.all("actors"):
        camp = camp_of(data, actor)
        if camp == MEDIA or (camp is None and actor.kind == "outlet"):
            outlets.append(actor)
            continue
        by_camp.setdefault(camp or "", []).append(actor)
    order = {kind: i for i, kind in enumerate(("person", "state", "organisation", "grouping", "outlet"))}

    def card(actor: Record) -> Card:
        story = value(actor, "story", data)
        return Card(actor, str(story) if story else None, tuple(getattr(actor, "roles", ())), kinds[actor.kind])

    result = []
    for key, heading in [*headings.items(), ("", UNPLACED)]:
        members = sorted(
            by_camp.get(key, ()),
            key=lambda a: (order.get(a.kind, 9), value(a, "story", data) is None, a.title.casefold()),
        )
        if members and key != MEDIA:
            result.append(Camp(key or "unplaced", heading, tuple(card(a) for a in members)))
    outlets.sort(key=lambda a: a.title.casefold())
    return result, outlets


OUTLETS = Camp(MEDIA, "News outlets and publishers", ())  # the heading the outlets are listed under
