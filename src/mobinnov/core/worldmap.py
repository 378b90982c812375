"""Server-side SVG map of Europe for the partner directory.

Everything here is pure Python: the country outlines come from a vendored
TopoJSON file (``data/countries-50m.json``, Natural Earth via the npm package
``world-atlas`` 2.0.2, see ``data/README.md``), decoded by the small decoder
below, projected, clipped and simplified once per process, then cached.
Nothing is fetched over the network and nothing is read at import time: the
JSON file is opened on the first call of :func:`europe_base_paths`.

Projection
    Spherical Lambert azimuthal equal-area centred at 10°E, 52°N (the same
    centre as the EU's ETRS89-LAEA grid, EPSG:3035, here on a sphere). Areas
    are true, shapes are only mildly distorted across Europe, north is up.

Frame
    The geographic bounding box lon -25..45, lat 34..72 (Iceland, Portugal,
    Cyprus, Finland, western Turkey) is projected and the rectangle enclosing
    it becomes the SVG ``viewBox``, scaled to :data:`BASE_WIDTH` units wide.
    Because parallels are curved in this projection, that rectangle also shows
    a little of North Africa, the Middle East and Greenland; countries are
    drawn when they intersect the rectangle and are clipped to it.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "BASE_WIDTH",
    "BBOX",
    "DATA_FILE",
    "MapPoint",
    "decode_arcs",
    "decode_geometry",
    "decode_object",
    "europe_base_paths",
    "is_on_map",
    "project_lonlat",
    "render_partner_map",
    "view_box",
]

Coord = tuple[float, float]
"""A position: ``(x, y)``, or ``(longitude, latitude)`` in degrees."""
Ring = list[Coord]
Polygon = list[Ring]
"""A polygon: its exterior ring, then any holes."""

DATA_FILE: Path = Path(__file__).resolve().parent / "data" / "countries-50m.json"
"""The vendored Natural Earth 1:50m country outlines (TopoJSON)."""

BBOX: tuple[float, float, float, float] = (-25.0, 27.0, 45.0, 72.0)
"""Geographic frame of the map: ``(west, south, east, north)`` in degrees."""

CENTER_LON = 10.0
"""Longitude of the projection centre, in degrees east."""
CENTER_LAT = 52.0
"""Latitude of the projection centre, in degrees north."""

BASE_WIDTH = 800.0
"""Width of the ``viewBox`` in user units; the height follows from the frame."""

SIMPLIFY_TOLERANCE = 0.8
"""Outline vertices closer than this (user units) to the last kept one are dropped."""

CLIP_MARGIN = 4.0
"""Outlines are clipped to the ``viewBox`` grown by this many user units."""

POINT_RADIUS = 6
DUPLICATE_DISTANCE = 2.0
"""Points projected closer than this (user units) to an earlier one are fanned out."""
DUPLICATE_OFFSET = 10.0
"""Base distance (user units) by which fanned-out points are moved."""

LAND_FILL = "#e6e9ee"
LAND_STROKE = "#9aa3ad"
POINT_FILL = "#0b5cad"
POINT_STROKE = "#ffffff"

_SIN_LAT0 = math.sin(math.radians(CENTER_LAT))
_COS_LAT0 = math.cos(math.radians(CENTER_LAT))

# Characters that XML 1.0 forbids even when escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


# --------------------------------------------------------------------------
# TopoJSON decoding
# --------------------------------------------------------------------------


def decode_arcs(topology: Mapping[str, Any]) -> list[list[Coord]]:
    """Return the topology's arcs as absolute ``(x, y)`` positions.

    When the topology has a ``transform``, its arcs are quantized and
    delta-encoded: each position after the first is an integer offset from the
    previous one, and ``x = qx * scale[0] + translate[0]`` (likewise for y).
    Without a ``transform`` the positions are already absolute.
    """
    raw_arcs: Sequence[Sequence[Sequence[float]]] = topology["arcs"]
    transform = topology.get("transform")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in raw_arcs]
    sx, sy = (float(v) for v in transform["scale"])
    tx, ty = (float(v) for v in transform["translate"])
    decoded: list[list[Coord]] = []
    for arc in raw_arcs:
        # Running sums of the integer deltas: the quantized position.
        qx: float = 0
        qy: float = 0
        points: list[Coord] = []
        for position in arc:
            qx += position[0]
            qy += position[1]
            points.append((qx * sx + tx, qy * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arc_indexes: Iterable[int], arcs: Sequence[Sequence[Coord]]) -> Ring:
    """Stitch arcs into one ring; a negative index ``~i`` is arc ``i`` reversed.

    Consecutive arcs share their joining position, so it is kept only once.
    """
    ring: Ring = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return ring


def decode_geometry(geometry: Mapping[str, Any], arcs: Sequence[Sequence[Coord]]) -> list[Polygon]:
    """Return the polygons of a TopoJSON geometry, with arcs already decoded.

    ``Polygon`` gives one polygon, ``MultiPolygon`` several, and a
    ``GeometryCollection`` the polygons of all its members. Other types
    (points, lines, null geometries) have no area and give none.
    """
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[_ring(ring, arcs) for ring in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
    if kind == "GeometryCollection":
        return [
            polygon
            for member in geometry.get("geometries", [])
            for polygon in decode_geometry(member, arcs)
        ]
    return []


def decode_object(topology: Mapping[str, Any], name: str) -> list[tuple[str, list[Polygon]]]:
    """Decode the named object of a topology into ``(name, polygons)`` pairs.

    A ``GeometryCollection`` object gives one pair per member, named after
    its ``properties.name`` (or its ``id``, or ``""``); any other object gives
    a single pair.
    """
    arcs = decode_arcs(topology)
    obj: Mapping[str, Any] = topology["objects"][name]
    members: Sequence[Mapping[str, Any]] = (
        obj.get("geometries", []) if obj.get("type") == "GeometryCollection" else [obj]
    )
    features: list[tuple[str, list[Polygon]]] = []
    for member in members:
        properties = member.get("properties") or {}
        label = str(properties.get("name") or member.get("id") or "")
        features.append((label, decode_geometry(member, arcs)))
    return features


# --------------------------------------------------------------------------
# Projection and frame
# --------------------------------------------------------------------------


def _laea(lon: float, lat: float) -> Coord:
    """Spherical Lambert azimuthal equal-area, unit sphere, y pointing north."""
    lam = math.radians(lon - CENTER_LON)
    phi = math.radians(lat)
    sin_phi, cos_phi = math.sin(phi), math.cos(phi)
    cos_lam = math.cos(lam)
    denominator = 1.0 + _SIN_LAT0 * sin_phi + _COS_LAT0 * cos_phi * cos_lam
    # The antipode of the centre (in the South Pacific) has no image.
    k = math.sqrt(2.0 / max(denominator, 1e-12))
    return k * cos_phi * math.sin(lam), k * (_COS_LAT0 * sin_phi - _SIN_LAT0 * cos_phi * cos_lam)


@functools.lru_cache(maxsize=1)
def _frame() -> tuple[float, float, float, float]:
    """Return ``(min_x, max_y, scale, height)`` of the projected frame.

    The edges of :data:`BBOX` are sampled every half degree, since in this
    projection the extremes are not necessarily at the corners.
    """
    west, south, east, north = BBOX
    samples: list[Coord] = []
    steps = 2 * int(max(east - west, north - south)) + 1
    for i in range(steps + 1):
        t = i / steps
        lon = west + (east - west) * t
        lat = south + (north - south) * t
        samples += [
            _laea(lon, south),
            _laea(lon, north),
            _laea(west, lat),
            _laea(east, lat),
        ]
    min_x = min(x for x, _ in samples)
    max_x = max(x for x, _ in samples)
    min_y = min(y for _, y in samples)
    max_y = max(y for _, y in samples)
    scale = BASE_WIDTH / (max_x - min_x)
    return min_x, max_y, scale, (max_y - min_y) * scale


def view_box() -> tuple[float, float]:
    """Return the ``viewBox`` size ``(width, height)``; its origin is ``(0, 0)``."""
    return BASE_WIDTH, _frame()[3]


def project_lonlat(lon: float, lat: float) -> Coord:
    """Project a longitude/latitude (degrees) to map user units.

    ``x`` grows eastwards and ``y`` southwards (SVG convention); the frame
    spans ``0..BASE_WIDTH`` by ``0..view_box()[1]``.
    """
    min_x, max_y, scale, _ = _frame()
    x, y = _laea(lon, lat)
    return (x - min_x) * scale, (max_y - y) * scale


def _in_bbox(lon: float, lat: float) -> bool:
    """Whether a position lies inside the geographic frame :data:`BBOX`."""
    west, south, east, north = BBOX
    return west <= lon <= east and south <= lat <= north


def is_on_map(point: MapPoint) -> bool:
    """Whether :func:`render_partner_map` draws ``point`` (finite, inside BBOX)."""
    return (
        math.isfinite(point.latitude)
        and math.isfinite(point.longitude)
        and _in_bbox(point.longitude, point.latitude)
    )


# --------------------------------------------------------------------------
# Base map
# --------------------------------------------------------------------------


def _clip(ring: Ring, x0: float, y0: float, x1: float, y1: float) -> Ring:
    """Clip a closed ring to a rectangle (Sutherland-Hodgman).

    Parts outside the rectangle are replaced by runs along its border, which
    is invisible here because the rectangle is a little larger than the view.
    """

    def cut(points: Ring, inside: Any, cross: Any) -> Ring:
        if not points:
            return points
        output: Ring = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    output.append(cross(previous, current))
                output.append(current)
            elif inside(previous):
                output.append(cross(previous, current))
            previous = current
        return output

    def at_x(x: float) -> Any:
        return lambda a, b: (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))

    def at_y(y: float) -> Any:
        return lambda a, b: (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)

    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
    points = cut(points, lambda p: p[0] >= x0, at_x(x0))
    points = cut(points, lambda p: p[0] <= x1, at_x(x1))
    points = cut(points, lambda p: p[1] >= y0, at_y(y0))
    return cut(points, lambda p: p[1] <= y1, at_y(y1))


def _simplify(points: Ring, tolerance: float) -> Ring:
    """Drop each vertex closer than ``tolerance`` to the previously kept one."""
    if not points:
        return points
    kept = [points[0]]
    limit = tolerance * tolerance
    for x, y in points[1:]:
        last_x, last_y = kept[-1]
        if (x - last_x) ** 2 + (y - last_y) ** 2 >= limit:
            kept.append((x, y))
    return kept


def _number(value: float) -> str:
    """Format a coordinate with one decimal, without a useless ``.0``."""
    return _tenths(round(value * 10))


def _tenths(value: int) -> str:
    """Format an integer count of tenths as a decimal number: ``-15`` -> ``-1.5``."""
    whole, tenth = divmod(abs(value), 10)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{tenth}" if tenth else f"{sign}{whole}"


def _path_data(polygons: Iterable[Polygon]) -> str:
    """Project, clip, simplify and round polygons into SVG path data.

    Each ring is written as an absolute ``M`` followed by relative ``l``
    steps. The steps are differences of the rounded absolute positions, so
    no rounding error accumulates along a ring.
    """
    width, height = view_box()
    box = (-CLIP_MARGIN, -CLIP_MARGIN, width + CLIP_MARGIN, height + CLIP_MARGIN)
    parts: list[str] = []
    for polygon in polygons:
        for ring in polygon:
            projected = [project_lonlat(lon, lat) for lon, lat in ring]
            points = _simplify(_clip(projected, *box), SIMPLIFY_TOLERANCE)
            rounded: list[tuple[int, int]] = []
            for x, y in points:
                position = (round(x * 10), round(y * 10))
                if not rounded or rounded[-1] != position:
                    rounded.append(position)
            if len(rounded) > 1 and rounded[0] == rounded[-1]:
                rounded.pop()
            if len(rounded) < 3:
                continue
            (x0, y0), steps = rounded[0], []
            for (ax, ay), (bx, by) in itertools.pairwise(rounded):
                steps.append(f"{_tenths(bx - ax)} {_tenths(by - ay)}")
            parts.append(f"M{_tenths(x0)} {_tenths(y0)}l" + " ".join(steps) + "z")
    return "".join(parts)


@functools.lru_cache(maxsize=1)
def europe_base_paths() -> list[tuple[str, str]]:
    """Return ``(country name, SVG path data)`` for the countries on the map.

    Loads the vendored TopoJSON on first call (then cached for the life of
    the process). Countries with nothing inside the frame are left out; the
    others are clipped to it, simplified and rounded to 0.1 user unit.
    Treat the returned list as read-only: it is shared between callers.
    """
    with DATA_FILE.open(encoding="utf-8") as handle:
        topology = json.load(handle)
    west, south, east, north = BBOX
    # Cheap pre-filter in degrees, generous enough to hold the whole projected
    # frame (whose corners reach beyond BBOX), to skip far-away countries.
    pre_west, pre_south, pre_east, pre_north = west - 25, south - 12, east + 25, north + 15
    result: list[tuple[str, str]] = []
    for name, polygons in decode_object(topology, "countries"):
        near = [
            polygon
            for polygon in polygons
            if polygon
            and any(
                pre_west <= lon <= pre_east and pre_south <= lat <= pre_north
                for lon, lat in polygon[0]
            )
        ]
        path = _path_data(near)
        if path:
            result.append((name, path))
    return result


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One partner to show on the map, linking to ``url``.

    ``label`` and ``detail`` are free text (they may come from users) and are
    escaped when rendered; ``detail`` is appended to the tooltip when given.
    """

    label: str
    url: str
    latitude: float
    longitude: float
    detail: str = ""


def _text(value: str) -> str:
    """Escape text for SVG/XML content or a quoted attribute."""
    return escape(_XML_INVALID.sub("", value), quote=True)


def _safe_url(url: str) -> str:
    """Return ``url`` if it is relative or http(s)/mailto, else ``"#"``.

    Guards against ``javascript:`` and similar links coming from user input.
    """
    cleaned = _XML_INVALID.sub("", url).strip()
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return "#"
    if scheme and scheme not in _SAFE_SCHEMES:
        return "#"
    return cleaned


def _spread(positions: Sequence[Coord]) -> list[Coord]:
    """Move points that would cover an earlier one so each stays clickable.

    The n-th point landing on an already used spot is placed on a sunflower
    spiral around it (radius grows with the square root of n), so any number
    of partners in the same town stay apart.
    """
    golden_angle = math.pi * (3.0 - math.sqrt(5.0))
    anchors: list[tuple[Coord, int]] = []
    placed: list[Coord] = []
    for x, y in positions:
        for index, ((ax, ay), count) in enumerate(anchors):
            if math.hypot(x - ax, y - ay) < DUPLICATE_DISTANCE:
                anchors[index] = ((ax, ay), count + 1)
                angle = count * golden_angle
                radius = DUPLICATE_OFFSET * math.sqrt(count)
                placed.append((ax + radius * math.cos(angle), ay + radius * math.sin(angle)))
                break
        else:
            anchors.append(((x, y), 1))
            placed.append((x, y))
    return placed


def render_partner_map(
    points: Sequence[MapPoint],
    *,
    title: str,
    description: str,
    width: int = 800,
    id_prefix: str = "map",
) -> str:
    """Render an accessible SVG map of Europe with one link per point.

    The result is a complete ``<svg>`` element, safe to mark as safe: every
    piece of text is escaped. The root names itself through
    ``aria-labelledby`` (its ``<title>`` and ``<desc>``) rather than
    ``role="img"``, which would hide the links from assistive technology. The
    country shapes are ``aria-hidden``; each point is an ``<a>`` (so it is
    keyboard focusable) holding a circle and a ``<title>`` with its label and
    detail. Points outside :data:`BBOX` (or with non-finite coordinates) are
    skipped; points on the same spot are fanned out.

    ``id_prefix`` makes the title/description ids unique when a page holds
    several maps (default ids: ``map-title`` and ``map-desc``). The focus
    style of the points lives in the site's stylesheet (``.partner-map``): the
    Content-Security-Policy allows no inline style.
    """
    box_width, box_height = view_box()
    height = round(width * box_height / box_width)
    title_id = _text(f"{id_prefix}-title")
    desc_id = _text(f"{id_prefix}-desc")

    visible = [point for point in points if is_on_map(point)]
    positions = _spread([project_lonlat(p.longitude, p.latitude) for p in visible])

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="partner-map"'
        f' viewBox="0 0 {_number(box_width)} {_number(box_height)}"'
        f' width="{int(width)}" height="{height}"'
        f' aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(description)}</desc>',
        f'<g aria-hidden="true" fill="{LAND_FILL}" stroke="{LAND_STROKE}"'
        ' stroke-width="0.5" stroke-linejoin="round">',
    ]
    out += [f'<path d="{d}"/>' for _, d in europe_base_paths()]
    out.append("</g>")
    out.append("<g>")
    for point, (x, y) in zip(visible, positions, strict=True):
        tooltip = f"{point.label} \N{EN DASH} {point.detail}" if point.detail else point.label
        out.append(
            f'<a href="{_text(_safe_url(point.url))}">'
            f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{POINT_RADIUS}"'
            f' fill="{POINT_FILL}" stroke="{POINT_STROKE}" stroke-width="1.5"/>'
            f"<title>{_text(tooltip)}</title></a>"
        )
    out.append("</g></svg>")
    return "".join(out)
