"""Ways into the evaluation from the mobility page, and what robots skip."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobinnov.mobility.models import Mobility
from tests.mobility import factories as mf


def test_the_mobility_page_links_to_its_evaluation(
    as_user: Any, staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any, coordinator_b: Any
) -> None:
    mobility = mf.mobility(staff_a, org_a, org_b, by=coordinator_a)
    invitations = f'href="{reverse("impact:mobility_invitations", args=[mobility.reference])}"'
    record = f'href="{reverse("impact:implementation_create", args=[mobility.reference])}"'
    page = as_user(coordinator_a).get(mobility.get_absolute_url()).content.decode()
    assert invitations in page and record not in page  # not completed yet
    Mobility.objects.filter(pk=mobility.pk).update(status=Mobility.Status.COMPLETED)
    page = as_user(coordinator_a).get(mobility.get_absolute_url()).content.decode()
    assert invitations in page and record in page
    # The host's coordinator sees the mobility, not the participant's evaluation.
    host_page = as_user(coordinator_b).get(mobility.get_absolute_url()).content.decode()
    assert invitations not in host_page and record not in host_page
    participant_page = as_user(staff_a).get(mobility.get_absolute_url()).content.decode()
    assert record in participant_page and invitations not in participant_page


def test_robots_skip_personal_links(client: Any) -> None:
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /evaluate/" in body and "Disallow: /mobility/calendar/" in body
