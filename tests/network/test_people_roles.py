"""Admins grant and withdraw the network roles; the network always keeps an admin."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from mobinnov.accounts.models import User


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (None, 302),
        ("staff_a", 403),
        ("coordinator_a", 403),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_only_admins_see_and_change_roles(request, as_user, persona, expected, staff_a):
    user = request.getfixturevalue(persona) if persona else None
    client = as_user(user)
    assert client.get(reverse("network:people")).status_code == expected
    response = client.post(reverse("network:person_roles", args=[staff_a.pk]), {"is_editor": "on"})
    staff_a.refresh_from_db()
    assert staff_a.is_editor is (expected == 200)
    if expected != 200:
        assert response.status_code == expected


def test_an_admin_makes_someone_editor_and_it_is_audited(as_user, admin, staff_a):
    response = as_user(admin).post(
        reverse("network:person_roles", args=[staff_a.pk]), {"is_editor": "on"}, follow=True
    )
    assert "The roles of" in response.content.decode()
    staff_a.refresh_from_db()
    assert staff_a.is_editor and not staff_a.is_network_admin
    entry = LogEntry.objects.get_for_object(staff_a).filter(actor=admin).latest("timestamp")
    assert "is_editor" in entry.changes_dict and "password" not in entry.changes_dict


def test_the_last_admin_cannot_withdraw_their_own_role(as_user, admin):
    response = as_user(admin).post(
        reverse("network:person_roles", args=[admin.pk]), {}, follow=True
    )
    assert "The network needs at least one admin." in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_network_admin


def test_the_page_finds_people_and_lists_their_organisations_in_constant_queries(
    as_user, admin, staff_a, coordinator_a, coordinator_b, django_assert_max_num_queries
):
    client = as_user(admin)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("network:people")).content.decode()
    assert "Lycée professionnel Alpha" in html and "Berufskolleg Beta" in html
    for number in range(20):
        User.objects.create_user(email=f"extra{number}@example.org", password="x")
    with django_assert_max_num_queries(12):
        client.get(reverse("network:people"))
    html = client.get(reverse("network:people") + "?q=coord.b").content.decode()
    assert "coord.b@example.org" in html and "staff.a@example.org" not in html
