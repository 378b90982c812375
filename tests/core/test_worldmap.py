"""Tests of the server-side SVG map (pure: no database, no Django settings)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mobinnov.core import worldmap
from mobinnov.core.worldmap import (
    MapPoint,
    decode_object,
    europe_base_paths,
    project_lonlat,
    render_partner_map,
)

SVG = "{http://www.w3.org/2000/svg}"

PARIS = (48.85, 2.35)
BERLIN = (52.52, 13.40)
HELSINKI = (60.17, 24.94)
ROME = (41.90, 12.50)
LISBON = (38.72, -9.14)
NEW_YORK = (40.71, -74.01)

# Two arcs meeting at (10, 20) and (11, 21); the polygon walks the first one
# forwards and the second one backwards (index -2 is ~1).
TINY_TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
    "objects": {
        "shapes": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, -2]], "properties": {"name": "Triangle"}},
                {"type": "MultiPolygon", "arcs": [[[0, -2]], [[1, -1]]], "id": "002"},
                {"type": "Point", "coordinates": [1, 1], "properties": {"name": "Dot"}},
            ],
        }
    },
    "arcs": [
        [[0, 0], [2, 0], [0, 4]],  # (10, 20) -> (11, 20) -> (11, 21)
        [[0, 0], [2, 4]],  # (10, 20) -> (11, 21)
    ],
}


def _point(label: str, where: tuple[float, float], url: str = "/p/", detail: str = "") -> MapPoint:
    return MapPoint(label=label, url=url, latitude=where[0], longitude=where[1], detail=detail)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_decode_tiny_topology_with_reversed_arc() -> None:
    features = decode_object(TINY_TOPOLOGY, "shapes")

    assert [name for name, _ in features] == ["Triangle", "002", "Dot"]
    triangle = [(10.0, 20.0), (11.0, 20.0), (11.0, 21.0), (10.0, 20.0)]
    assert features[0][1] == [[triangle]]
    # Second polygon: arc 1 forwards, then arc 0 backwards.
    reverse = [(10.0, 20.0), (11.0, 21.0), (11.0, 20.0), (10.0, 20.0)]
    assert features[1][1] == [[triangle], [reverse]]
    assert features[2][1] == []  # a point has no area


def test_decode_without_transform_reads_absolute_positions() -> None:
    topology = {
        "type": "Topology",
        "objects": {"one": {"type": "Polygon", "arcs": [[0]]}},
        "arcs": [[[1.5, 2.5], [3.0, 2.5], [3.0, 4.0], [1.5, 2.5]]],
    }
    assert decode_object(topology, "one") == [
        ("", [[[(1.5, 2.5), (3.0, 2.5), (3.0, 4.0), (1.5, 2.5)]]])
    ]


def test_projection_keeps_europe_the_right_way_round() -> None:
    paris = project_lonlat(PARIS[1], PARIS[0])
    berlin = project_lonlat(BERLIN[1], BERLIN[0])
    helsinki = project_lonlat(HELSINKI[1], HELSINKI[0])
    rome = project_lonlat(ROME[1], ROME[0])
    lisbon = project_lonlat(LISBON[1], LISBON[0])

    assert paris[0] < berlin[0]  # west is left
    assert lisbon[0] < paris[0] < helsinki[0]
    assert helsinki[1] < rome[1]  # north is up (SVG y grows downwards)
    assert berlin[1] < rome[1]
    width, height = worldmap.view_box()
    for x, y in (paris, berlin, helsinki, rome, lisbon):
        assert 0 <= x <= width
        assert 0 <= y <= height


def test_projection_is_monotonic_along_a_parallel_and_a_meridian() -> None:
    xs = [project_lonlat(lon, 50.0)[0] for lon in range(-25, 46, 5)]
    ys = [project_lonlat(10.0, lat)[1] for lat in range(34, 73, 2)]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert ys == sorted(ys, reverse=True) and len(set(ys)) == len(ys)


def test_render_links_and_escapes_labels() -> None:
    svg = render_partner_map(
        [
            _point("École <Paris> & Co", PARIS, url="/partners/1/?a=1&b=2", detail="France"),
            _point("<script>alert(1)</script>", HELSINKI, url="/partners/2/"),
        ],
        title='Partners "map"',
        description="Where our <partners> are",
    )

    assert svg.count("<a href=") == 2
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "École &lt;Paris&gt; &amp; Co \N{EN DASH} France" in svg
    assert 'href="/partners/1/?a=1&amp;b=2"' in svg
    assert "Partners &quot;map&quot;" in svg
    assert "Where our &lt;partners&gt; are" in svg

    root = _parse(svg)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.get("class") == "partner-map"
    assert root.get("role") is None
    assert root.get("aria-labelledby") == "map-title map-desc"
    assert root.find(f"{SVG}title").get("id") == "map-title"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").get("id") == "map-desc"  # type: ignore[union-attr]
    base = root.find(f"{SVG}g")
    assert base is not None and base.get("aria-hidden") == "true"
    assert base.get("fill") == "#e6e9ee" and base.get("stroke") == "#9aa3ad"

    links = root.findall(f".//{SVG}a")
    assert [link.findtext(f"{SVG}title") for link in links] == [
        "École <Paris> & Co \N{EN DASH} France",
        "<script>alert(1)</script>",
    ]
    circle = links[0].find(f"{SVG}circle")
    assert circle is not None
    assert (circle.get("r"), circle.get("fill"), circle.get("stroke")) == (
        "6",
        "#0b5cad",
        "#ffffff",
    )
    assert circle.get("stroke-width") == "1.5"


def test_point_outside_europe_is_skipped() -> None:
    svg = render_partner_map(
        [_point("Paris", PARIS), _point("New York", NEW_YORK)], title="t", description="d"
    )
    assert svg.count("<a href=") == 1
    assert "New York" not in svg


def test_points_at_the_same_place_stay_apart() -> None:
    svg = render_partner_map(
        [_point(f"School {i}", PARIS, url=f"/p/{i}/") for i in range(3)],
        title="t",
        description="d",
    )
    circles = _parse(svg).findall(f".//{SVG}a/{SVG}circle")
    centres = [(float(c.get("cx", "nan")), float(c.get("cy", "nan"))) for c in circles]
    assert len(centres) == 3
    assert len(set(centres)) == 3
    for i, (ax, ay) in enumerate(centres):
        for bx, by in centres[i + 1 :]:
            # At least one radius apart, so every circle keeps a clickable part.
            assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 >= 6


def test_unsafe_link_schemes_are_neutralised() -> None:
    svg = render_partner_map(
        [
            _point("a", PARIS, url="javascript:alert(1)"),
            _point("b", BERLIN, url=" JavaScript:alert(1)"),
            _point("c", ROME, url="https://example.org/x"),
        ],
        title="t",
        description="d",
    )
    hrefs = [a.get("href") for a in _parse(svg).iter(f"{SVG}a")]
    assert hrefs == ["#", "#", "https://example.org/x"]


def test_size_follows_width_and_ids_can_be_prefixed() -> None:
    svg = render_partner_map([], title="t", description="d", width=400, id_prefix="p7")
    root = _parse(svg)
    view_width, view_height = worldmap.view_box()
    assert root.get("width") == "400"
    assert root.get("height") == str(round(400 * view_height / view_width))
    assert root.get("viewBox", "").startswith("0 0 800 ")
    assert root.get("aria-labelledby") == "p7-title p7-desc"
    # No inline <style>: the Content-Security-Policy forbids it.
    assert root.find(f"{SVG}style") is None


def test_base_map_is_small_and_holds_europe() -> None:
    paths = europe_base_paths()
    names = {name for name, _ in paths}
    assert {"France", "Germany", "Finland", "Iceland", "Cyprus", "Portugal", "Turkey"} <= names
    assert "United States of America" not in names
    assert "Australia" not in names
    total = sum(len(d) for _, d in paths)
    assert 20_000 < total < 200_000
    assert all(d.startswith("M") and d.endswith("z") for _, d in paths)


def test_vendored_data_is_the_expected_topology() -> None:
    topology = json.loads(worldmap.DATA_FILE.read_text(encoding="utf-8"))
    assert topology["type"] == "Topology"
    assert "countries" in topology["objects"]


def test_import_does_not_load_the_data() -> None:
    """A fresh interpreter imports the module without opening the JSON file."""
    src = Path(worldmap.__file__).resolve().parents[2]
    script = textwrap.dedent(
        """
        import sys

        opened = []
        sys.addaudithook(
            lambda event, args: opened.append(str(args[0]))
            if event == "open" and "countries-" in str(args[0])
            else None
        )
        from mobinnov.core import worldmap

        assert opened == [], opened
        assert worldmap.europe_base_paths.cache_info().currsize == 0
        worldmap.europe_base_paths()
        assert len(opened) == 1, opened  # proves the hook does see the load
        assert worldmap.europe_base_paths.cache_info().currsize == 1
        print("ok")
        """
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize("latitude", [float("nan"), float("inf")])
def test_non_finite_coordinates_are_skipped(latitude: float) -> None:
    svg = render_partner_map([MapPoint("x", "/x/", latitude, 2.0)], title="t", description="d")
    assert "<a href=" not in svg
