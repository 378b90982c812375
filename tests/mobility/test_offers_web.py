"""Host offer pages: browsing with filters, the offer page, creating and
editing offers with their periods, and the offers shown on practice and
partner pages."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mobinnov.excellence.models import FieldOfExcellence
from mobinnov.mobility.models import HostOffer, Mobility, OfferPeriod
from mobinnov.network.models import Membership
from mobinnov.network.services import organisation_create
from mobinnov.practices.models import Practice
from tests.conftest import make_user
from tests.mobility import factories as f
from tests.practices.factories import draft, publish, reviewer_from

TODAY = timezone.localdate()
SOON, LATER = TODAY + dt.timedelta(days=30), TODAY + dt.timedelta(days=120)
NEXT_YEAR = TODAY + dt.timedelta(days=400)
LIST_URL = reverse("mobility:offer_list")
CREATE_URL = reverse("mobility:offer_create")


def iso(day: dt.date) -> str:
    return day.isoformat()


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def headings(response: Any) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", response.content.decode())]


def assert_headings_in_order(response: Any) -> None:
    levels = headings(response)
    assert levels.count(1) == 1 and levels[0] == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def field_errors(response: Any, form: str = "form") -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context[form].errors.items()}


def listed(response: Any) -> list[str]:
    return [offer.title for offer in response.context["page"].object_list]


def public_practice(host: Any, title: str, fields: tuple[str, ...] = ()) -> Practice:
    practice = Practice.objects.create(
        slug=title.lower().replace(" ", "-"),
        host=host,
        title=title,
        is_public=True,
        status="published",
        country=host.country,
    )
    practice.fields.set(FieldOfExcellence.objects.filter(code__in=fields))
    return practice


def offer(host: Any, title: str, **extra: Any) -> HostOffer:
    extra.setdefault("periods", ((SOON, LATER),))
    return f.offer(host, title=title, **extra)


def form_data(**overrides: Any) -> dict[str, Any]:
    """A valid offer form with one period (and an empty extra row)."""
    data: dict[str, Any] = {
        "title": "Welding workshops in Lyon",
        "formats": ["SM-JOB-SHDW", "study-visit"],
        "languages": ["en", "fr"],
        "capacity": "2",
        "min_days": "3",
        "max_days": "10",
        "programme": "Observe the simulators; co-teach a module.",
        "practical_information": "Tram T1 from the station.",
        "status": "open",
        "periods-TOTAL_FORMS": "2",
        "periods-INITIAL_FORMS": "0",
        "periods-MIN_NUM_FORMS": "0",
        "periods-MAX_NUM_FORMS": "1000",
        "periods-0-start": iso(SOON),
        "periods-0-end": iso(LATER),
        "periods-1-start": "",
        "periods-1-end": "",
    }
    data.update(overrides)
    return data


def edit_data(item: HostOffer, **overrides: Any) -> dict[str, Any]:
    """The edit form as the page sends it back, unchanged."""
    periods = list(item.periods.all())
    data = form_data(
        title=item.title,
        formats=item.formats,
        languages=item.languages,
        capacity=str(item.capacity),
        min_days=str(item.min_days),
        max_days=str(item.max_days),
        programme=item.programme,
        practical_information=item.practical_information,
        status=item.status,
        version=str(item.version),
        **{
            "periods-TOTAL_FORMS": str(len(periods) + 1),
            "periods-INITIAL_FORMS": str(len(periods)),
        },
    )
    for key in ("periods-0-start", "periods-0-end", "periods-1-start", "periods-1-end"):
        data.pop(key)
    for index, period in enumerate(periods):
        data[f"periods-{index}-id"] = str(period.pk)
        data[f"periods-{index}-start"] = iso(period.start)
        data[f"periods-{index}-end"] = iso(period.end)
    data.update(overrides)
    return data


# --- browsing ----------------------------------------------------------------------------


def test_the_list_shows_open_offers_of_active_partners_only(client, org_a, org_b):
    offer(org_a, "Open offer of Alpha")
    offer(org_a, "Draft of Alpha", status=HostOffer.Status.DRAFT)
    offer(org_b, "Closed offer of Beta", status=HostOffer.Status.CLOSED)
    gone = organisation_create(
        data={"name": "Former partner", "org_type": "vet_school", "country": "IT", "city": "Roma"}
    )
    gone.is_active = False
    gone.save()
    offer(gone, "Offer of a former partner")
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert listed(response) == ["Open offer of Alpha"]
    page = text(response)
    assert "Draft of Alpha" not in page and "Closed offer of Beta" not in page
    assert SOON.strftime("%d/%m/%Y") in page
    assert "Job shadowing" in page and "English" in page
    assert_headings_in_order(response)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "robots"}, ["Robotics lab"]),
        ({"q": "PASTRY"}, ["Bakery week"]),
        ({"country": "DE"}, ["Robotics lab"]),
        ({"format": "SM-TTA"}, ["Robotics lab"]),
        ({"language": "fr"}, ["Bakery week"]),
        ({"field": "T3"}, ["Bakery week"]),
        ({"available_from": "NEXT_YEAR"}, ["Robotics lab"]),
        ({"available_to": "SOON"}, ["Bakery week"]),
        ({"language": "fr", "country": "DE"}, []),
        ({}, ["Bakery week", "Robotics lab"]),
    ],
)
def test_filters(client, org_a, org_b, params, expected):
    bakery = offer(org_a, "Bakery week", languages=("fr", "en"))
    bakery.programme = "Pastry and bread with apprentices."
    bakery.save()
    bakery.practices.set([public_practice(org_a, "Bread school", fields=("T3",))])
    robotics = offer(
        org_b,
        "Robotics lab",
        formats=("SM-TTA",),
        periods=((SOON + dt.timedelta(days=5), NEXT_YEAR),),
    )
    robotics.programme = "Program robots with trainers."
    robotics.save()
    robotics.practices.set([public_practice(org_b, "Robot cell", fields=("T4",))])
    dates = {"NEXT_YEAR": iso(NEXT_YEAR), "SOON": iso(SOON)}
    query = {key: dates.get(value, value) for key, value in params.items()}
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert listed(response) == expected


def test_a_wrong_filter_is_explained_next_to_it(client, org_a):
    offer(org_a, "Bakery week")
    response = client.get(
        LIST_URL, {"available_from": iso(LATER), "available_to": iso(SOON), "format": "nonsense"}
    )
    assert response.status_code == 200
    errors = field_errors(response)
    assert errors["available_to"] == ["This date is before the “available from” date."]
    assert "format" in errors
    assert listed(response) == ["Bakery week"]


def test_filters_stay_in_the_page_links(client, org_a):
    for number in range(27):
        offer(org_a, f"Offer {number:02d}", languages=("fr",))
    offer(org_a, "Other language")
    response = client.get(LIST_URL, {"language": "fr"})
    assert response.context["page"].paginator.count == 27
    assert len(listed(response)) == 25
    assert "?language=fr&amp;page=2" in response.content.decode()
    second = client.get(LIST_URL, {"language": "fr", "page": "2"})
    assert listed(second) == ["Offer 25", "Offer 26"]


def test_coordinators_list_their_own_offers_in_every_status(as_user, org_a, org_b, coordinator_a):
    offer(org_a, "Open of Alpha")
    offer(org_a, "Draft of Alpha", status=HostOffer.Status.DRAFT)
    offer(org_a, "Closed of Alpha", status=HostOffer.Status.CLOSED)
    offer(org_b, "Draft of Beta", status=HostOffer.Status.DRAFT)
    offer(org_b, "Open of Beta")
    client = as_user(coordinator_a)
    everyone = client.get(LIST_URL)
    assert f'href="{LIST_URL}?mine=1"' in everyone.content.decode()
    mine = client.get(LIST_URL, {"mine": "1"})
    assert listed(mine) == ["Closed of Alpha", "Draft of Alpha", "Open of Alpha"]
    assert "Draft of Beta" not in text(mine)
    # The filters apply to one's own offers too.
    assert listed(client.get(LIST_URL, {"mine": "1", "q": "closed"})) == ["Closed of Alpha"]


@pytest.mark.parametrize("persona", [None, "staff_a", "editor"])
def test_mine_shows_no_draft_to_others(request, as_user, org_a, persona):
    offer(org_a, "Draft of Alpha", status=HostOffer.Status.DRAFT)
    offer(org_a, "Open of Alpha")
    user = request.getfixturevalue(persona) if persona else None
    response = as_user(user).get(LIST_URL, {"mine": "1"})
    assert listed(response) == ["Open of Alpha"]
    assert f'href="{LIST_URL}?mine=1"' not in response.content.decode()


def test_the_list_runs_a_constant_number_of_queries(
    client, org_a, org_b, django_assert_max_num_queries
):
    def add(count: int, start: int) -> None:
        for number in range(start, start + count):
            item = offer(
                org_a if number % 2 else org_b,
                f"Offer {number:02d}",
                periods=((SOON, SOON + dt.timedelta(days=9)), (LATER, NEXT_YEAR)),
            )
            item.practices.set([public_practice(item.organisation, f"Practice {number}")])

    add(2, 0)
    query = {"language": "en", "available_from": iso(SOON), "q": "offer"}
    with django_assert_max_num_queries(12) as few:
        assert len(listed(client.get(LIST_URL))) == 2
        assert len(listed(client.get(LIST_URL, query))) == 2
    add(8, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(listed(client.get(LIST_URL))) == 10
        assert len(listed(client.get(LIST_URL, query))) == 10


# --- the offer page -------------------------------------------------------------------------


def member_of(organisation: Any, email: str) -> Any:
    person = make_user(email)
    Membership.objects.create(user=person, organisation=organisation)
    return person


def book(item: HostOffer, person: Any, sending: Any, start: dt.date, days: int = 5) -> Mobility:
    return f.mobility(
        person,
        sending,
        item.organisation,
        start=start,
        end=start + dt.timedelta(days=days - 1),
        offer=item,
        offer_period=item.periods.get(),
    )


def test_an_open_offer_is_public(client, org_a, org_b):
    shown = public_practice(org_a, "Bread school")
    archived = public_practice(org_a, "Old practice")
    item = offer(org_a, "Bakery week", capacity=3, languages=("fr", "en"))
    item.practical_information = "Tram T1 from the station."
    item.save()
    item.practices.set([shown, archived])
    archived.is_public = False
    archived.save()
    visitor = member_of(org_b, "visitor.b@example.org")
    book(item, visitor, org_b, SOON + dt.timedelta(days=3))
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert org_a.name in page and "Lyon" in page
    assert f'href="{shown.get_absolute_url()}"' in page and "Old practice" not in page
    assert "Job shadowing" in page and "French, English" in page
    assert "Tram T1 from the station." in page
    assert f"{SOON:%d/%m/%Y}" in page and f"{LATER:%d/%m/%Y}" in page
    assert response.context["rows"][0]["left"] == 2
    assert "Edit the offer" not in page
    # Who booked is not public.
    assert str(visitor) not in page
    assert_headings_in_order(response)


def test_a_full_period_says_so(client, org_a, org_b):
    item = offer(org_a, "Bakery week", capacity=1)
    book(item, member_of(org_b, "visitor.b@example.org"), org_b, SOON)
    response = client.get(item.get_absolute_url())
    assert response.context["rows"][0]["left"] == 0
    assert "Full" in text(response)


@pytest.mark.parametrize(
    ("persona", "status", "may_edit"),
    [
        ("staff_a", 200, False),
        ("coordinator_a", 200, True),
        ("coordinator_b", 403, False),
        ("editor", 403, False),
        ("admin", 200, True),
    ],
)
def test_a_draft_stays_with_the_host(request, as_user, org_a, persona, status, may_edit):
    item = offer(org_a, "Draft of Alpha", status=HostOffer.Status.DRAFT)
    response = as_user(request.getfixturevalue(persona)).get(item.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        assert response.context["may_edit"] is may_edit
        assert ("Edit the offer" in text(response)) is may_edit


def test_anonymous_visitors_sign_in_to_see_a_draft(client, org_a):
    item = offer(org_a, "Draft of Alpha", status=HostOffer.Status.DRAFT)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_an_unknown_offer_is_404(client, db):
    assert client.get(reverse("mobility:offer_detail", args=[999])).status_code == 404


# --- creating --------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, org_a):
    response = client.get(CREATE_URL)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    response = client.post(CREATE_URL, form_data())
    assert response.status_code == 302 and not HostOffer.objects.exists()


@pytest.mark.parametrize("persona", ["staff_a", "editor", "coordinator_b"])
def test_only_the_hosts_coordinators_create_offers(request, as_user, org_a, persona):
    client = as_user(request.getfixturevalue(persona))
    url = f"{CREATE_URL}?organisation={org_a.slug}"
    assert client.get(url).status_code == 403
    assert client.post(url, form_data()).status_code == 403
    assert not HostOffer.objects.exists()


def test_staff_without_coordination_cannot_open_the_page(as_user, staff_a):
    assert as_user(staff_a).get(CREATE_URL).status_code == 403


def test_an_unknown_organisation_is_404(as_user, coordinator_a):
    assert as_user(coordinator_a).get(f"{CREATE_URL}?organisation=nobody").status_code == 404


def test_a_coordinator_of_one_organisation_goes_straight_to_the_form(as_user, org_a, coordinator_a):
    response = as_user(coordinator_a).get(CREATE_URL)
    assert response.status_code == 200
    assert response.context["organisation"] == org_a
    page = text(response)
    assert f"New host offer of {org_a.name}" in page
    assert 'name="periods-0-start"' in page and 'name="csrfmiddlewaretoken"' in page
    assert_headings_in_order(response)


def test_admins_choose_the_host_first(as_user, org_a, org_b, admin):
    client = as_user(admin)
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    assert [o.name for o in response.context["organisations"]] == [org_b.name, org_a.name]
    assert '<label for="offer-organisation">' in response.content.decode()
    assert_headings_in_order(response)
    response = client.get(CREATE_URL, {"organisation": org_b.slug})
    assert response.context["organisation"] == org_b


def test_a_coordinator_creates_an_offer_with_periods_and_practices(
    as_user, org_a, org_b, coordinator_a
):
    bread = public_practice(org_a, "Bread school")
    public_practice(org_b, "Not ours")
    unpublished = public_practice(org_a, "Unpublished")
    unpublished.is_public = False
    unpublished.save()
    client = as_user(coordinator_a)
    page = client.get(CREATE_URL)
    choices = [str(choice[1]) for choice in page.context["form"].fields["practices"].choices]
    assert choices == [f"Bread school ({org_a.name})"]
    data = form_data(
        practices=[str(bread.pk)],
        **{"periods-1-start": iso(NEXT_YEAR), "periods-1-end": iso(NEXT_YEAR)},
    )
    response = client.post(f"{CREATE_URL}?organisation={org_a.slug}", data, follow=True)
    created = HostOffer.objects.get()
    assert response.redirect_chain[-1][0] == created.get_absolute_url()
    assert "The offer is saved." in text(response)
    assert created.organisation == org_a and created.created_by == coordinator_a
    assert created.status == "open" and created.formats == ["SM-JOB-SHDW", "study-visit"]
    assert created.languages == ["en", "fr"] and created.capacity == 2
    assert list(created.practices.all()) == [bread]
    assert [(p.start, p.end) for p in created.periods.all()] == [
        (SOON, LATER),
        (NEXT_YEAR, NEXT_YEAR),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"formats": []}, "formats", "Choose at least one format."),
        ({"languages": []}, "languages", "Choose at least one working language."),
        ({"languages": ["xx"]}, "languages", None),
        ({"capacity": "0"}, "capacity", None),
        (
            {"min_days": "8", "max_days": "4"},
            "max_days",
            "The maximum must be at least the minimum.",
        ),
        ({"title": ""}, "title", None),
        ({"programme": ""}, "programme", None),
        ({"status": "published"}, "status", None),
    ],
)
def test_bad_answers_are_explained_next_to_the_field(
    as_user, org_a, coordinator_a, changes, field, message
):
    response = as_user(coordinator_a).post(CREATE_URL, form_data(**changes))
    assert response.status_code == 400
    errors = field_errors(response)
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert "field--error" in response.content.decode()
    assert not HostOffer.objects.exists() and not OfferPeriod.objects.exists()


def test_practices_of_another_partner_are_refused(as_user, org_a, org_b, coordinator_a):
    theirs = public_practice(org_b, "Not ours")
    response = as_user(coordinator_a).post(CREATE_URL, form_data(practices=[str(theirs.pk)]))
    assert response.status_code == 400
    assert "practices" in field_errors(response)
    assert not HostOffer.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"periods-0-start": iso(LATER), "periods-0-end": iso(SOON)},
            "end",
            "The end of the period is before its start.",
        ),
        (
            {"periods-0-start": iso(SOON), "periods-0-end": iso(SOON + dt.timedelta(days=400))},
            "end",
            "A period lasts one year at most: split it.",
        ),
        (
            {
                "periods-0-start": iso(TODAY - dt.timedelta(days=30)),
                "periods-0-end": iso(TODAY - dt.timedelta(days=1)),
            },
            "end",
            "This period is over: give dates to come.",
        ),
        (
            {
                "periods-0-start": iso(TODAY + dt.timedelta(days=4 * 366)),
                "periods-0-end": iso(TODAY + dt.timedelta(days=4 * 366 + 5)),
            },
            "start",
            "Give periods starting within 3 years.",
        ),
        ({"periods-0-start": "31/02/2027"}, "start", None),
    ],
)
def test_bad_periods_are_explained_next_to_their_dates(
    as_user, org_a, coordinator_a, changes, field, message
):
    response = as_user(coordinator_a).post(CREATE_URL, form_data(**changes))
    assert response.status_code == 400
    errors = response.context["formset"].forms[0].errors
    assert field in errors
    if message:
        assert list(errors[field]) == [message]
    assert not HostOffer.objects.exists()


def test_overlapping_periods_are_refused(as_user, org_a, coordinator_a):
    data = form_data(
        **{
            "periods-1-start": iso(LATER - dt.timedelta(days=1)),
            "periods-1-end": iso(NEXT_YEAR),
        }
    )
    response = as_user(coordinator_a).post(CREATE_URL, data)
    assert response.status_code == 400
    assert "overlaps" in " ".join(response.context["formset"].forms[1].errors["start"])
    assert not HostOffer.objects.exists()


def test_an_offer_opens_only_with_a_period(as_user, org_a, coordinator_a):
    client = as_user(coordinator_a)
    empty = {"periods-0-start": "", "periods-0-end": ""}
    response = client.post(CREATE_URL, form_data(**empty))
    assert response.status_code == 400
    assert field_errors(response)["status"] == [
        "Give at least one available period to open the offer."
    ]
    assert not HostOffer.objects.exists()
    response = client.post(CREATE_URL, form_data(status="draft", **empty))
    assert response.status_code == 302
    assert HostOffer.objects.get().status == "draft"


# --- editing ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (None, 302),
        ("staff_a", 403),
        ("editor", 403),
        ("coordinator_b", 403),
        ("coordinator_a", 200),
        ("admin", 200),
    ],
)
def test_who_edits_an_offer(request, as_user, org_a, persona, status):
    item = offer(org_a, "Bakery week")
    user = request.getfixturevalue(persona) if persona else None
    url = reverse("mobility:offer_edit", args=[item.pk])
    client = as_user(user)
    response = client.get(url)
    assert response.status_code == status
    if status == 200:
        assert response.context["form"].initial["version"] == item.version
        assert_headings_in_order(response)
    posted = client.post(url, edit_data(item, title="Changed"))
    assert posted.status_code == (302 if status == 200 else status)
    item.refresh_from_db()
    assert (item.title == "Changed") is (status == 200)


def test_editing_changes_status_periods_and_version(as_user, org_a, coordinator_a):
    item = offer(org_a, "Bakery week", periods=((SOON, LATER), (NEXT_YEAR, NEXT_YEAR)))
    first, second = item.periods.all()
    data = edit_data(
        item,
        status="closed",
        **{
            "periods-0-end": iso(LATER + dt.timedelta(days=10)),
            "periods-1-DELETE": "on",
            "periods-2-start": iso(NEXT_YEAR + dt.timedelta(days=5)),
            "periods-2-end": iso(NEXT_YEAR + dt.timedelta(days=9)),
        },
    )
    response = as_user(coordinator_a).post(reverse("mobility:offer_edit", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "closed" and item.version == 2
    periods = list(item.periods.all())
    assert periods[0].pk == first.pk and periods[0].end == LATER + dt.timedelta(days=10)
    assert not OfferPeriod.objects.filter(pk=second.pk).exists()
    assert periods[1].start == NEXT_YEAR + dt.timedelta(days=5)


def test_a_concurrent_edit_is_refused_and_the_typing_kept(as_user, org_a, coordinator_a, admin):
    item = offer(org_a, "Bakery week")
    url = reverse("mobility:offer_edit", args=[item.pk])
    stale = edit_data(item, title="My title")
    assert as_user(admin).post(url, edit_data(item, title="Admin's title")).status_code == 302
    response = as_user(coordinator_a).post(url, stale)
    assert response.status_code == 409
    assert "Someone else saved this page" in text(response)
    assert 'value="My title"' in response.content.decode()
    assert response.context["form"].data["version"] == "2"
    item.refresh_from_db()
    assert item.title == "Admin's title"
    # Saving again (after merging) goes through.
    again = as_user(coordinator_a).post(url, response.context["form"].data)
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.title == "My title" and item.version == 3


def test_a_booked_period_is_kept(as_user, org_a, org_b, coordinator_a, coordinator_b):
    item = offer(org_b, "Robotics lab", capacity=2)
    period = item.periods.get()
    book(item, member_of(org_a, "traveller.a@example.org"), org_a, SOON + dt.timedelta(days=10))
    url = reverse("mobility:offer_edit", args=[item.pk])
    client = as_user(coordinator_b)
    removed = client.post(url, edit_data(item, title="Changed", **{"periods-0-DELETE": "on"}))
    assert removed.status_code == 400
    assert "cannot be removed" in " ".join(removed.context["formset"].non_form_errors())
    shrunk = client.post(
        url,
        edit_data(item, title="Changed", **{"periods-0-end": iso(SOON + dt.timedelta(days=12))}),
    )
    assert shrunk.status_code == 400
    assert "keep these dates inside it" in text(shrunk)
    item.refresh_from_db()
    period.refresh_from_db()
    assert item.title == "Robotics lab" and item.version == 1 and period.end == LATER
    assert Mobility.objects.get().offer_period == period


# --- on practice and partner pages ---------------------------------------------------------------


def test_the_practice_page_shows_the_open_offers_around_it(
    client, org_a, org_b, coordinator_a, editor
):
    practice = publish(
        draft(org_a, coordinator_a),
        author=coordinator_a,
        editor=editor,
        reviewers=[editor, reviewer_from(org_b, "reviewer.b@example.org")],
    )
    shown = offer(org_a, "Welding week", languages=("fr",))
    shown.practices.set([practice])
    offer(org_a, "Draft visit", status=HostOffer.Status.DRAFT).practices.set([practice])
    offer(org_a, "Unrelated visit")
    response = client.get(practice.get_absolute_url())
    page = text(response)
    assert "Visits offered" in page
    assert f'href="{shown.get_absolute_url()}"' in page and "French" in page
    assert f"{SOON:%d/%m/%Y}" in page
    assert "Draft visit" not in page and "Unrelated visit" not in page
    assert_headings_in_order(response)


def test_the_partner_page_shows_its_open_offers(client, org_a, org_b):
    offer(org_a, "Bakery week", formats=("study-visit",))
    offer(org_a, "Draft visit", status=HostOffer.Status.DRAFT)
    offer(org_b, "Robotics lab")
    response = client.get(org_a.get_absolute_url())
    page = text(response)
    assert "Visits offered" in page and "Bakery week" in page and "Study visit" in page
    assert "Draft visit" not in page and "Robotics lab" not in page
    assert_headings_in_order(response)
    other = text(client.get(org_b.get_absolute_url()))
    assert "Robotics lab" in other and "Bakery week" not in other


def test_no_offer_no_heading(client, org_a):
    assert "Visits offered" not in text(client.get(org_a.get_absolute_url()))
