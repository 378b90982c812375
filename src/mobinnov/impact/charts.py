"""Server-rendered SVG charts of the impact dashboards and reports.

Pure Python, no Django and no database: each builder takes plain figures and
the texts to write (already translated and formatted by the caller) and
returns a complete ``<svg>`` element, or ``""`` when there is nothing to draw
(every group too small). Every piece of text is escaped here with
``xml.sax.saxutils.escape``, so the result may be marked safe.

Accessibility: each chart names itself with ``role="img"`` and
``aria-labelledby`` pointing to its ``<title>`` and ``<desc>``; the page puts
a table with the same figures right after it (the text alternative). Values
are written next to bars and dots, so nothing is told by colour alone. No
inline style (the Content-Security-Policy forbids it): only SVG presentation
attributes. The same SVG works inline in WeasyPrint's PDF.

- :func:`rate_chart`: horizontal bars, the response rate of each wave;
- :func:`flow_chart`: the T0 -> T1 -> T2 -> T3 flow of participants;
- :func:`change_chart`: dots and intervals, the mean change per competence
  with its confidence interval;
- :func:`stage_chart`: stacked bars, implementation records by stage.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import NamedTuple
from xml.sax.saxutils import escape

__all__ = [
    "ChangeDot",
    "FlowBox",
    "RateBar",
    "StackBar",
    "change_chart",
    "flow_chart",
    "rate_chart",
    "stage_chart",
]

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
FONT_SIZE = 13
SMALL = 11
CHAR_WIDTH = 7.4  # approximate advance of a character at FONT_SIZE
TEXT = "#1b1f24"
MUTED = "#4a525c"  # 8:1 on white
BAR = "#0b5cad"  # the site's blue: 6.4:1 on white
GRID = "#c5ccd3"
AXIS = "#4a525c"
STAGE_FILLS = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")
WHITE, BLACK = "#ffffff", "#000000"
MAX_LABEL = 36

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


class RateBar(NamedTuple):
    """One wave: ``rate`` between 0 and 1 (None: too few answers), ``text``
    written after the bar (e.g. "45 % (9 of 20)")."""

    label: str
    rate: float | None
    text: str = ""


class FlowBox(NamedTuple):
    """One wave of the flow: participants who answered it and those still
    there (answered it and every earlier wave); None when too few."""

    label: str
    answered: int | None
    retained: int | None


class ChangeDot(NamedTuple):
    """One row: mean change and its interval (None: too few answers);
    ``text`` written at the right (e.g. "+0.8 [0.5; 1.1]")."""

    label: str
    mean: float | None
    low: float | None = None
    high: float | None = None
    text: str = ""


class StackBar(NamedTuple):
    """One bar: count per stage code (None: too few records)."""

    label: str
    counts: Mapping[str, int] | None


def _text(value: object) -> str:
    """Text for XML content or a double-quoted attribute."""
    return escape(_XML_INVALID.sub("", str(value)), {'"': "&quot;"})


def _short(label: str, limit: int = MAX_LABEL) -> str:
    label = " ".join(str(label).split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"


def _wrap(text: str, limit: int) -> list[str]:
    """Words of ``text`` in lines of at most ``limit`` characters (a longer
    word stays whole)."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _safe_id(value: str) -> str:
    return _ID_UNSAFE.sub("-", value) or "chart"


def _number(value: float, decimal: str = ".") -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", decimal)


def _svg(
    width: float, height: float, chart_id: str, title: str, description: str, body: list[str]
) -> str:
    ident = _safe_id(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="{FONT}" font-size="{FONT_SIZE}" fill="{TEXT}">'
        f'<title id="{ident}-title">{_text(title)}</title>'
        f'<desc id="{ident}-desc">{_text(description)}</desc>'
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="{WHITE}"/>'
        + "".join(body)
        + "</svg>"
    )


def _label(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = FONT_SIZE,
    fill: str = TEXT,
    italic: bool = False,
    bold: bool = False,
) -> str:
    extra = ' font-style="italic"' if italic else ""
    extra += ' font-weight="bold"' if bold else ""
    size_attribute = f' font-size="{size}"' if size != FONT_SIZE else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"'
        f"{size_attribute}{extra}>{_text(text)}</text>"
    )


def _label_width(labels: Sequence[str]) -> float:
    longest = max((len(_short(label)) for label in labels), default=4)
    return min(MAX_LABEL, max(4, longest)) * CHAR_WIDTH + 12


# --- response rates -------------------------------------------------------------------


def rate_chart(
    bars: Sequence[RateBar],
    *,
    title: str,
    description: str,
    hidden_text: str,
    chart_id: str = "rates",
) -> str:
    """Horizontal bars of the response rate of each wave, 0 to 100 %.
    A wave with too few answers gets ``hidden_text`` instead of a bar;
    ``""`` when every wave has too few."""
    if not bars or all(bar.rate is None for bar in bars):
        return ""
    left = _label_width([bar.label for bar in bars])
    plot, row, top = 320.0, 30.0, 12.0
    right = 190.0
    width = left + plot + right
    height = top + row * len(bars) + 34
    body: list[str] = []
    for step in range(5):
        x = left + plot * step / 4
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" '
            f'y2="{top + row * len(bars):.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(
            _label(
                x,
                top + row * len(bars) + 18,
                f"{step * 25} %",
                anchor="middle",
                size=SMALL,
                fill=MUTED,
            )
        )
    for index, bar in enumerate(bars):
        y = top + row * index
        middle = y + row / 2 + 4.5
        body.append(_label(left - 10, middle, _short(bar.label), anchor="end"))
        if bar.rate is None:
            body.append(_label(left + 6, middle, hidden_text, fill=MUTED, italic=True))
            continue
        rate = min(1.0, max(0.0, float(bar.rate)))
        length = plot * rate
        body.append(
            f'<rect x="{left:.1f}" y="{y + 6:.1f}" width="{length:.1f}" height="{row - 12:.1f}" '
            f'fill="{BAR}"/>'
        )
        text = bar.text or f"{round(rate * 100)} %"
        body.append(_label(left + length + 6, middle, text))
    body.append(
        f'<line x1="{left:.1f}" y1="{top - 4:.1f}" x2="{left:.1f}" '
        f'y2="{top + row * len(bars):.1f}" stroke="{AXIS}" stroke-width="1.5"/>'
    )
    return _svg(width, height, chart_id, title, description, body)


# --- the flow T0 -> T1 -> T2 -> T3 ---------------------------------------------------------


def flow_chart(
    steps: Sequence[FlowBox],
    *,
    title: str,
    description: str,
    hidden_text: str,
    answered_text: str = "{n} answered",
    retained_text: str = "{n} answered every wave so far",
    chart_id: str = "flow",
) -> str:
    """Columns left to right, one per wave, as high as the participants who
    answered it, joined by arrows carrying the participants still there.
    ``answered_text`` and ``retained_text`` contain ``{n}``. ``""`` when
    every wave has too few answers."""
    if not steps or all(step.answered is None for step in steps):
        return ""
    column, gap, top, plot = 120.0, 70.0, 34.0, 150.0
    width = 20 + len(steps) * column + (len(steps) - 1) * gap + 20
    height = top + plot + 92
    largest = max((step.answered or 0 for step in steps), default=0) or 1
    body: list[str] = []
    base = top + plot
    for index, step in enumerate(steps):
        x = 20 + index * (column + gap)
        centre = x + column / 2
        body.append(_label(centre, base + 22, _short(step.label, 18), anchor="middle", bold=True))
        if step.answered is None:
            for number, line in enumerate(_wrap(hidden_text, 16)):
                body.append(
                    _label(
                        centre,
                        base - 40 + 16 * number,
                        line,
                        anchor="middle",
                        fill=MUTED,
                        italic=True,
                        size=SMALL,
                    )
                )
        else:
            height_bar = max(2.0, plot * step.answered / largest)
            body.append(
                f'<rect x="{x + 20:.1f}" y="{base - height_bar:.1f}" width="{column - 40:.1f}" '
                f'height="{height_bar:.1f}" fill="{BAR}"/>'
            )
            body.append(
                _label(
                    centre,
                    base - height_bar - 8,
                    answered_text.format(n=step.answered),
                    anchor="middle",
                )
            )
        if index:
            x1, x2 = x - gap + 6, x - 6
            y = base - 20
            body.append(
                f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2 - 8:.1f}" y2="{y:.1f}" '
                f'stroke="{AXIS}" stroke-width="2"/>'
                f'<path d="M{x2:.1f},{y:.1f} l-10,-5 l0,10 z" fill="{AXIS}"/>'
            )
            lines = (
                _wrap(retained_text.format(n=step.retained), 22)
                if step.retained is not None
                else _wrap(hidden_text, 22)
            )
            for number, line in enumerate(lines):
                body.append(
                    _label(
                        x - gap / 2,
                        base + 44 + 14 * number,
                        line,
                        anchor="middle",
                        size=SMALL,
                        fill=MUTED,
                        italic=step.retained is None,
                    )
                )
    body.append(
        f'<line x1="10" y1="{base:.1f}" x2="{width - 10:.1f}" y2="{base:.1f}" '
        f'stroke="{AXIS}" stroke-width="1.5"/>'
    )
    return _svg(width, height, chart_id, title, description, body)


# --- change per competence ----------------------------------------------------------------


def _domain(rows: Sequence[ChangeDot]) -> tuple[float, float]:
    values = [0.0]
    for row in rows:
        for value in (row.mean, row.low, row.high):
            if value is not None and math.isfinite(value):
                values.append(float(value))
    low = min(-0.5, math.floor(min(values) * 2) / 2)
    high = max(0.5, math.ceil(max(values) * 2) / 2)
    return low, high


def change_chart(
    rows: Sequence[ChangeDot],
    *,
    title: str,
    description: str,
    hidden_text: str,
    axis_label: str,
    chart_id: str = "change",
    decimal: str = ".",
) -> str:
    """One line per row: a dot at the mean change and a line over its
    confidence interval, on an axis through zero (no change). ``""`` when
    every row has too few answers."""
    if not rows or all(row.mean is None for row in rows):
        return ""
    left = _label_width([row.label for row in rows])
    plot, row_height, top, right = 300.0, 30.0, 14.0, 170.0
    width = left + plot + right
    height = top + row_height * len(rows) + 52
    low, high = _domain(rows)

    def x_of(value: float) -> float:
        return left + plot * (value - low) / (high - low)

    body: list[str] = []
    bottom = top + row_height * len(rows)
    step = 0.5 if high - low <= 4 else 1.0
    tick = low
    while tick <= high + 1e-9:
        x = x_of(tick)
        is_zero = abs(tick) < 1e-9
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{AXIS if is_zero else GRID}" stroke-width="{1.5 if is_zero else 1}"'
            + (' stroke-dasharray="4 3"' if is_zero else "")
            + "/>"
        )
        body.append(
            _label(x, bottom + 16, _number(tick, decimal), anchor="middle", size=SMALL, fill=MUTED)
        )
        tick += step
    body.append(_label(left + plot / 2, bottom + 36, axis_label, anchor="middle", size=SMALL))
    for index, row in enumerate(rows):
        y = top + row_height * index + row_height / 2
        body.append(_label(left - 10, y + 4.5, _short(row.label), anchor="end"))
        if row.mean is None:
            body.append(_label(left + 6, y + 4.5, hidden_text, fill=MUTED, italic=True))
            continue
        if row.low is not None and row.high is not None:
            body.append(
                f'<line x1="{x_of(row.low):.1f}" y1="{y:.1f}" x2="{x_of(row.high):.1f}" '
                f'y2="{y:.1f}" stroke="{BAR}" stroke-width="3"/>'
            )
            for end in (row.low, row.high):
                body.append(
                    f'<line x1="{x_of(end):.1f}" y1="{y - 6:.1f}" x2="{x_of(end):.1f}" '
                    f'y2="{y + 6:.1f}" stroke="{BAR}" stroke-width="2"/>'
                )
        body.append(
            f'<circle cx="{x_of(row.mean):.1f}" cy="{y:.1f}" r="6" fill="{BAR}" '
            f'stroke="{WHITE}" stroke-width="1.5"/>'
        )
        if row.text:
            body.append(_label(left + plot + 10, y + 4.5, row.text))
    return _svg(width, height, chart_id, title, description, body)


# --- implementation stages -------------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    value = colour.lstrip("#")
    r, g, b = (channel(int(value[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _on(fill: str) -> str:
    """Black or white text, whichever contrasts more with ``fill``."""
    lum = _luminance(fill)
    return BLACK if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else WHITE


def stage_chart(
    bars: Sequence[StackBar],
    stages: Sequence[tuple[str, str]],
    *,
    title: str,
    description: str,
    hidden_text: str,
    chart_id: str = "stages",
) -> str:
    """Stacked horizontal bars: each bar split by stage (``stages``: code and
    label, in order), with a legend and the counts written in the segments
    wide enough. ``""`` when every bar has too few records."""
    if not bars or all(bar.counts is None for bar in bars):
        return ""
    left = _label_width([bar.label for bar in bars])
    plot, row, right = 360.0, 32.0, 60.0
    legend_height = 30.0
    top = legend_height + 10
    width = left + plot + right
    height = top + row * len(bars) + 16
    largest = max((sum(bar.counts.values()) for bar in bars if bar.counts), default=0) or 1
    body: list[str] = []
    x = 10.0
    for index, (_code, label) in enumerate(stages):
        fill = STAGE_FILLS[index % len(STAGE_FILLS)]
        body.append(
            f'<rect x="{x:.1f}" y="8" width="14" height="14" fill="{fill}" '
            f'stroke="{AXIS}" stroke-width="0.5"/>'
        )
        body.append(_label(x + 20, 20, label, size=SMALL))
        x += 20 + len(label) * 6.6 + 18
    width = max(width, x)
    for index, bar in enumerate(bars):
        y = top + row * index
        middle = y + row / 2 + 4.5
        body.append(_label(left - 10, middle, _short(bar.label), anchor="end"))
        if bar.counts is None:
            body.append(_label(left + 6, middle, hidden_text, fill=MUTED, italic=True))
            continue
        start = left
        total = 0
        for number, (code, _label_text) in enumerate(stages):
            count = int(bar.counts.get(code, 0))
            if count <= 0:
                continue
            total += count
            fill = STAGE_FILLS[number % len(STAGE_FILLS)]
            length = plot * count / largest
            body.append(
                f'<rect x="{start:.1f}" y="{y + 5:.1f}" width="{length:.1f}" '
                f'height="{row - 10:.1f}" fill="{fill}" stroke="{WHITE}" stroke-width="1"/>'
            )
            if length >= len(str(count)) * CHAR_WIDTH + 6:
                body.append(
                    _label(start + length / 2, middle, str(count), anchor="middle", fill=_on(fill))
                )
            start += length
        body.append(_label(start + 6, middle, str(total), bold=True))
    return _svg(width, height, chart_id, title, description, body)
