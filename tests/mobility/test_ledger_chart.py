"""The SVG heat map of the reciprocity ledger: well-formed, escaped, labelled,
readable (contrast), darker for larger counts."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from mobinnov.mobility.ledger_chart import (
    MAX_LABEL_CHARS,
    contrast_ratio,
    fill_for,
    relative_luminance,
    render_ledger_chart,
    text_colour_for,
)

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ["A & B <test>", "Berufskolleg Beta", 'Lycée "Gamma" l\'Ouest']
COUNTS = {(0, 1): 3, (1, 0): 1, (0, 2): 7, (2, 1): 12}


def chart(names=NAMES, counts=COUNTS, **options) -> str:
    options.setdefault("title", "Participants sent <2025>")
    options.setdefault("description", "Rows send & columns receive.")
    return render_ledger_chart(names, counts, **options)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def cells(root: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    """(rect, text) of every off-diagonal cell."""
    out = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "ledger-chart__cell":
            out.append((group.find(f"{SVG}rect"), group.find(f"{SVG}text")))
    return out


def test_chart_is_well_formed_and_names_itself():
    root = parse(chart(id_prefix="year 2025"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert title_id == "year-2025-title" and desc_id == "year-2025-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.get("id") == title_id and title.text == "Participants sent <2025>"
    assert desc.get("id") == desc_id and desc.text == "Rows send & columns receive."
    assert "style=" not in chart()


def test_names_are_escaped_and_read_back_intact():
    svg = chart()
    assert "<test>" not in svg
    assert "A &amp; B &lt;test&gt;" in svg
    texts = [element.text for element in parse(svg).iter(f"{SVG}text")]
    # Each name labels its row and its column.
    for name in NAMES:
        assert texts.count(name) == 2
    tooltips = [element.text for element in parse(svg).iter(f"{SVG}title")]
    assert "A & B <test> \N{RIGHTWARDS ARROW} Berufskolleg Beta: 3" in tooltips


def test_characters_xml_forbids_are_dropped():
    root = parse(chart(names=["Bad\x00name\x1f", "Ok"], counts={(0, 1): 1}))
    assert "Badname" in [element.text for element in root.iter(f"{SVG}text")]


def test_long_names_are_shortened_in_labels_and_kept_in_tooltips():
    long_name = "Centre de formation des apprentis de la chambre de métiers du Rhône"
    root = parse(chart(names=[long_name, "Beta"], counts={(0, 1): 2}))
    labels = [element.text for element in root.iter(f"{SVG}text")]
    short = [text for text in labels if text and text.startswith("Centre de formation")]
    assert short and all(len(text) == MAX_LABEL_CHARS and text.endswith("…") for text in short)
    tooltips = [element.text for element in root.iter(f"{SVG}title")]
    assert f"{long_name} \N{RIGHTWARDS ARROW} Beta: 2" in tooltips


def test_every_off_diagonal_cell_shows_its_count_and_the_diagonal_is_blank():
    root = parse(chart())
    shown = {
        rect.find(f"{SVG}title").text.rsplit(": ", 1)[0]: int(text.text)
        for rect, text in cells(root)
    }
    assert len(shown) == 6  # 3 partners: 3 x 3 - 3 diagonal cells
    assert shown['A & B <test> \N{RIGHTWARDS ARROW} Lycée "Gamma" l\'Ouest'] == 7
    assert shown['Lycée "Gamma" l\'Ouest \N{RIGHTWARDS ARROW} Berufskolleg Beta'] == 12
    assert shown['Berufskolleg Beta \N{RIGHTWARDS ARROW} Lycée "Gamma" l\'Ouest'] == 0
    numbers = [element.text for element in root.iter(f"{SVG}text") if element.text.isdigit()]
    assert len(numbers) == 6


def test_numbers_contrast_enough_with_their_cell():
    counts = {(i, j): i * 4 + j for i in range(4) for j in range(4)}
    counts[(0, 1)] = 0  # zeros are written in grey
    root = parse(chart(names=["A", "B", "C", "D"], counts=counts))
    pairs = cells(root)
    assert len(pairs) == 12
    for rect, text in pairs:
        assert contrast_ratio(rect.get("fill"), text.get("fill")) >= 4.5, (
            rect.get("fill"),
            text.get("fill"),
        )


def test_larger_counts_are_darker():
    largest = 12
    luminances = [relative_luminance(fill_for(count, largest)) for count in range(largest + 1)]
    assert luminances == sorted(luminances, reverse=True)
    assert len(set(luminances)) == largest + 1
    assert fill_for(0, largest) == "#ffffff"
    # One participant never looks like none.
    assert contrast_ratio(fill_for(1, 100), "#ffffff") > 1.2


@pytest.mark.parametrize("count", range(0, 21))
def test_text_colour_is_the_more_readable_of_black_and_white(count):
    fill = fill_for(count, 20)
    colour = text_colour_for(fill)
    assert contrast_ratio(fill, colour) >= 4.5
    other = "#ffffff" if colour == "#000000" else "#000000"
    assert contrast_ratio(fill, colour) >= contrast_ratio(fill, other)


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)


def test_an_empty_ledger_is_still_a_valid_labelled_chart():
    root = parse(chart(names=[], counts={}))
    assert root.find(f"{SVG}title").text == "Participants sent <2025>"
    assert not list(root.iter(f"{SVG}rect"))


def test_axis_captions_are_written_escaped():
    root = parse(chart(row_axis="Rows: sending <partner>", column_axis="Columns & receiving"))
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "Rows: sending <partner>" in texts and "Columns & receiving" in texts
