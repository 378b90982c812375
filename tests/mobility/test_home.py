"""The mobility front page: what waits for each person, and the way in by role."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from mobinnov.mobility import services
from tests.mobility import factories as f

URL = "/mobility/"


def test_the_address() -> None:
    assert reverse("mobility:home") == URL


def test_anonymous_visitors_get_the_public_ways_in(as_user: Any, db: None) -> None:
    page = as_user(None).get(URL).content.decode()
    assert reverse("mobility:offer_list") in page and reverse("accounts:login") in page
    assert reverse("mobility:round_list") not in page
    assert reverse("mobility:need_create") not in page


def test_staff_see_their_mobilities_not_rounds_nor_budgets(
    as_user: Any, staff_a: Any, org_a: Any, org_b: Any, coordinator_a: Any
) -> None:
    mobility = f.mobility(staff_a, org_a, org_b, by=coordinator_a)
    page = as_user(staff_a).get(URL).content.decode()
    assert mobility.reference in page and reverse("mobility:need_create") in page
    assert reverse("mobility:round_list") not in page
    assert reverse("mobility:budget_organisation", args=[org_a.slug]) not in page


def test_coordinators_see_what_waits_for_them_in_their_organisation_only(
    as_user: Any, staff_a: Any, org_a: Any, coordinator_a: Any, coordinator_b: Any
) -> None:
    need = f.need(staff_a, org_a)
    services.submit_need(need, staff_a)
    page = as_user(coordinator_a).get(URL).content.decode()
    assert "1 learning need to endorse" in page
    assert reverse("mobility:budget_organisation", args=[org_a.slug]) in page
    other = as_user(coordinator_b).get(URL).content.decode()
    assert "0 learning needs to endorse" in other
    assert reverse("mobility:budget_organisation", args=[org_a.slug]) not in other
