"""The transfer map: the pure SVG builder (arrows, widths, escaping,
accessibility), the flows read from implementation records, the public page
with its table alternative, and the map on the partner directory."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.urls import reverse

from mobinnov.impact.models import ImplementationRecord
from mobinnov.impact.transfer_map import (
    MAX_WIDTH,
    MIN_WIDTH,
    Flow,
    Place,
    render_transfer_map,
    stroke_width,
)
from mobinnov.impact.views_records import transfer_flows
from mobinnov.network.models import Membership
from tests.api.test_practices_api import make_published_practice
from tests.conftest import make_user
from tests.impact.test_implementation_web import (
    assert_accessible,
    completed_mobility,
    make_org,
    record,
    text,
)

SVG = "{http://www.w3.org/2000/svg}"
LYON = Place(1, "Lycée professionnel Alpha", 45.75, 4.85)
KOELN = Place(2, "Berufskolleg Beta", 50.94, 6.96)
TORINO = Place(3, "Istituto Gamma", 45.07, 7.69)
NOWHERE = Place(4, "Somewhere without coordinates")
SYDNEY = Place(5, "Far away", -33.87, 151.21)


def render(flows: list[Flow], **extra: Any) -> str:
    return render_transfer_map(flows, title="Transfer map", description="How it went.", **extra)


def arrows(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "transfer-flow"]


# --- the pure builder -------------------------------------------------------------------


def test_widths_grow_with_the_count():
    assert stroke_width(1, 1) == MIN_WIDTH
    assert stroke_width(1, 10) == MIN_WIDTH
    assert stroke_width(10, 10) == MAX_WIDTH
    assert stroke_width(4, 7) == pytest.approx(MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * 3 / 6)
    assert stroke_width(2, 10) < stroke_width(3, 10) < stroke_width(9, 10)


def test_the_map_is_an_accessible_well_formed_image():
    svg = render([Flow(KOELN, LYON, ("Welding simulators",), 3)])

    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Transfer map"
    assert desc is not None and desc.text == "How it went."
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "style=" not in svg
    assert "<script" not in svg
    assert len(root.find(f"{SVG}g")) > 30  # the base map's countries


def test_one_arrow_per_flow_with_its_width_and_tooltip():
    svg = render(
        [
            Flow(KOELN, LYON, ("Welding simulators", "Peer grids"), 6),
            Flow(LYON, TORINO, ("Kitchen brigade",), 1),
        ],
        arrow_label="{source} to {target}: {count} ({practices})",
    )

    drawn = arrows(svg)
    assert len(drawn) == 2
    tooltips = [g.find(f"{SVG}title").text for g in drawn]
    assert tooltips[0] == (
        "Berufskolleg Beta to Lycée professionnel Alpha: 6 (Welding simulators, Peer grids)"
    )
    widths = [float(g.findall(f"{SVG}path")[0].get("stroke-width") or 0) for g in drawn]
    assert widths == [MAX_WIDTH, MIN_WIDTH]
    # One node per partner.
    assert len(ET.fromstring(svg).findall(f".//{SVG}circle")) == 3


def test_a_flow_and_its_way_back_bend_to_opposite_sides():
    svg = render([Flow(KOELN, LYON, ("A",), 1), Flow(LYON, KOELN, ("B",), 1)])

    controls = [
        tuple(
            map(
                float,
                re.search(
                    r"Q([-\d.]+) ([-\d.]+)", g.findall(f"{SVG}path")[0].get("d") or ""
                ).groups(),
            )
        )
        for g in arrows(svg)
    ]
    assert len(controls) == 2
    assert controls[0] != controls[1]


def test_flows_off_the_map_are_not_drawn():
    svg = render(
        [
            Flow(NOWHERE, LYON, ("A",), 2),
            Flow(KOELN, SYDNEY, ("B",), 2),
            Flow(KOELN, LYON, ("C",), 2),
        ]
    )
    assert len(arrows(svg)) == 1


def test_text_is_escaped():
    evil = Place(9, 'Evil <script>alert("x")</script> & Co', 48.85, 2.35)
    svg = render_transfer_map(
        [Flow(evil, LYON, ("<b>bold</b> practice",), 1)],
        title="<title>",
        description='quote " and <tag>',
    )
    assert "<script>" not in svg
    assert "<b>" not in svg
    root = ET.fromstring(svg)  # still well-formed
    assert root.find(f"{SVG}title").text == "<title>"
    assert "&lt;script&gt;" in svg


def test_an_empty_map_still_renders():
    root = ET.fromstring(render([]))
    assert arrows(render([])) == []
    assert root.get("role") == "img"


# --- flows from the records -------------------------------------------------------------


@pytest.fixture
def network(org_a, org_b, staff_a, coordinator_a, coordinator_b):
    gamma = make_org("Istituto Gamma Torino", "IT", 45.07, 7.69, "E10000003")
    simulators = make_published_practice(org_b, title="Welding simulators")
    grids = make_published_practice(org_b, title="Peer assessment grids")
    kitchen = make_published_practice(org_a, title="Kitchen brigade")
    hidden = make_published_practice(org_b, title="Unpublished idea", public=False, status="draft")
    to_alpha = completed_mobility(staff_a, org_a, org_b, coordinator_a)
    record(to_alpha, practice=simulators, stage=ImplementationRecord.Stage.EMBEDDED)
    record(to_alpha, practice=grids, stage=ImplementationRecord.Stage.PILOTING)
    record(to_alpha, practice=simulators, stage=ImplementationRecord.Stage.IMPLEMENTED)
    record(to_alpha, practice=grids, stage=ImplementationRecord.Stage.PLANNED)  # not yet
    record(to_alpha, practice=hidden, stage=ImplementationRecord.Stage.EMBEDDED)  # not public
    record(to_alpha, practice=None, stage=ImplementationRecord.Stage.EMBEDDED)  # no practice
    person = make_user("staff.g@example.org")
    Membership.objects.create(user=person, organisation=gamma, role=Membership.Role.STAFF)
    to_gamma = completed_mobility(person, gamma, org_a, person)
    record(to_gamma, practice=kitchen, stage=ImplementationRecord.Stage.IMPLEMENTED)
    # A practice of the sending organisation itself is no transfer.
    record(to_alpha, practice=kitchen, stage=ImplementationRecord.Stage.IMPLEMENTED)
    return {"gamma": gamma}


def test_flows_count_records_from_the_practice_host_to_the_sender(network, org_a, org_b):
    flows = transfer_flows()

    summary = [(f.source.label, f.target.label, f.practices, f.count) for f in flows]
    assert summary == [
        (
            "Berufskolleg Beta",
            "Lycée professionnel Alpha",
            ("Peer assessment grids", "Welding simulators"),
            3,
        ),
        ("Lycée professionnel Alpha", "Istituto Gamma Torino", ("Kitchen brigade",), 1),
    ]
    assert flows[0].source.url == org_b.get_absolute_url()
    assert flows[0].source.on_map and flows[0].target.on_map


def test_the_public_page_shows_the_map_and_its_table(client, network):
    response = client.get(reverse("impact:transfer_map"))

    assert response.status_code == 200
    assert_accessible(response)
    body = text(response)
    assert body.count('class="transfer-flow"') == 2
    table = body.split("<table", 1)[1]
    assert "Berufskolleg Beta" in table and "Peer assessment grids, Welding simulators" in table
    assert re.search(r"<td>3</td>", table)
    assert "Unpublished idea" not in body
    assert "Staff.A" not in body and "staff.a@example.org" not in body


def test_the_public_page_without_transfers(client, db):
    response = client.get(reverse("impact:transfer_map"))
    assert response.status_code == 200
    assert "No practice has been put in place at another partner yet." in text(response)


def test_the_partner_directory_shows_how_practices_travelled(client, network):
    response = client.get(reverse("network:partner_list"))

    body = text(response)
    assert response.status_code == 200
    assert "How practices travelled" in body
    assert body.count('class="transfer-flow"') == 2
    assert_accessible(response)


def test_the_partner_directory_has_no_empty_transfer_section(client, org_a):
    assert "How practices travelled" not in text(client.get(reverse("network:partner_list")))


def test_the_map_page_queries_do_not_grow_with_records(
    client, org_a, org_b, coordinator_a, django_assert_max_num_queries
):
    def add(count: int) -> None:
        for number in range(count):
            practice = make_published_practice(org_b, title=f"Practice {count}-{number}")
            person = make_user(f"p{count}-{number}@example.org")
            Membership.objects.create(user=person, organisation=org_a, role=Membership.Role.STAFF)
            record(completed_mobility(person, org_a, org_b, coordinator_a), practice=practice)

    add(2)
    with django_assert_max_num_queries(6) as few:
        client.get(reverse("impact:transfer_map"))
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("impact:transfer_map"))
    assert "<td>10</td>" in response.content.decode()
