"""Natural Earth country shapes for the maps: decoded from the vendored TopoJSON, projected and clipped in plain Python.

Why no library: the job is small and fixed. TopoJSON's arcs are delta-encoded integer points with one affine
transform (topojson-specification §2.1.4, §2.2.2), a ring is a list of arc indexes (a negative index ~i is arc i
reversed), and the maps are regional, so an equirectangular projection with a standard parallel at the map's middle
latitude (x = λ·cos φ₀, y = φ) draws them with little distortion. That is about sixty lines here, against shapely
(GEOS binaries) and pyproj (PROJ data) in the lock for the same drawing. Rectangle clipping is Sutherland–Hodgman;
points closer than half a pixel to the last one kept are dropped, so a map's SVG stays a few kilobytes.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

ATLAS = Path(__file__).resolve().parent / "world-atlas" / "countries-50m.json"
Point = tuple[float, float]


@dataclass(frozen=True)
class Country:
    name: str  # as Natural Earth names it: "Iran", "Russia", "United States of America"
    rings: tuple[tuple[Point, ...], ...]  # (lon, lat) rings, outer and holes alike (drawn with fill-rule evenodd)
    bbox: tuple[float, float, float, float]  # west, south, east, north


@cache
def countries(path: Path = ATLAS) -> tuple[Country, ...]:
    """Every country of the atlas, decoded once per process."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> tuple[Point, ...]:
        out: list[Point] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points[1:] if out else points)  # each arc starts where the last one ended
        return tuple(out)

    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind, parts = geometry.get("type"), geometry.get("arcs", [])
        polygons = [parts] if kind == "Polygon" else parts if kind == "MultiPolygon" else []
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        if not rings:
            continue
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        found.append(Country(geometry["properties"]["name"], rings, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(found)


def country_names() -> set[str]:
    return {c.name for c in countries()}


@dataclass(frozen=True)
class Projection:
    """Degrees to SVG pixels for one map: ``scale`` pixels per degree of latitude, origin at the top-left corner."""

    west: float
    north: float
    scale: float
    k: float  # cos of the standard parallel: a degree of longitude is ``k * scale`` pixels

    def __call__(self, lon: float, lat: float) -> Point:
        return ((lon - self.west) * self.k * self.scale, (self.north - lat) * self.scale)

    def inverse(self, x: float, y: float) -> Point:
        return (self.west + x / (self.k * self.scale), self.north - y / self.scale)


def frame(
    points: list[Point], width: float, min_height: float, max_height: float, pad: float, min_span: float
) -> tuple[Projection, float]:
    """A projection showing every (lon, lat) point with ``pad`` pixels to spare, ``width`` pixels wide, and the
    map's height (between ``min_height`` and ``max_height``)."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    middle_lat = (south + north) / 2
    k = math.cos(math.radians(middle_lat))
    span_x = max((east - west) * k, min_span)
    span_y = max(north - south, min_span * 0.5)
    scale = min((width - 2 * pad) / span_x, (max_height - 2 * pad) / span_y)
    height = min(max(span_y * scale + 2 * pad, min_height), max_height)
    centre_lon, centre_lat = (west + east) / 2, middle_lat
    west = centre_lon - width / 2 / (k * scale)
    north = centre_lat + height / 2 / scale
    return Projection(west, north, scale, k), height


def clip(ring: list[Point], width: float, height: float) -> list[Point]:
    """Sutherland–Hodgman clipping of a ring to the rectangle (0, 0)–(width, height), with a little margin so that
    clipped edges fall outside the drawing."""
    margin = 2.0
    edges = (
        (lambda p: p[0] >= -margin, lambda a, b: _cross_x(a, b, -margin)),
        (lambda p: p[0] <= width + margin, lambda a, b: _cross_x(a, b, width + margin)),
        (lambda p: p[1] >= -margin, lambda a, b: _cross_y(a, b, -margin)),
        (lambda p: p[1] <= height + margin, lambda a, b: _cross_y(a, b, height + margin)),
    )
    out = ring
    for inside, cross in edges:
        if not out:
            break
        source, out = out, []
        previous = source[-1]
        for current in source:
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
            previous = current
    return out


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def path(rings: list[list[Point]], tolerance: float = 0.5) -> str:
    """SVG path data for projected rings, dropping points within ``tolerance`` pixels of the last one kept."""
    out = []
    for ring in rings:
        kept: list[Point] = []
        for p in ring:
            if not kept or abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) > tolerance:
                kept.append(p)
        if len(kept) >= 3:
            out.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
    return "".join(out)


@lru_cache(maxsize=128)
def shapes(projection: Projection, width: float, height: float) -> tuple[tuple[str, str], ...]:
    """(country name, SVG path) for every country that shows on the map, clipped to it. Kept per process: the same
    map is drawn again on every rebuild under ``mkdocs serve`` (and every ``prepare`` in the tests) with the same
    projection, and projecting the atlas is most of a map's cost."""
    west, north = projection.inverse(0, 0)
    east, south = projection.inverse(width, height)
    out = []
    for country in countries():
        c_west, c_south, c_east, c_north = country.bbox
        if c_east < west or c_west > east or c_north < south or c_south > north:
            continue
        rings = [clip([projection(*p) for p in ring], width, height) for ring in country.rings]
        drawn = path([r for r in rings if r])
        if drawn:
            out.append((country.name, drawn))
    return tuple(out)
