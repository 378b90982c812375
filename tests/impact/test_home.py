"""The evaluation front page shows each role its ways in."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def test_each_role_sees_its_links(
    as_user: Any, staff_a: Any, coordinator_a: Any, editor: Any, org_a: Any
) -> None:
    url = reverse("impact:home")
    anonymous = as_user(None).get(url).content.decode()
    assert reverse("impact:summary") in anonymous
    assert reverse("impact:my_evaluation") not in anonymous
    staff = as_user(staff_a).get(url).content.decode()
    assert reverse("impact:my_evaluation") in staff
    assert reverse("impact:dashboard_organisation", args=[org_a.slug]) not in staff
    assert reverse("impact:dashboard_network") not in staff
    coordinator = as_user(coordinator_a).get(url).content.decode()
    assert reverse("impact:dashboard_organisation", args=[org_a.slug]) in coordinator
    assert reverse("impact:item_list") not in coordinator
    editing = as_user(editor).get(url).content.decode()
    assert reverse("impact:dashboard_network") in editing and reverse("impact:item_list") in editing
