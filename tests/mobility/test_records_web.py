"""Mobility record pages: the list (who sees which rows, filters, queries),
manual booking, the record, its edition, its programme and its status; who
may do what, bad input next to the fields, concurrent edits."""

from __future__ import annotations

import datetime as dt
import html
import itertools
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mobinnov.mobility import services
from mobinnov.mobility.models import Approval, Mobility, ProgrammeDay
from mobinnov.network.models import Membership, Organisation
from mobinnov.network.services import organisation_create
from tests.api.test_practices_api import make_published_practice
from tests.conftest import make_user
from tests.mobility import factories as f

D = dt.date
LOGIN = "/accounts/login/"


# --- shared helpers -----------------------------------------------------------------


class _Page(HTMLParser):
    """What the accessibility rules of the project look at in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.problems: list[str] = []
        self.label_for: set[str] = set()
        self.fields: list[tuple[str, bool]] = []  # (id, inside a <label>)
        self.open_labels = 0
        self.open_table: dict[str, Any] | None = None
        self.tables: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if "style" in attributes:
            self.problems.append(f"{tag}[style]")
        if tag == "script":
            self.problems.append("<script>")
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))
        if tag == "label":
            self.open_labels += 1
            if attributes.get("for"):
                self.label_for.add(str(attributes["for"]))
        if tag in {"input", "select", "textarea"}:
            kind = attributes.get("type", "")
            if kind not in {"hidden", "submit", "button"}:
                self.fields.append((str(attributes.get("id") or ""), self.open_labels > 0))
        if tag == "table":
            self.open_table = {
                "named": bool(attributes.get("aria-label") or attributes.get("aria-labelledby")),
                "th_scope": True,
            }
            self.tables.append(self.open_table)
        if tag == "caption" and self.open_table is not None:
            self.open_table["named"] = True
        if tag == "th" and self.open_table is not None and not attributes.get("scope"):
            self.open_table["th_scope"] = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.open_labels -= 1


def assert_accessible(response: Any) -> None:
    """One h1, headings in order, a label for every field, named tables with
    scoped headers, no inline style or script."""
    page = _Page()
    page.feed(response.content.decode())
    main = page.headings
    assert main.count(1) == 1, main
    for before, after in itertools.pairwise(main):
        assert after <= before + 1, f"heading h{after} after h{before}: {main}"
    assert page.problems == []
    unlabelled = [
        ident for ident, wrapped in page.fields if not wrapped and ident not in page.label_for
    ]
    assert unlabelled == []
    assert all(table["named"] and table["th_scope"] for table in page.tables), page.tables


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def persona_client(request: Any, as_user: Any, persona: str) -> Any:
    return as_user(None if persona == "anonymous" else request.getfixturevalue(persona))


def make_org(name: str, country: str, city: str, lat: float, lon: float, oid: str) -> Organisation:
    return organisation_create(
        data={
            "name": name,
            "org_type": "vet_school",
            "country": country,
            "city": city,
            "latitude": lat,
            "longitude": lon,
            "erasmus_oid": oid,
        }
    )


def member(email: str, organisation: Organisation, role: str = "staff", full_name: str = "") -> Any:
    user = make_user(email)
    if full_name:
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def org_c(db: None) -> Organisation:
    return make_org("Instituto Gamma", "ES", "Valencia", 39.47, -0.38, "E10000003")


@pytest.fixture
def coordinator_c(org_c: Organisation) -> Any:
    return member("coord.c@example.org", org_c, "coordinator")


@pytest.fixture
def participant(org_a: Organisation) -> Any:
    """A staff member of A who is not the staff_a persona."""
    return member("pat@example.org", org_a, full_name="Patricia Participant")


@pytest.fixture
def to_c(
    participant: Any, org_a: Organisation, org_c: Organisation, coordinator_a: Any
) -> Mobility:
    """Participant of A hosted by C: coordinator_b is unrelated to it."""
    return f.mobility(participant, org_a, org_c, by=coordinator_a)


@pytest.fixture
def to_b(
    participant: Any, org_a: Organisation, org_b: Organisation, coordinator_a: Any
) -> Mobility:
    return f.mobility(
        participant, org_a, org_b, by=coordinator_a, start=D(2025, 6, 2), end=D(2025, 6, 6)
    )


def url(name: str, mobility: Mobility) -> str:
    return reverse(f"mobility:{name}", kwargs={"reference": mobility.reference})


# --- who may see and change a record ----------------------------------------------------


EVERYONE = ["anonymous", "staff_a", "coordinator_a", "coordinator_b", "editor", "admin"]


@pytest.mark.parametrize(
    ("persona", "detail", "edit"),
    [
        ("anonymous", 302, 302),
        ("staff_a", 403, 403),  # a colleague of the participant
        ("participant", 200, 403),
        ("coordinator_a", 200, 200),
        ("coordinator_b", 403, 403),  # coordinates an organisation unrelated to it
        ("coordinator_c", 200, 200),  # the host
        ("editor", 403, 403),
        ("admin", 200, 200),
    ],
)
def test_who_sees_and_edits_a_mobility(
    request: Any, as_user: Any, to_c: Mobility, coordinator_b: Any, persona: str, detail, edit
) -> None:
    client = persona_client(request, as_user, persona)
    for name, expected in (
        ("mobility_detail", detail),
        ("mobility_edit", edit),
        ("mobility_programme", edit),
    ):
        response = client.get(url(name, to_c))
        assert response.status_code == expected, (name, persona)
        if expected == 302:
            assert response["Location"].startswith(LOGIN)
        if expected == 403:
            assert "Patricia Participant" not in text(response)


def test_the_host_coordinator_sees_the_record_with_the_participant(
    as_user: Any, to_b: Mobility, coordinator_b: Any
) -> None:
    response = as_user(coordinator_b).get(to_b.get_absolute_url())
    assert response.status_code == 200
    assert "Patricia Participant" in text(response)


def test_accessibility_needs_reach_only_the_people_of_the_mobility(
    as_user: Any,
    to_c: Mobility,
    participant: Any,
    org_a: Organisation,
    coordinator_b: Any,
    coordinator_c: Any,
) -> None:
    need = f.need(participant, org_a)
    need.accessibility_needs = "Uses a wheelchair; needs step-free access."
    need.save(update_fields=["accessibility_needs"])
    Mobility.objects.filter(pk=to_c.pk).update(need=need)
    host = text(as_user(coordinator_c).get(to_c.get_absolute_url()))
    assert "Uses a wheelchair; needs step-free access." in host
    outsider = as_user(coordinator_b)
    assert outsider.get(to_c.get_absolute_url()).status_code == 403
    assert "wheelchair" not in text(outsider.get(reverse("mobility:mobility_list")))


def test_an_unknown_reference_is_not_found(as_user: Any, admin: Any) -> None:
    response = as_user(admin).get("/mobility/mobilities/000999-MOB-00001/")
    assert response.status_code == 404


def test_the_record_shows_everything(
    as_user: Any, to_b: Mobility, coordinator_a: Any, coordinator_b: Any, participant: Any
) -> None:
    services.update_mobility(to_b, {"official_distance_km": 612}, coordinator_a, to_b.version)
    f.complete_agreement(to_b, participant)
    services.approve_agreement(to_b.agreement, participant, "participant")
    ProgrammeDay.objects.create(
        mobility=to_b, date=D(2025, 6, 2), activity="Welcome and tour", with_whom="Mr Weber"
    )
    response = as_user(coordinator_b).get(to_b.get_absolute_url())
    assert response.status_code == 200
    assert_accessible(response)
    page = text(response)
    for expected in (
        to_b.reference,
        "Patricia Participant",
        "pat@example.org",
        "Lycée professionnel Alpha",
        "Berufskolleg Beta",
        "02/06/2025 \u2013 06/06/2025",
        "Job shadowing",
        "Welcome and tour",
        "Mr Weber",
        "612 km",  # the official distance, next to the computed one
        "500-1999 km",
        "Estimated budget",
        "Travel (return trip, distance band)",
        "309.00",
        "Cancel the mobility",
        "Approve the agreement as receiving organisation",
        "Download the agreement as PDF",
    ):
        assert expected in page, expected
    to_b.refresh_from_db()
    assert f"{to_b.distance_km} km" in page and to_b.distance_km != 612
    approval = to_b.agreement.approvals.get()
    assert timezone.localtime(approval.approved_at).strftime("%d/%m/%Y") in page
    # A planned mobility cannot be marked under way; the button is not offered.
    assert 'value="under_way"' not in page


def test_the_record_shows_a_budget_error(as_user: Any, coordinator_a: Any, to_b: Mobility) -> None:
    Mobility.objects.filter(pk=to_b.pk).update(
        budget_error="No distance: the places have no coordinates."
    )
    page = text(as_user(coordinator_a).get(to_b.get_absolute_url()))
    assert "No distance: the places have no coordinates." in page


def test_the_participant_sees_no_edit_buttons(
    as_user: Any, participant: Any, to_b: Mobility
) -> None:
    page = text(as_user(participant).get(to_b.get_absolute_url()))
    assert "Edit the mobility" not in page and "Cancel the mobility" not in page
    assert "Write the agreement" in page
    assert "Approve the agreement as participant" in page
    assert "Approve the agreement as sending organisation" not in page


# --- list -------------------------------------------------------------------------------


@pytest.fixture
def network(
    org_a: Organisation,
    org_b: Organisation,
    org_c: Organisation,
    staff_a: Any,
    coordinator_a: Any,
    coordinator_b: Any,
    participant: Any,
) -> dict[str, Mobility]:
    """A sends two (to B, to C), B sends one to A, C sends one to B."""
    visitor_b = member("visitor.b@example.org", org_b, full_name="Bruno Besucher")
    visitor_c = member("visitor.c@example.org", org_c, full_name="Carla Visitante")
    return {
        "staff_a_to_b": f.mobility(staff_a, org_a, org_b, by=coordinator_a),
        "pat_to_c": f.mobility(
            participant, org_a, org_c, start=D(2024, 5, 6), end=D(2024, 5, 10), by=coordinator_a
        ),
        "b_to_a": f.mobility(visitor_b, org_b, org_a, by=coordinator_b),
        "c_to_b": f.mobility(visitor_c, org_c, org_b, start=D(2025, 9, 1), end=D(2025, 9, 5)),
    }


def listed(response: Any) -> set[str]:
    return {row["mobility"].reference for row in response.context["rows"]}


def test_the_list_needs_an_account(as_user: Any) -> None:
    response = as_user(None).get(reverse("mobility:mobility_list"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("staff_a", {"staff_a_to_b"}),
        ("participant", {"pat_to_c"}),
        ("coordinator_a", {"staff_a_to_b", "pat_to_c", "b_to_a"}),
        ("coordinator_b", {"staff_a_to_b", "b_to_a", "c_to_b"}),
        ("editor", set()),
        ("admin", {"staff_a_to_b", "pat_to_c", "b_to_a", "c_to_b"}),
    ],
)
def test_each_person_lists_the_mobilities_they_may_see(
    request: Any,
    as_user: Any,
    network: dict[str, Mobility],
    editor: Any,
    admin: Any,
    persona,
    expected,
) -> None:
    response = persona_client(request, as_user, persona).get(reverse("mobility:mobility_list"))
    assert response.status_code == 200
    assert listed(response) == {network[key].reference for key in expected}


def test_a_coordinator_never_sees_names_of_mobilities_they_are_not_part_of(
    as_user: Any, network: dict[str, Mobility], coordinator_b: Any
) -> None:
    page = text(as_user(coordinator_b).get(reverse("mobility:mobility_list")))
    assert "Patricia Participant" not in page  # A to C
    assert "Bruno Besucher" in page and "Carla Visitante" in page


def test_the_list_filters(as_user: Any, network: dict[str, Mobility], coordinator_a: Any) -> None:
    client = as_user(coordinator_a)
    base = reverse("mobility:mobility_list")
    sent = client.get(base, {"direction": "sent"})
    assert listed(sent) == {network["staff_a_to_b"].reference, network["pat_to_c"].reference}
    received = client.get(base, {"direction": "received"})
    assert listed(received) == {network["b_to_a"].reference}
    assert listed(client.get(base, {"year": "2024"})) == {network["pat_to_c"].reference}
    services.set_status(network["b_to_a"], "cancelled", coordinator_a, "Illness.")
    cancelled = client.get(base, {"status": "cancelled"})
    assert listed(cancelled) == {network["b_to_a"].reference}
    both = client.get(base, {"direction": "sent", "year": "2025"})
    assert listed(both) == {network["staff_a_to_b"].reference}
    assert_accessible(both)


def test_a_bad_filter_is_shown_next_to_its_field(
    as_user: Any, network: dict[str, Mobility], coordinator_a: Any
) -> None:
    response = as_user(coordinator_a).get(
        reverse("mobility:mobility_list"), {"status": "lost", "year": "1900"}
    )
    assert response.status_code == 200
    assert {"status", "year"} <= set(response.context["form"].errors)
    assert len(listed(response)) == 3  # the bad filters are not applied


def test_staff_get_no_direction_filter(as_user: Any, network: dict[str, Mobility], staff_a) -> None:
    response = as_user(staff_a).get(reverse("mobility:mobility_list"))
    assert "direction" not in response.context["form"].fields
    assert "Book a mobility" not in text(response)


def _many(count: int, org_a: Organisation, org_b: Organisation, org_c: Organisation, by: Any):
    for number in range(count):
        person = member(f"p{number}@example.org", org_a, full_name=f"Person {number}")
        host = org_b if number % 2 else org_c
        f.mobility(person, org_a, host, by=by)


@pytest.mark.parametrize("count", [2, 10])
def test_the_list_makes_the_same_queries_for_2_or_10_rows(
    as_user: Any,
    django_assert_max_num_queries: Any,
    org_a: Organisation,
    org_b: Organisation,
    org_c: Organisation,
    coordinator_a: Any,
    count: int,
) -> None:
    _many(count, org_a, org_b, org_c, coordinator_a)
    client = as_user(coordinator_a)
    client.get(reverse("mobility:mobility_list"))  # warm the session
    with django_assert_max_num_queries(7):
        response = client.get(reverse("mobility:mobility_list"), {"direction": "sent"})
    assert len(response.context["rows"]) == count


def test_the_list_is_paginated(
    as_user: Any, org_a: Organisation, org_b: Organisation, org_c: Organisation, coordinator_a
) -> None:
    _many(27, org_a, org_b, org_c, coordinator_a)
    client = as_user(coordinator_a)
    first = client.get(reverse("mobility:mobility_list"))
    assert len(first.context["rows"]) == 25 and "Next page" in text(first)
    second = client.get(reverse("mobility:mobility_list"), {"page": 2})
    assert len(second.context["rows"]) == 2


# --- booking ----------------------------------------------------------------------------


def create_url(organisation: Organisation) -> str:
    return f"{reverse('mobility:mobility_create')}?organisation={organisation.slug}"


def booking(participant: Any, receiving: Organisation, **overrides: Any) -> dict[str, Any]:
    data = {
        "participant": participant.pk,
        "receiving_organisation": receiving.pk,
        "activity_type": "SM-JOB-SHDW",
        "call_year": "2025",
        "project_code": "2025-1-FR01-KA121-VET-000123456",
        "start_date": "2025-04-07",
        "end_date": "2025-04-11",
        "travel_days": "2",
        "origin_city": "Lyon",
        "origin_country": "FR",
        "transport": "train",
        "green_travel": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 403),
        ("coordinator_a", 200),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 200),
    ],
)
def test_who_may_book_for_organisation_a(
    request: Any, as_user: Any, org_a: Organisation, persona: str, status: int
) -> None:
    response = persona_client(request, as_user, persona).get(create_url(org_a))
    assert response.status_code == status


def test_booking_page_defaults_and_choices(
    as_user: Any,
    org_a: Organisation,
    org_b: Organisation,
    staff_a: Any,
    coordinator_a: Any,
    coordinator_b: Any,
) -> None:
    offer = f.offer(org_b, title="Workshop week in Köln")
    f.offer(org_a, title="Our own offer")
    response = as_user(coordinator_a).get(create_url(org_a))
    assert_accessible(response)
    form = response.context["form"]
    assert form.initial["origin_city"] == "Lyon" and form.initial["origin_country"] == "FR"
    assert set(form.fields["participant"].queryset) == {staff_a, coordinator_a}
    assert list(form.fields["receiving_organisation"].queryset) == [org_b]
    periods = list(form.fields["offer_period"].queryset)
    assert [p.offer for p in periods] == [offer]
    page = text(response)
    assert "Workshop week in Köln" in page and "Our own offer" not in page


def test_booking_without_an_organisation(
    as_user: Any, org_a: Organisation, coordinator_a: Any, staff_a: Any, admin: Any
) -> None:
    response = as_user(coordinator_a).get(reverse("mobility:mobility_create"))
    assert response.status_code == 302 and response["Location"].endswith(org_a.slug)
    assert as_user(staff_a).get(reverse("mobility:mobility_create")).status_code == 403
    chooser = as_user(admin).get(reverse("mobility:mobility_create"))
    assert chooser.status_code == 200 and "Lycée professionnel Alpha" in text(chooser)
    assert_accessible(chooser)
    unknown = as_user(coordinator_a).get(f"{reverse('mobility:mobility_create')}?organisation=x")
    assert unknown.status_code == 404


def test_a_coordinator_books_a_mobility(
    as_user: Any, org_a: Organisation, org_b: Organisation, staff_a: Any, coordinator_a: Any
) -> None:
    offer = f.offer(org_b)
    period = offer.periods.get()
    data = booking(staff_a, org_b, offer_period=period.pk, origin_city="", origin_country="")
    response = as_user(coordinator_a).post(create_url(org_a), data)
    mobility = Mobility.objects.get()
    assert response.status_code == 302 and response["Location"] == mobility.get_absolute_url()
    assert mobility.participant == staff_a and mobility.sending_organisation == org_a
    assert mobility.offer == offer and mobility.offer_period == period
    assert mobility.origin_city == "Lyon" and mobility.green_travel
    assert mobility.transport == "train" and mobility.travel_grant > 0
    assert mobility.created_by == coordinator_a
    assert mobility.agreement.language == "en"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "2025-07-30"}, "end_date", "lasts 2 to 60 days"),
        ({"end_date": "2025-04-01"}, "end_date", "The last day cannot be before the first day."),
        ({"project_code": "ABC"}, "project_code", "A project code looks like"),
        ({"travel_days": "5", "green_travel": None}, "travel_days", "At most 2 travel days"),
        ({"receiving_organisation": "own"}, "receiving_organisation", "Select a valid choice"),
        ({"start_date": ""}, "start_date", "This field is required."),
    ],
)
def test_bad_bookings_are_refused_next_to_the_field(
    as_user: Any,
    org_a: Organisation,
    org_b: Organisation,
    staff_a: Any,
    coordinator_a: Any,
    overrides: dict[str, Any],
    field: str,
    message: str,
) -> None:
    if overrides.get("receiving_organisation") == "own":
        overrides = {"receiving_organisation": org_a.pk}
    response = as_user(coordinator_a).post(create_url(org_a), booking(staff_a, org_b, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert message in text(response)
    assert not Mobility.objects.exists()


def test_booking_refuses_overlap_capacity_and_host_staff(
    as_user: Any,
    org_a: Organisation,
    org_b: Organisation,
    staff_a: Any,
    coordinator_a: Any,
    participant: Any,
) -> None:
    client = as_user(coordinator_a)
    offer = f.offer(org_b, capacity=1)
    period = offer.periods.get()
    f.mobility(participant, org_a, org_b, offer=offer, offer_period=period)
    full = client.post(create_url(org_a), booking(staff_a, org_b, offer_period=period.pk))
    assert "full" in " ".join(full.context["form"].errors["offer_period"])
    overlap = client.post(create_url(org_a), booking(participant, org_b))
    assert "overlap" in " ".join(overlap.context["form"].errors["start_date"])
    Membership.objects.create(user=staff_a, organisation=org_b)
    host_staff = client.post(create_url(org_a), booking(staff_a, org_b))
    assert "works for the receiving organisation" in " ".join(
        host_staff.context["form"].errors["participant"]
    )
    assert Mobility.objects.count() == 1


def test_booking_refuses_an_offer_or_practice_of_another_host(
    as_user: Any,
    org_a: Organisation,
    org_b: Organisation,
    org_c: Organisation,
    staff_a: Any,
    coordinator_a: Any,
) -> None:
    period_c = f.offer(org_c).periods.get()
    practice_c = make_published_practice(org_c, title="Valencia welding lab")
    response = as_user(coordinator_a).post(
        create_url(org_a),
        booking(staff_a, org_b, offer_period=period_c.pk, practices=[practice_c.pk]),
    )
    errors = response.context["form"].errors
    assert "Choose an offer of the receiving organisation." in errors["offer_period"]
    assert "Choose practices of the receiving organisation." in errors["practices"]
    assert not Mobility.objects.exists()


def test_a_booking_links_practices_of_the_host(
    as_user: Any,
    org_a: Organisation,
    org_b: Organisation,
    staff_a: Any,
    coordinator_a: Any,
    coordinator_b: Any,
) -> None:
    practice = make_published_practice(org_b, title="Dual training in Köln")
    page = as_user(coordinator_a).get(create_url(org_a))
    assert_accessible(page)
    assert "Dual training in Köln (Berufskolleg Beta)" in text(page)
    as_user(coordinator_a).post(create_url(org_a), booking(staff_a, org_b, practices=[practice.pk]))
    mobility = Mobility.objects.get()
    assert list(mobility.practices.all()) == [practice]
    detail = as_user(coordinator_b).get(mobility.get_absolute_url())
    assert f'href="{practice.get_absolute_url()}"' in text(detail)


def test_a_coordinator_cannot_book_for_another_organisation_by_post(
    as_user: Any, org_a: Organisation, org_b: Organisation, staff_a: Any, coordinator_b: Any
) -> None:
    response = as_user(coordinator_b).post(create_url(org_a), booking(staff_a, org_b))
    assert response.status_code == 403
    assert not Mobility.objects.exists()


# --- editing ---------------------------------------------------------------------------


def edit_data(mobility: Mobility, **overrides: Any) -> dict[str, Any]:
    data = {
        "activity_type": mobility.activity_type,
        "call_year": str(mobility.call_year),
        "project_code": mobility.project_code,
        "start_date": mobility.start_date.isoformat(),
        "end_date": mobility.end_date.isoformat(),
        "travel_days": str(mobility.travel_days),
        "origin_city": mobility.origin_city,
        "origin_country": str(mobility.origin_country),
        "transport": mobility.transport,
        "official_distance_km": "",
        "version": str(mobility.version),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_edit_page_renders(as_user: Any, coordinator_a: Any, to_b: Mobility) -> None:
    response = as_user(coordinator_a).get(url("mobility_edit", to_b))
    assert response.status_code == 200
    assert_accessible(response)
    assert response.context["form"].initial["version"] == to_b.version


def test_editing_recomputes_the_budget_and_resets_approvals(
    as_user: Any, coordinator_a: Any, coordinator_b: Any, participant: Any, to_b: Mobility
) -> None:
    f.complete_agreement(to_b, participant)
    services.approve_agreement(to_b.agreement, participant, "participant")
    to_b.refresh_from_db()
    before = to_b.individual_support
    response = as_user(coordinator_b).post(
        url("mobility_edit", to_b), edit_data(to_b, end_date="2025-06-04"), follow=True
    )
    assert response.status_code == 200
    page = text(response)
    assert "The agreement's approvals were reset because the mobility changed." in page
    assert "Approvals were reset on" in page and "Coord.B" in page
    to_b.refresh_from_db()
    assert to_b.end_date == D(2025, 6, 4) and to_b.individual_support < before
    assert not to_b.agreement.approvals.exists()


def test_saving_without_change_keeps_the_approvals(
    as_user: Any, coordinator_a: Any, participant: Any, to_b: Mobility
) -> None:
    f.complete_agreement(to_b, participant)
    services.approve_agreement(to_b.agreement, participant, "participant")
    to_b.refresh_from_db()
    response = as_user(coordinator_a).post(url("mobility_edit", to_b), edit_data(to_b), follow=True)
    assert "approvals were reset" not in text(response)
    assert to_b.agreement.approvals.count() == 1


def test_a_concurrent_edit_is_refused_with_409(
    as_user: Any, coordinator_a: Any, coordinator_b: Any, to_b: Mobility
) -> None:
    stale = edit_data(to_b, project_code="2025-1-FR01-KA121-VET-000000002")
    first = as_user(coordinator_b).post(
        url("mobility_edit", to_b), edit_data(to_b, project_code="2025-1-FR01-KA121-VET-000000001")
    )
    assert first.status_code == 302
    second = as_user(coordinator_a).post(url("mobility_edit", to_b), stale)
    assert second.status_code == 409
    page = text(second)
    assert "Someone else saved this page" in page
    assert "2025-1-FR01-KA121-VET-000000002" in page  # what they typed is kept
    to_b.refresh_from_db()
    assert to_b.project_code == "2025-1-FR01-KA121-VET-000000001"
    assert second.context["form"].data["version"] == str(to_b.version)


def test_a_bad_edit_changes_nothing(
    as_user: Any, coordinator_a: Any, participant: Any, org_a: Organisation, org_c, to_b: Mobility
) -> None:
    f.mobility(participant, org_a, org_c, start=D(2025, 7, 7), end=D(2025, 7, 11))
    response = as_user(coordinator_a).post(
        url("mobility_edit", to_b), edit_data(to_b, start_date="2025-07-08", end_date="2025-07-10")
    )
    assert response.status_code == 200
    assert "overlap" in " ".join(response.context["form"].errors["start_date"])
    to_b.refresh_from_db()
    assert to_b.start_date == D(2025, 6, 2)


def test_a_cancelled_mobility_cannot_be_edited(
    as_user: Any, coordinator_a: Any, to_b: Mobility
) -> None:
    services.set_status(to_b, "cancelled", coordinator_a, "Strike.")
    to_b.refresh_from_db()
    response = as_user(coordinator_a).post(
        url("mobility_edit", to_b), edit_data(to_b, end_date="2025-06-05")
    )
    assert "cannot be changed" in text(response)
    to_b.refresh_from_db()
    assert to_b.end_date == D(2025, 6, 6)


# --- programme --------------------------------------------------------------------------


def programme_data(mobility: Mobility, rows: list[tuple[str, str]], **extra: Any) -> dict:
    data: dict[str, Any] = {
        "version": str(extra.pop("version", mobility.version)),
        "day-TOTAL_FORMS": str(len(rows)),
        "day-INITIAL_FORMS": str(extra.pop("initial", 0)),
        "day-MIN_NUM_FORMS": "0",
        "day-MAX_NUM_FORMS": "100",
    }
    for index, (date, activity) in enumerate(rows):
        data[f"day-{index}-date"] = date
        data[f"day-{index}-activity"] = activity
        data[f"day-{index}-with_whom"] = ""
        data[f"day-{index}-place"] = ""
    data.update(extra)
    return data


def test_the_programme_page_renders_its_rows(
    as_user: Any, coordinator_b: Any, to_b: Mobility
) -> None:
    ProgrammeDay.objects.create(mobility=to_b, date=D(2025, 6, 3), activity="Workshop visit")
    response = as_user(coordinator_b).get(url("mobility_programme", to_b))
    assert response.status_code == 200
    assert_accessible(response)
    assert len(response.context["formset"].forms) == 4  # one row and three empty ones
    assert "Workshop visit" in text(response) and "31/05/2025" in text(response)


def test_saving_the_programme_replaces_the_rows(
    as_user: Any, coordinator_b: Any, to_b: Mobility
) -> None:
    ProgrammeDay.objects.create(mobility=to_b, date=D(2025, 6, 3), activity="Old entry")
    rows = [("2025-06-01", "Travel to Köln"), ("2025-06-02", "Welcome"), ("", "")]
    data = programme_data(to_b, rows)
    response = as_user(coordinator_b).post(url("mobility_programme", to_b), data, follow=True)
    assert "The programme is saved." in text(response)
    assert list(to_b.programme.values_list("activity", flat=True)) == ["Travel to Köln", "Welcome"]


def test_a_programme_day_outside_the_stay_is_refused(
    as_user: Any, coordinator_a: Any, to_b: Mobility
) -> None:
    ProgrammeDay.objects.create(mobility=to_b, date=D(2025, 6, 3), activity="Kept")
    rows = [("2025-06-02", "Welcome"), ("2025-06-09", "Too late")]
    response = as_user(coordinator_a).post(
        url("mobility_programme", to_b), programme_data(to_b, rows)
    )
    assert response.status_code == 200
    formset = response.context["formset"]
    assert not formset.forms[0].errors
    assert "Choose a day from 31/05/2025 to 08/06/2025" in formset.forms[1].errors["date"][0]
    assert "Choose a day from 31/05/2025 to 08/06/2025" in text(response)
    assert list(to_b.programme.values_list("activity", flat=True)) == ["Kept"]


def test_a_programme_row_is_removed(as_user: Any, coordinator_a: Any, to_b: Mobility) -> None:
    ProgrammeDay.objects.create(mobility=to_b, date=D(2025, 6, 3), activity="Going")
    ProgrammeDay.objects.create(mobility=to_b, date=D(2025, 6, 4), activity="Staying")
    rows = [("2025-06-03", "Going"), ("2025-06-04", "Staying")]
    data = programme_data(to_b, rows, initial=2, **{"day-0-DELETE": "on"})
    as_user(coordinator_a).post(url("mobility_programme", to_b), data)
    assert list(to_b.programme.values_list("activity", flat=True)) == ["Staying"]


def test_a_programme_change_resets_approvals_unless_frozen(
    as_user: Any, coordinator_a: Any, coordinator_b: Any, participant: Any, to_b: Mobility
) -> None:
    f.complete_agreement(to_b, participant)
    services.approve_agreement(to_b.agreement, participant, "participant")
    to_b.refresh_from_db()
    client = as_user(coordinator_a)
    response = client.post(
        url("mobility_programme", to_b),
        programme_data(to_b, [("2025-06-02", "Welcome")]),
        follow=True,
    )
    assert "approvals were reset because the programme changed" in text(response)
    assert not to_b.agreement.approvals.exists()
    for user, party in (
        (participant, "participant"),
        (coordinator_a, "sending"),
        (coordinator_b, "receiving"),
    ):
        services.approve_agreement(to_b.agreement, user, party)
    to_b.refresh_from_db()
    assert to_b.agreement.is_frozen
    response = client.post(
        url("mobility_programme", to_b),
        programme_data(to_b, [("2025-06-02", "Welcome"), ("2025-06-03", "Added later")]),
        follow=True,
    )
    assert "The agreement is frozen: its approvals are kept." in text(response)
    assert to_b.agreement.approvals.count() == 3
    assert to_b.programme.count() == 2


def test_an_unchanged_programme_is_not_a_change(
    as_user: Any, coordinator_a: Any, participant: Any, to_b: Mobility
) -> None:
    ProgrammeDay.objects.create(mobility=to_b, date=D(2025, 6, 2), activity="Welcome")
    f.complete_agreement(to_b, participant)
    services.approve_agreement(to_b.agreement, participant, "participant")
    to_b.refresh_from_db()
    version = to_b.version
    data = programme_data(to_b, [("2025-06-02", "Welcome")], initial=1)
    response = as_user(coordinator_a).post(url("mobility_programme", to_b), data, follow=True)
    assert "The programme did not change." in text(response)
    to_b.refresh_from_db()
    assert to_b.version == version and to_b.agreement.approvals.count() == 1


def test_a_concurrent_programme_edit_is_refused_with_409(
    as_user: Any, coordinator_a: Any, coordinator_b: Any, to_b: Mobility
) -> None:
    stale = programme_data(to_b, [("2025-06-03", "Mine")])
    first = programme_data(to_b, [("2025-06-02", "Theirs")])
    assert as_user(coordinator_b).post(url("mobility_programme", to_b), first).status_code == 302
    response = as_user(coordinator_a).post(url("mobility_programme", to_b), stale)
    assert response.status_code == 409
    assert "Someone else saved this page" in text(response) and "Mine" in text(response)
    assert list(to_b.programme.values_list("activity", flat=True)) == ["Theirs"]


def test_the_programme_of_a_cancelled_mobility_is_not_changed(
    as_user: Any, coordinator_a: Any, to_b: Mobility
) -> None:
    services.set_status(to_b, "cancelled", coordinator_a, "Strike.")
    to_b.refresh_from_db()
    response = as_user(coordinator_a).post(
        url("mobility_programme", to_b), programme_data(to_b, [("2025-06-02", "Welcome")])
    )
    assert response.status_code == 200
    assert "cancelled or evaluated mobility cannot be changed" in text(response)
    assert not to_b.programme.exists()


# --- status ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("staff_a", 403), ("participant", 403), ("coordinator_b", 403)],
)
def test_who_may_not_change_a_status(
    request: Any, as_user: Any, to_c: Mobility, coordinator_b: Any, persona: str, status: int
) -> None:
    client = persona_client(request, as_user, persona)
    response = client.post(url("mobility_status", to_c), {"status": "cancelled", "reason": "x"})
    assert response.status_code == status
    to_c.refresh_from_db()
    assert to_c.status == Mobility.Status.PLANNED


def test_cancelling_needs_a_reason(as_user: Any, coordinator_c: Any, to_c: Mobility) -> None:
    client = as_user(coordinator_c)
    refused = client.post(url("mobility_status", to_c), {"status": "cancelled"}, follow=True)
    assert "Give the reason for cancelling." in text(refused)
    to_c.refresh_from_db()
    assert to_c.status == Mobility.Status.PLANNED
    done = client.post(
        url("mobility_status", to_c), {"status": "cancelled", "reason": "Flood."}, follow=True
    )
    assert "The mobility is now cancelled." in text(done)
    to_c.refresh_from_db()
    assert to_c.status == Mobility.Status.CANCELLED and to_c.cancellation_reason == "Flood."
    assert "Flood." in text(done)


def test_status_follows_the_transitions(
    as_user: Any, coordinator_a: Any, coordinator_b: Any, participant: Any, to_b: Mobility
) -> None:
    client = as_user(coordinator_a)
    too_early = client.post(url("mobility_status", to_b), {"status": "under_way"}, follow=True)
    assert "A mobility that is planned cannot become under way." in text(too_early)
    unknown = client.post(url("mobility_status", to_b), {"status": "sunk"}, follow=True)
    assert "Choose one of the statuses offered." in text(unknown)
    f.complete_agreement(to_b, participant)
    for user, party in (
        (participant, "participant"),
        (coordinator_a, "sending"),
        (coordinator_b, "receiving"),
    ):
        services.approve_agreement(to_b.agreement, user, party)
    page = text(client.get(to_b.get_absolute_url()))
    assert "Mark as under way" in page and "Mark as completed" not in page
    client.post(url("mobility_status", to_b), {"status": "under_way"})
    to_b.refresh_from_db()
    assert to_b.status == Mobility.Status.UNDER_WAY
    client.post(url("mobility_status", to_b), {"status": "completed"})
    to_b.refresh_from_db()
    assert to_b.status == Mobility.Status.COMPLETED and to_b.budget_basis == "actual"
    page = text(client.get(to_b.get_absolute_url()))
    assert "Actual budget" in page and "Mark as" not in page


def test_the_status_url_takes_only_post(as_user: Any, coordinator_a: Any, to_b: Mobility) -> None:
    assert as_user(coordinator_a).get(url("mobility_status", to_b)).status_code == 405


def test_approval_buttons_only_for_ones_own_parties(
    as_user: Any, coordinator_a: Any, participant: Any, to_b: Mobility, admin: Any
) -> None:
    page = text(as_user(coordinator_a).get(to_b.get_absolute_url()))
    assert "Approve the agreement as sending organisation" in page
    assert "Approve the agreement as receiving organisation" not in page
    assert "Approve the agreement as participant" not in page
    admin_page = text(as_user(admin).get(to_b.get_absolute_url()))
    assert "Approve the agreement as" not in admin_page
    assert Approval.objects.count() == 0
