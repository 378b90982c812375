"""Server-side SVG heat map of the reciprocity ledger.

Pure Python, no Django: :func:`render_ledger_chart` takes the partners' names
and the number of participants sent from partner ``i`` (row) to partner ``j``
(column) and returns a complete ``<svg>`` element. Every piece of text is
escaped here (names come from users), so the result may be marked safe.

Accessibility: the chart names itself with ``role="img"`` and
``aria-labelledby`` (its ``<title>`` and ``<desc>``); the page shows the same
figures in a table, which is the text alternative. The cell colour grows with
the count and each number is written in black or white, whichever contrasts
more with its cell (at least 4.58:1 for any colour, above the WCAG AA 4.5:1).
No inline style is used (the Content-Security-Policy forbids it): only SVG
presentation attributes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape

__all__ = [
    "contrast_ratio",
    "fill_for",
    "relative_luminance",
    "render_ledger_chart",
    "text_colour_for",
]

CELL = 44
"""Side of a matrix cell, in user units."""
FONT_SIZE = 13
LABEL_FONT_SIZE = 12
CHAR_WIDTH = 7.0
"""Approximate advance of one label character at :data:`LABEL_FONT_SIZE`."""
MAX_LABEL_CHARS = 28
"""Longer names are shortened with an ellipsis (the full name is in the table
and in the cell's tooltip)."""
PADDING = 8
CAPTION_SPACE = 44
"""Room above the chart for two lines of axis captions."""

EMPTY_FILL = "#ffffff"
FULL_FILL = "#08306b"
"""Fill of the largest count; zero is white, the rest in between."""
MIN_SHARE = 0.15
"""A count of 1 is at least this far from white, so it never looks like 0."""
GRID_STROKE = "#9aa3ad"
LABEL_FILL = "#1a1a1a"
ZERO_TEXT = "#595959"
"""Zeros are written in grey: 7:1 on white."""
BLACK = "#000000"
WHITE = "#ffffff"

# Characters that XML 1.0 forbids even when escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def _text(value: object) -> str:
    """Escape text for XML content or a double-quoted attribute."""
    return escape(_XML_INVALID.sub("", str(value)), quote=True)


def _short(name: str) -> str:
    name = " ".join(name.split())
    if len(name) <= MAX_LABEL_CHARS:
        return name
    return name[: MAX_LABEL_CHARS - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def _number(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def fill_for(count: int, largest: int) -> str:
    """Cell colour: white for 0, darker as ``count`` nears ``largest``."""
    if count <= 0 or largest <= 0:
        return EMPTY_FILL
    share = MIN_SHARE + (1 - MIN_SHARE) * min(count, largest) / largest
    (r0, g0, b0), (r1, g1, b1) = _rgb(EMPTY_FILL), _rgb(FULL_FILL)
    return _hex((r0 + (r1 - r0) * share, g0 + (g1 - g0) * share, b0 + (b1 - b0) * share))


def text_colour_for(fill: str) -> str:
    """Black or white, whichever contrasts more with ``fill``."""
    return BLACK if contrast_ratio(BLACK, fill) >= contrast_ratio(WHITE, fill) else WHITE


def render_ledger_chart(
    names: Sequence[str],
    counts: Mapping[tuple[int, int], int],
    *,
    title: str,
    description: str,
    row_axis: str = "",
    column_axis: str = "",
    id_prefix: str = "ledger-chart",
) -> str:
    """Render the matrix of participants sent between partners as an SVG.

    ``names[i]`` labels row ``i`` (the sending partner) and column ``i`` (the
    receiving partner); ``counts[(i, j)]`` is the number sent from ``i`` to
    ``j`` (missing pairs are 0, the diagonal is left blank). ``title`` and
    ``description`` become the chart's ``<title>`` and ``<desc>``;
    ``row_axis`` and ``column_axis``, when given, are written above the chart
    (for example "Rows: sending partner"); ``id_prefix`` makes the
    element ids unique on the page."""
    prefix = _ID_UNSAFE.sub("-", id_prefix) or "ledger-chart"
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    size = len(names)
    labels = [_short(name) for name in names]
    label_width = PADDING + CHAR_WIDTH * max((len(label) for label in labels), default=0)
    # Column labels are turned 45 degrees: their height and overhang is width / sqrt(2).
    slant = label_width * 0.7072
    left = PADDING + label_width + PADDING
    top = CAPTION_SPACE + slant + PADDING
    width = left + size * CELL + slant + PADDING
    height = top + size * CELL + PADDING
    largest = max((value for (i, j), value in counts.items() if i != j), default=0)

    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ledger-chart" role="img"'
        f' viewBox="0 0 {_number(width)} {_number(height)}"'
        f' width="{_number(width)}" height="{_number(height)}"'
        f' aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(description)}</desc>',
    ]
    if size:
        font = f'font-family="sans-serif" font-size="{LABEL_FONT_SIZE}" fill="{LABEL_FILL}"'
        for line, caption in enumerate(caption for caption in (row_axis, column_axis) if caption):
            out.append(
                f'<text x="{PADDING}" y="{16 + 18 * line}" {font}'
                f' font-weight="bold">{_text(caption)}</text>'
            )
        out.append(f'<g class="ledger-chart__labels" {font}>')
        for index, label in enumerate(labels):
            y = top + index * CELL + CELL / 2 + LABEL_FONT_SIZE / 3
            out.append(
                f'<text x="{_number(left - PADDING)}" y="{_number(y)}"'
                f' text-anchor="end">{_text(label)}</text>'
            )
            x, y = left + index * CELL + CELL / 2, top - PADDING / 2
            out.append(
                f'<text x="{_number(x)}" y="{_number(y)}"'
                f' transform="rotate(-45 {_number(x)} {_number(y)})">{_text(label)}</text>'
            )
        out.append("</g>")
        out.append(
            f'<g class="ledger-chart__cells" font-family="sans-serif" font-size="{FONT_SIZE}"'
            f' text-anchor="middle" stroke-width="1">'
        )
        for i in range(size):
            for j in range(size):
                x, y = left + j * CELL, top + i * CELL
                box = (
                    f'x="{_number(x)}" y="{_number(y)}" width="{CELL}" height="{CELL}"'
                    f' stroke="{GRID_STROKE}"'
                )
                if i == j:
                    # A partner does not exchange with itself: a crossed-out white cell.
                    out.append(
                        f'<rect {box} fill="{EMPTY_FILL}"/>'
                        f'<line x1="{_number(x)}" y1="{_number(y + CELL)}"'
                        f' x2="{_number(x + CELL)}" y2="{_number(y)}" stroke="{GRID_STROKE}"/>'
                    )
                    continue
                count = int(counts.get((i, j), 0))
                fill = fill_for(count, largest)
                colour = ZERO_TEXT if count == 0 else text_colour_for(fill)
                tip = f"{names[i]} \N{RIGHTWARDS ARROW} {names[j]}: {count}"
                out.append(
                    f'<g class="ledger-chart__cell"><rect {box} fill="{fill}">'
                    f"<title>{_text(tip)}</title></rect>"
                    f'<text x="{_number(x + CELL / 2)}" y="{_number(y + CELL / 2 + FONT_SIZE / 3)}"'
                    f' fill="{colour}">{count}</text></g>'
                )
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
