"""The SVG charts of the impact dashboards: well-formed, accessible, text
escaped, hidden groups not drawn, and figures in proportion."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from mobinnov.impact import charts

SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'Sales & <script>alert("x")</script>'
STAGES = [
    ("planned", "Planned"),
    ("piloting", "Piloting"),
    ("implemented", "Implemented"),
    ("embedded", "Embedded"),
]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def accessible(svg: str, title: str, description: str) -> ET.Element:
    root = parse(svg)
    assert root.get("role") == "img"
    title_el = root.find(f"{SVG}title")
    desc_el = root.find(f"{SVG}desc")
    assert title_el is not None and desc_el is not None
    assert title_el.text == title and desc_el.text == description
    assert root.get("aria-labelledby") == f"{title_el.get('id')} {desc_el.get('id')}"
    assert not re.search(r"\sstyle=", svg) and "<script" not in svg
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def rects(root: ET.Element, fill: str) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("fill") == fill]


# --- response rates -----------------------------------------------------------------------


def test_rate_chart_draws_bars_in_proportion() -> None:
    svg = charts.rate_chart(
        [
            charts.RateBar("T0", 0.5, "50 % (5 of 10)"),
            charts.RateBar("T1", 1.0, "100 % (8 of 8)"),
            charts.RateBar("T2", None),
        ],
        title="Response rate",
        description="Bars per wave",
        hidden_text="too few answers to show",
    )
    root = accessible(svg, "Response rate", "Bars per wave")
    bars = rects(root, charts.BAR)
    assert len(bars) == 2
    assert float(bars[1].get("width", 0)) == pytest.approx(2 * float(bars[0].get("width", 0)))
    assert float(bars[1].get("width", 0)) == pytest.approx(320.0)
    words = texts(root)
    assert "50 % (5 of 10)" in words and "too few answers to show" in words
    assert {"0 %", "50 %", "100 %"} <= set(words)


def test_rate_chart_is_not_drawn_when_every_group_is_too_small() -> None:
    bars = [charts.RateBar("T0", None), charts.RateBar("T1", None)]
    assert charts.rate_chart(bars, title="t", description="d", hidden_text="x") == ""
    assert charts.rate_chart([], title="t", description="d", hidden_text="x") == ""


def test_text_is_escaped_everywhere() -> None:
    svg = charts.rate_chart(
        [charts.RateBar(NASTY, 0.3, NASTY)],
        title=NASTY,
        description=NASTY + ' "quoted"',
        hidden_text=NASTY,
        chart_id='bad" id',
    )
    root = accessible(svg, NASTY, NASTY + ' "quoted"')
    assert NASTY in texts(root)
    assert "&lt;script&gt;" in svg and "<script" not in svg
    assert root.get("aria-labelledby") == "bad--id-title bad--id-desc"


def test_control_characters_are_dropped() -> None:
    svg = charts.rate_chart(
        [charts.RateBar("T0\x00\x1b", 0.3)], title="a\x07b", description="d", hidden_text="x"
    )
    root = parse(svg)  # would fail on characters XML forbids
    assert "T0" in texts(root)


def test_long_labels_are_shortened() -> None:
    label = "A very long competence label that goes on and on and on"
    svg = charts.change_chart(
        [charts.ChangeDot(label, 0.5, 0.1, 0.9, "+0.5")],
        title="t",
        description="d",
        hidden_text="x",
        axis_label="change",
    )
    shown = texts(parse(svg))
    assert label not in shown
    assert any(text.endswith("\N{HORIZONTAL ELLIPSIS}") and len(text) <= 36 for text in shown)


# --- flow -----------------------------------------------------------------------------------


def test_flow_chart_has_a_column_per_wave_and_arrows() -> None:
    svg = charts.flow_chart(
        [
            charts.FlowBox("T0", 40, 40),
            charts.FlowBox("T1", 30, 25),
            charts.FlowBox("T2", 20, 12),
            charts.FlowBox("T3", None, None),
        ],
        title="Flow",
        description="From T0 to T3",
        hidden_text="too few answers to show",
        answered_text="{n} answered",
        retained_text="{n} still there",
    )
    root = accessible(svg, "Flow", "From T0 to T3")
    columns = rects(root, charts.BAR)
    assert len(columns) == 3
    heights = [float(c.get("height", 0)) for c in columns]
    assert heights[0] == pytest.approx(150.0)
    assert heights[1] == pytest.approx(150.0 * 30 / 40)
    assert len(list(root.iter(f"{SVG}path"))) == 3  # arrow heads between 4 waves
    words = " ".join(texts(root))
    for expected in ("40 answered", "25 still there", "12 still there", "T3", "too few"):
        assert expected in words


def test_flow_chart_is_not_drawn_without_any_group_of_five() -> None:
    steps = [charts.FlowBox("T0", None, None), charts.FlowBox("T1", None, None)]
    assert charts.flow_chart(steps, title="t", description="d", hidden_text="x") == ""


# --- change per competence -------------------------------------------------------------------


def test_change_chart_places_dots_and_intervals_on_the_axis() -> None:
    svg = charts.change_chart(
        [
            charts.ChangeDot("All competences", 1.0, 0.5, 1.5, "+1.0 [0.5; 1.5]"),
            charts.ChangeDot("Giving feedback", -0.25, -0.75, 0.25, "-0.25"),
            charts.ChangeDot("Rare", None),
        ],
        title="Change",
        description="Dots and intervals",
        hidden_text="too few answers to show",
        axis_label="Mean change",
        decimal=",",
    )
    root = accessible(svg, "Change", "Dots and intervals")
    dots = list(root.iter(f"{SVG}circle"))
    assert len(dots) == 2
    zero = next(line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray") == "4 3")
    x_zero = float(zero.get("x1", 0))
    first, second = (float(dot.get("cx", 0)) for dot in dots)
    assert first > x_zero > second
    # The scale: 1.0 is four times as far from zero as -0.25.
    assert first - x_zero == pytest.approx(4 * (x_zero - second), rel=0.01)
    words = texts(root)
    assert "+1.0 [0.5; 1.5]" in words and "too few answers to show" in words
    assert "-0,5" in words and "1,5" in words  # ticks with the decimal comma
    assert "Mean change" in words


def test_change_chart_is_not_drawn_when_every_row_is_hidden() -> None:
    rows = [charts.ChangeDot("All competences", None)]
    assert (
        charts.change_chart(rows, title="t", description="d", hidden_text="x", axis_label="a") == ""
    )


# --- implementation stages --------------------------------------------------------------------


def test_stage_chart_stacks_segments_by_stage() -> None:
    svg = charts.stage_chart(
        [
            charts.StackBar("New method", {"planned": 2, "piloting": 0, "embedded": 6}),
            charts.StackBar("New tool", None),
        ],
        STAGES,
        title="Stages",
        description="Stacked bars",
        hidden_text="too few answers to show",
    )
    root = accessible(svg, "Stages", "Stacked bars")
    segments = [
        r
        for r in root.iter(f"{SVG}rect")
        if r.get("fill") in charts.STAGE_FILLS and r.get("height") != "14"
    ]
    assert [s.get("fill") for s in segments] == [charts.STAGE_FILLS[0], charts.STAGE_FILLS[3]]
    widths = [float(s.get("width", 0)) for s in segments]
    assert widths[1] == pytest.approx(3 * widths[0])
    assert sum(widths) == pytest.approx(360.0)
    words = texts(root)
    assert {"Planned", "Piloting", "Implemented", "Embedded"} <= set(words)  # legend
    assert "8" in words and "too few answers to show" in words


def test_segment_text_contrasts_with_its_colour() -> None:
    assert charts._on(charts.STAGE_FILLS[0]) == charts.BLACK
    assert charts._on(charts.STAGE_FILLS[3]) == charts.WHITE


def test_stage_chart_is_not_drawn_when_every_bar_is_hidden() -> None:
    bars = [charts.StackBar("New method", None)]
    assert charts.stage_chart(bars, STAGES, title="t", description="d", hidden_text="x") == ""


def test_every_chart_sizes_itself() -> None:
    svg = charts.rate_chart(
        [charts.RateBar("T0", 0.4)], title="t", description="d", hidden_text="x"
    )
    root = parse(svg)
    width, height = root.get("width"), root.get("height")
    assert root.get("viewBox") == f"0 0 {width} {height}"
    assert re.fullmatch(r"\d+", width or "") and re.fullmatch(r"\d+", height or "")
