"""Static maps drawn from the data at build time: the places of a set of events (or named places) on Natural Earth's
country shapes, with labels placed where they do not collide, and the same places listed in words.

A map is chosen by what the data says, never by hand: the places of the events one actor took part in between two
dates, in date order (``route``: Lavrov's trip), the places of events of some kinds (``kinds``: talks, strikes) in a
date range, every place of some kinds (``place_kinds``: the nuclear sites), or places named by id. Events added later
(2026, on other branches) join the maps that select them without any change here.

Legibility: the SVG is drawn ``WIDTH`` units wide and may be scaled down to fit a 390 px phone; labels are
``LABEL_UNITS`` so they stay at least 12 CSS px there (``MIN_SCALE``). No tiles, no scripts, no requests.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from macros.core.dataset import Dataset
from macros.core.dates import PartialDate
from macros.core.models import Record
from macros.render import geo

WIDTH = 420.0
MIN_HEIGHT, MAX_HEIGHT = 260.0, 460.0
PAD = 34.0  # room for a label beside the outermost marker
MIN_SPAN = 9.0  # degrees of longitude (× cos φ) a map shows at least, so one place still has its surroundings
LABEL_UNITS = 15.0
CHAR_UNITS = 0.6 * LABEL_UNITS  # a generous average glyph width, so estimated boxes are not smaller than the text
MIN_SCALE = 12.0 / LABEL_UNITS  # the smallest scale the CSS lets the map reach keeps labels at 12 px
MARK_R = 5.5
NUMBER_R = 10.5
STRIKE_KINDS = ("strike",)


def value(record: object, name: str, data: Dataset | None = None) -> object:
    """A field of a record: its attribute, else its value as written (a field the record's class does not model yet,
    such as an event's ``places`` before the schema-built records), else None."""
    found = getattr(record, name, None)
    if found is None and data is not None and hasattr(record, "collection"):
        found = data.raw.get((record.collection, record.id), {}).get(name)
    return found


def _coordinate(place: Record, axis: str) -> float:
    coordinates = value(place, "coordinates")
    return float(coordinates[axis] if isinstance(coordinates, dict) else getattr(coordinates, axis))


@dataclass
class Stop:
    """A place on a map and what the map says of it."""

    place: Record
    country: str
    events: list[Record] = field(default_factory=list)  # the selected events at this place, oldest first
    number: int = 0  # its order on a route (1, 2, …); 0 off a route
    x: float = 0.0
    y: float = 0.0
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"

    @property
    def struck(self) -> bool:
        return any(e.kind_value in STRIKE_KINDS for e in self.events)  # type: ignore[attr-defined]

    @property
    def kind(self) -> str:
        return str(value(self.place, "kind") or "other")


@dataclass(frozen=True)
class Map:
    title: str
    width: float
    height: float
    countries: tuple[tuple[str, str, bool], ...]  # (name, SVG path, shaded: a country of one of the places)
    stops: tuple[Stop, ...]
    legs: tuple[str, ...]  # SVG path data of the route's legs, in order
    route: bool

    @property
    def kinds(self) -> list[str]:
        return sorted({s.kind for s in self.stops})


@dataclass(frozen=True)
class EventAt:
    """An event with the two fields the maps read (its kind and places), whatever the record class models."""

    record: Record
    kind_value: str
    places: tuple[str, ...]

    def __getattr__(self, name: str) -> object:
        return getattr(self.record, name)


def events_with_places(data: Dataset) -> list[EventAt]:
    out = []
    for event in data.all("events"):
        places = tuple(value(event, "places", data) or ())
        if places:
            out.append(EventAt(event, str(value(event, "kind", data) or "other"), places))
    return sorted(out, key=lambda e: (e.record.date, e.record.id))


def _within(event: EventAt, since: PartialDate | None, until: PartialDate | None) -> bool:
    date, end = event.record.date, getattr(event.record, "end_date", None) or event.record.date
    return (since is None or end.latest() >= since.earliest()) and (until is None or date.earliest() <= until.latest())


def select(
    data: Dataset,
    *,
    route: str | None = None,
    kinds: tuple[str, ...] = (),
    place_kinds: tuple[str, ...] = (),
    places: tuple[str, ...] = (),
    since: PartialDate | None = None,
    until: PartialDate | None = None,
) -> tuple[list[Stop], bool]:
    """The places a map shows, each with its selected events; True when they form a route (numbered, in order)."""
    stops: dict[str, Stop] = {}

    def stop(place_id: str) -> Stop:
        if place_id not in stops:
            place = data.get("places", place_id)
            stops[place_id] = Stop(place, str(value(place, "country")))
        return stops[place_id]

    if route or kinds or since or until:
        for event in events_with_places(data):
            if not _within(event, since, until) or (kinds and event.kind_value not in kinds):
                continue
            if route and route not in (getattr(event.record, "participants", ()) or ()):
                continue
            for place_id in event.places:
                stop(place_id).events.append(event)  # type: ignore[arg-type]
    for place in data.all("places") if place_kinds else ():
        if value(place, "kind") in place_kinds:
            stop(place.id)
    for place_id in places:
        stop(place_id)
    ordered = list(stops.values())
    if route:
        ordered.sort(key=lambda s: (s.events[0].record.date, s.events[0].record.id) if s.events else (PartialDate(0),))
        for i, s in enumerate(ordered, 1):
            s.number = i
    return ordered, bool(route)


def draw(title: str, stops: list[Stop], route: bool, line: bool = False) -> Map | None:
    """Project the stops, shade their countries, place the labels; None when there is nothing to show."""
    if not stops:
        return None
    points = [(_coordinate(s.place, "lon"), _coordinate(s.place, "lat")) for s in stops]
    projection, height = geo.frame(points, WIDTH, MIN_HEIGHT, MAX_HEIGHT, PAD, MIN_SPAN)
    for s, (lon, lat) in zip(stops, points, strict=True):
        s.x, s.y = (round(v, 1) for v in projection(lon, lat))
    shaded = {s.country for s in stops}
    shapes = tuple((name, d, name in shaded) for name, d in geo.shapes(projection, WIDTH, height))
    legs = tuple(_leg(a, b) for a, b in itertools.pairwise(stops)) if (route or line) else ()
    _place_labels(stops, WIDTH, height, numbered=route)
    return Map(title, WIDTH, round(height), shapes, tuple(stops), legs, route)


def _leg(a: Stop, b: Stop) -> str:
    """A gently curved line from one stop to the next, stopping short of both markers."""
    dx, dy = b.x - a.x, b.y - a.y
    length = max((dx * dx + dy * dy) ** 0.5, 1.0)
    gap = NUMBER_R + 3
    ux, uy = dx / length, dy / length
    sx, sy = a.x + ux * gap, a.y + uy * gap
    ex, ey = b.x - ux * gap, b.y - uy * gap
    mx, my = (sx + ex) / 2 - uy * length * 0.12, (sy + ey) / 2 + ux * length * 0.12
    return f"M{sx:.1f},{sy:.1f}Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}"


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _label_text(s: Stop) -> str:
    return str(s.place.title)


def _candidates(s: Stop, width: float, r: float) -> list[tuple[float, float, str, Box]]:
    """Label positions around a marker, most natural first: right, left, above, below, then the diagonals."""
    w, h = len(_label_text(s)) * CHAR_UNITS, LABEL_UNITS
    gap = r + 4
    options = [
        (s.x + gap, s.y + h * 0.35, "start"),
        (s.x - gap, s.y + h * 0.35, "end"),
        (s.x, s.y - gap - 2, "middle"),
        (s.x, s.y + gap + h * 0.8, "middle"),
        (s.x + gap * 0.7, s.y - gap * 0.7, "start"),
        (s.x - gap * 0.7, s.y - gap * 0.7, "end"),
        (s.x + gap * 0.7, s.y + gap * 0.7 + h * 0.7, "start"),
        (s.x - gap * 0.7, s.y + gap * 0.7 + h * 0.7, "end"),
    ]
    out = []
    for x, y, anchor in options:
        left = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
        out.append((x, y, anchor, (left, y - h * 0.8, left + w, y + h * 0.25)))
    return out


def _overlap(a: Box, b: Box) -> float:
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def _outside(box: Box, width: float, height: float) -> float:
    left, top, right, bottom = box
    return max(0.0, -left) + max(0.0, right - width) + max(0.0, -top) + max(0.0, bottom - height)


def _place_labels(stops: list[Stop], width: float, height: float, numbered: bool) -> None:
    """Greedy placement: each label takes the first position that overlaps no marker and no label placed before it
    and stays inside the map; failing that, the position that overlaps least."""
    r = NUMBER_R if numbered else MARK_R
    markers = [(s.x - r, s.y - r, s.x + r, s.y + r) for s in stops]
    placed: list[Box] = []
    for s in sorted(stops, key=lambda s: (s.y, s.x)):
        best = None
        for x, y, anchor, box in _candidates(s, width, r):
            cost = sum(_overlap(box, m) for m in markers) + sum(_overlap(box, p) for p in placed)
            cost += _outside(box, width, height) * 1000
            if best is None or cost < best[0]:
                best = (cost, x, y, anchor, box)
            if cost == 0:
                break
        _, s.label_x, s.label_y, s.anchor, box = best  # type: ignore[misc]
        s.label_x, s.label_y = round(s.label_x, 1), round(s.label_y, 1)
        placed.append(box)


def place_map(data: Dataset, place: Record) -> Map | None:
    """The map on a place's own page: the place in its surroundings."""
    stops, route = select(data, places=(place.id,))
    return draw(f"Where {place.title} is", stops, route)


def country_problems(data: Dataset) -> list:
    """A place whose ``country`` is not a country of the map data: a located problem (its map could not shade it)."""
    from macros.core.schema import suggest

    names = geo.country_names()
    problems = []
    for place in data.records.get("places", {}).values():
        country = value(place, "country")
        if country not in names:
            near = suggest(str(country), names)
            problems.append(
                data.origins[(place.collection, place.id)].problem(
                    place.id,
                    ("country",),
                    f"'{country}' is not a country in the map data (Natural Earth's names)",
                    hint=f"did you mean '{near}'?" if near else "use the name Natural Earth gives, e.g. Iran, Russia",
                )
            )
    return problems
