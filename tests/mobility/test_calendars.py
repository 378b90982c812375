"""Private iCalendar feeds: the links page, the feeds, their tokens and how
they are revoked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from icalendar import Calendar

from mobinnov.mobility import calendars, services
from mobinnov.mobility.models import Mobility
from mobinnov.network.models import Membership
from tests.conftest import make_user
from tests.mobility import factories as f

D = dt.date
LINKS = reverse("mobility:calendar_links")


def user_url(user: Any) -> str:
    return reverse("mobility:calendar_user", kwargs={"token": calendars.user_token(user)})


def organisation_url(user: Any, organisation: Any) -> str:
    return reverse(
        "mobility:calendar_organisation",
        kwargs={"token": calendars.organisation_token(user, organisation)},
    )


def events(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["PRODID"] == calendars.PRODID
    assert str(calendar["VERSION"]) == "2.0"
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def trips(org_a, org_b, staff_a, coordinator_a, coordinator_b) -> dict[str, Mobility]:
    planned = f.mobility(staff_a, org_a, org_b, start=D(2025, 4, 7), end=D(2025, 4, 11))
    agreed = f.mobility(staff_a, org_a, org_b, start=D(2025, 6, 2), end=D(2025, 6, 6))
    Mobility.objects.filter(pk=agreed.pk).update(status=Mobility.Status.AGREED)
    cancelled = f.mobility(staff_a, org_a, org_b, start=D(2025, 9, 1), end=D(2025, 9, 5))
    services.set_status(cancelled, Mobility.Status.CANCELLED, coordinator_a, "Strike.")
    guest = make_user("guest.b@example.org")
    Membership.objects.create(user=guest, organisation=org_b)
    incoming = f.mobility(guest, org_b, org_a, start=D(2025, 5, 5), end=D(2025, 5, 7))
    return {"planned": planned, "agreed": agreed, "cancelled": cancelled, "incoming": incoming}


def test_links_page(as_user, org_a, staff_a, coordinator_a, coordinator_b):
    assert as_user(None).get(LINKS).status_code == 302
    response = as_user(staff_a).get(LINKS)
    assert response.status_code == 200
    text = response.content.decode()
    assert "http://testserver" + user_url(staff_a) in text
    assert response.context["feeds"] == []
    assert "anyone who has one can see the events" in text
    assert response["Cache-Control"] == "private, no-store"

    response = as_user(coordinator_a).get(LINKS)
    (feed,) = response.context["feeds"]
    assert feed["organisation"] == org_a
    assert feed["url"] == "http://testserver" + organisation_url(coordinator_a, org_a)
    assert org_a.name in response.content.decode()
    # Coordinator of B gets B's feed, never A's.
    (feed_b,) = as_user(coordinator_b).get(LINKS).context["feeds"]
    assert feed_b["organisation"] != org_a


def test_user_feed(client, trips, staff_a, org_b):
    found = events(client.get(user_url(staff_a)))
    planned, agreed = trips["planned"], trips["agreed"]
    assert set(found) == {f"{planned.reference}@mobinnov", f"{agreed.reference}@mobinnov"}
    event = found[f"{planned.reference}@mobinnov"]
    assert event.decoded("DTSTART") == D(2025, 4, 7)
    assert event.decoded("DTEND") == D(2025, 4, 12)  # exclusive: the day after the last
    assert "VALUE=DATE" in event.to_ical().decode()
    assert str(event["SUMMARY"]) == f"Job shadowing at {org_b.name}"
    assert str(event["LOCATION"]) == "Köln, Germany"
    assert str(event["STATUS"]) == "TENTATIVE"
    assert planned.reference in str(event["DESCRIPTION"])
    link = "http://testserver" + planned.get_absolute_url()
    assert link in str(event["DESCRIPTION"]) and str(event["URL"]) == link
    assert str(found[f"{agreed.reference}@mobinnov"]["STATUS"]) == "CONFIRMED"


def test_user_feed_speaks_the_users_language(client, trips, staff_a, org_b):
    staff_a.preferred_language = "fr"
    staff_a.save(update_fields=["preferred_language"])
    found = events(client.get(user_url(staff_a)))
    event = found[f"{trips['planned'].reference}@mobinnov"]
    assert str(event["LOCATION"]) == "Köln, Allemagne"


def test_organisation_feed(client, trips, org_a, org_b, coordinator_a, staff_a):
    found = events(client.get(organisation_url(coordinator_a, org_a)))
    # Sent and received, cancelled left out.
    assert set(found) == {
        f"{trips[name].reference}@mobinnov" for name in ("planned", "agreed", "incoming")
    }
    sent = found[f"{trips['planned'].reference}@mobinnov"]
    assert str(sent["SUMMARY"]) == f"{staff_a.full_name} → {org_b.name}"
    received = found[f"{trips['incoming'].reference}@mobinnov"]
    guest = trips["incoming"].participant
    assert str(received["SUMMARY"]) == f"{guest.full_name} → {org_a.name}"
    assert str(received["LOCATION"]) == "Lyon, France"
    assert received.decoded("DTEND") == D(2025, 5, 8)


def test_tampered_tokens_are_not_found(client, trips, staff_a, org_a, coordinator_a):
    token = calendars.user_token(staff_a)
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), "nonsense", token + "x"):
        url = reverse("mobility:calendar_user", kwargs={"token": bad})
        assert client.get(url).status_code == 404
    # A token of one kind does not open the other kind of feed.
    crossed = reverse(
        "mobility:calendar_organisation", kwargs={"token": calendars.user_token(coordinator_a)}
    )
    assert client.get(crossed).status_code == 404
    org_token = calendars.organisation_token(coordinator_a, org_a)
    assert (
        client.get(reverse("mobility:calendar_user", kwargs={"token": org_token})).status_code
        == 404
    )


def test_changing_the_password_revokes_the_links(client, trips, staff_a, org_a, coordinator_a):
    personal, organisation = user_url(staff_a), organisation_url(coordinator_a, org_a)
    assert client.get(personal).status_code == 200
    staff_a.set_password("another-long-password-42")
    staff_a.save()
    assert client.get(personal).status_code == 404
    assert client.get(user_url(staff_a)).status_code == 200  # a new link works
    coordinator_a.set_password("another-long-password-42")
    coordinator_a.save()
    assert client.get(organisation).status_code == 404


def test_deactivated_person_loses_the_feed(client, trips, staff_a):
    url = user_url(staff_a)
    staff_a.is_active = False
    staff_a.save()
    assert client.get(url).status_code == 404


def test_organisation_link_stops_when_no_longer_coordinator(client, trips, org_a, coordinator_a):
    url = organisation_url(coordinator_a, org_a)
    assert client.get(url).status_code == 200
    Membership.objects.filter(user=coordinator_a, organisation=org_a).update(role="staff")
    assert client.get(url).status_code == 404
    Membership.objects.filter(user=coordinator_a, organisation=org_a).update(role="coordinator")
    assert client.get(url).status_code == 200
    org_a.is_active = False
    org_a.save()
    assert client.get(url).status_code == 404


def test_organisation_token_for_someone_elses_organisation(client, trips, org_b, coordinator_a):
    """A token is only worth what its holder may see: coordinator A holding a
    (validly signed) token for B gets nothing."""
    assert client.get(organisation_url(coordinator_a, org_b)).status_code == 404


@pytest.mark.parametrize("count", [2, 10])
def test_feed_query_count(
    count, client, org_a, org_b, staff_a, coordinator_a, django_assert_max_num_queries
):
    for number in range(count):
        start = D(2025, 1, 6) + dt.timedelta(days=7 * number)
        f.mobility(staff_a, org_a, org_b, start=start, end=start + dt.timedelta(days=2))
    with django_assert_max_num_queries(2):
        assert len(events(client.get(user_url(staff_a)))) == count
    with django_assert_max_num_queries(4):
        assert len(events(client.get(organisation_url(coordinator_a, org_a)))) == count
