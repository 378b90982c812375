"""The transfer map: which practice travelled from which partner to which.

Pure Python, no database: the caller gives :class:`Flow` rows (one per pair
"from partner -> to partner", with the practices and the number of
implementation records behind it) and gets a complete, accessible ``<svg>``
element drawn on the Europe base map of :mod:`mobinnov.core.worldmap`.

"From" is the practice's host (the receiving organisation of the mobility);
"to" is the mobility's sending organisation, where the participant put the
practice in place. Each pair is one curved arrow whose width grows with the
count; A -> B and B -> A bend to opposite sides, so both stay visible.

The SVG is ``role="img"`` with a ``<title>`` and a ``<desc>``: it holds no
links, the page shows the same figures as a table next to it. All text is
escaped (``xml.sax.saxutils.escape``); no style attribute is written.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from mobinnov.core.worldmap import (
    BBOX,
    LAND_FILL,
    LAND_STROKE,
    europe_base_paths,
    project_lonlat,
    view_box,
)

__all__ = [
    "ARROW_COLOUR",
    "MAX_WIDTH",
    "MIN_WIDTH",
    "Flow",
    "Place",
    "render_transfer_map",
    "stroke_width",
]

ARROW_COLOUR = "#b45309"
NODE_FILL = "#0b5cad"
NODE_STROKE = "#ffffff"
NODE_RADIUS = 5.0
MIN_WIDTH = 2.0
"""Width (user units) of an arrow standing for one record."""
MAX_WIDTH = 8.0
"""Width of the arrow with the largest count (when it is above one)."""
BEND = 0.18
"""How far an arrow bows out, as a share of its length."""
SAME_SPOT = 2.0
"""Places projected closer than this are moved apart."""
SPREAD = 9.0

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ATTRIBUTE = {'"': "&quot;", "'": "&apos;"}

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Place:
    """A partner organisation on the map (``key``: its id; ``url``: its page,
    used by the table next to the map, not in the drawing)."""

    key: int
    label: str
    latitude: float | None = None
    longitude: float | None = None
    url: str = ""

    @property
    def on_map(self) -> bool:
        if self.latitude is None or self.longitude is None:
            return False
        if not (math.isfinite(self.latitude) and math.isfinite(self.longitude)):
            return False
        west, south, east, north = BBOX
        return west <= self.longitude <= east and south <= self.latitude <= north


@dataclass(frozen=True, slots=True)
class Flow:
    """Practices of ``source`` put in place at ``target``: ``count`` records."""

    source: Place
    target: Place
    practices: tuple[str, ...]
    count: int


def _text(value: str) -> str:
    """Escape free text for XML content and double-quoted attributes."""
    return escape(_XML_INVALID.sub("", str(value)), _ATTRIBUTE)


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def stroke_width(count: int, max_count: int) -> float:
    """Arrow width: :data:`MIN_WIDTH` for one record, :data:`MAX_WIDTH` for the
    largest count, linear in between."""
    if max_count <= 1 or count <= 1:
        return MIN_WIDTH
    share = (min(count, max_count) - 1) / (max_count - 1)
    return round(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * share, 2)


def _positions(places: Sequence[Place]) -> dict[int, Point]:
    """Projected position of each place on the map; places on the same spot
    (two partners in one town) are set around it so each stays visible."""
    result: dict[int, Point] = {}
    anchors: list[tuple[Point, int]] = []
    for place in places:
        if place.key in result or not place.on_map:
            continue
        assert place.longitude is not None and place.latitude is not None
        x, y = project_lonlat(place.longitude, place.latitude)
        for index, ((ax, ay), seen) in enumerate(anchors):
            if math.hypot(x - ax, y - ay) < SAME_SPOT:
                angle = seen * 2.399963  # golden angle: no two land together
                radius = SPREAD * math.sqrt(seen)
                anchors[index] = ((ax, ay), seen + 1)
                x, y = ax + radius * math.cos(angle), ay + radius * math.sin(angle)
                break
        else:
            anchors.append(((x, y), 1))
        result[place.key] = (x, y)
    return result


def _unit(dx: float, dy: float) -> Point:
    length = math.hypot(dx, dy) or 1.0
    return dx / length, dy / length


def _arrow(start: Point, end: Point, width: float) -> tuple[str, str] | None:
    """Path data of the curved shaft and of the arrowhead, or None when the
    two places are on the same spot."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length < 2 * NODE_RADIUS + 4:
        return None
    # The control point sits to the left of the direction of travel, so the
    # way back bows out to the other side.
    nx, ny = -dy / length, dx / length
    cx, cy = (x0 + x1) / 2 + nx * length * BEND, (y0 + y1) / 2 + ny * length * BEND
    ux, uy = _unit(cx - x0, cy - y0)
    sx, sy = x0 + ux * (NODE_RADIUS + 1), y0 + uy * (NODE_RADIUS + 1)
    tx, ty = _unit(x1 - cx, y1 - cy)
    head = 5.0 + 1.6 * width
    tip_x, tip_y = x1 - tx * (NODE_RADIUS + 1.5), y1 - ty * (NODE_RADIUS + 1.5)
    base_x, base_y = tip_x - tx * head, tip_y - ty * head
    half = head * 0.55
    shaft = f"M{_n(sx)} {_n(sy)}Q{_n(cx)} {_n(cy)} {_n(base_x)} {_n(base_y)}"
    tip = (
        f"M{_n(tip_x)} {_n(tip_y)}"
        f"L{_n(base_x - ty * half)} {_n(base_y + tx * half)}"
        f"L{_n(base_x + ty * half)} {_n(base_y - tx * half)}z"
    )
    return shaft, tip


def render_transfer_map(
    flows: Sequence[Flow],
    *,
    title: str,
    description: str,
    arrow_label: str = "{source} → {target}: {count} ({practices})",
    width: int = 800,
    id_prefix: str = "transfer-map",
) -> str:
    """Render the map as a complete ``<svg>`` element, safe to mark safe.

    ``arrow_label`` is the (translated) tooltip of each arrow, formatted with
    ``source``, ``target``, ``count`` and ``practices``. Flows whose ends are
    not both on the map (no coordinates, outside the frame) are left out of
    the drawing: the table next to the map still lists them."""
    box_width, box_height = view_box()
    height = round(width * box_height / box_width)
    title_id, desc_id = _text(f"{id_prefix}-title"), _text(f"{id_prefix}-desc")
    places = [p for flow in flows for p in (flow.source, flow.target)]
    positions = _positions(places)
    max_count = max((flow.count for flow in flows), default=0)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="partner-map transfer-map"'
        f' viewBox="0 0 {_n(box_width)} {_n(box_height)}" width="{int(width)}"'
        f' height="{height}" role="img" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(description)}</desc>',
        f'<g aria-hidden="true" fill="{LAND_FILL}" stroke="{LAND_STROKE}"'
        ' stroke-width="0.5" stroke-linejoin="round">',
    ]
    out += [f'<path d="{d}"/>' for _, d in europe_base_paths()]
    out.append("</g>")

    # Thick arrows first, so thin ones stay visible on top of them.
    drawn: list[str] = []
    for flow in sorted(flows, key=lambda f: (-f.count, f.source.label, f.target.label)):
        start, end = positions.get(flow.source.key), positions.get(flow.target.key)
        if start is None or end is None:
            continue
        width_units = stroke_width(flow.count, max_count)
        paths = _arrow(start, end, width_units)
        if paths is None:
            continue
        shaft, tip = paths
        label = arrow_label.format(
            source=flow.source.label,
            target=flow.target.label,
            count=flow.count,
            practices=", ".join(flow.practices),
        )
        drawn.append(
            f'<g class="transfer-flow"><title>{_text(label)}</title>'
            f'<path d="{shaft}" fill="none" stroke="{ARROW_COLOUR}"'
            f' stroke-width="{_n(width_units)}" stroke-linecap="round" stroke-opacity="0.85"/>'
            f'<path d="{tip}" fill="{ARROW_COLOUR}"/></g>'
        )
    out.append('<g class="transfer-flows">' + "".join(drawn) + "</g>")

    seen: set[int] = set()
    out.append("<g>")
    for place in places:
        if place.key in seen or place.key not in positions:
            continue
        seen.add(place.key)
        x, y = positions[place.key]
        out.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(NODE_RADIUS)}" fill="{NODE_FILL}"'
            f' stroke="{NODE_STROKE}" stroke-width="1.5"><title>{_text(place.label)}</title>'
            "</circle>"
        )
    out.append("</g></svg>")
    return "".join(out)
