"""Planning-round pages: who sees which rounds, proposals and unmatched needs;
creating, solving, deciding on and closing a round through the web; bad input
next to its field; constant queries."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from mobinnov.mobility import services
from mobinnov.mobility.models import Mobility, PlanningRound, Proposal
from mobinnov.network.models import Membership, Organisation
from mobinnov.network.services import organisation_create
from tests.conftest import make_user
from tests.mobility import factories as f

D = dt.date
LIST = reverse("mobility:round_list")
CREATE = reverse("mobility:round_create")


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def flashed(client: Any, response: Any) -> list[str]:
    """The messages a redirecting POST left, as the next page shows them."""
    assert response.status_code == 302, response.status_code
    page = client.get(response.url)
    shown = [str(message) for message in page.context["messages"]]
    for message in shown:
        assert html.escape(message, quote=False) in page.content.decode() or "<a " in message
    return shown


def field_block(response: Any, control_id: str) -> str:
    """The HTML of the form field (label, help, errors) up to its control."""
    content = response.content.decode()
    at = content.index(f'id="{control_id}"', content.index(f'for="{control_id}"'))
    start = content.rfind('<div class="field', 0, at)
    return html.unescape(content[start:at])


class _Page(HTMLParser):
    """What the accessibility checks need of a page's <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = False
        self.headings: list[int] = []
        self.labels: set[str] = set()
        self.controls: list[str] = []
        self.problems: list[str] = []
        self.tables = self.captions = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if "style" in found or tag in ("script", "style"):
            self.problems.append(f"inline {tag} {found}")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "label" and found.get("for"):
            self.labels.add(str(found["for"]))
        if tag in ("select", "textarea") or (
            tag == "input" and found.get("type") not in ("hidden", "submit")
        ):
            self.controls.append(str(found.get("id")))
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1
        if tag == "th" and "scope" not in found:
            self.problems.append("th without scope")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False


def check_page(response: Any) -> None:
    """One h1 first, headings never skip a level, every field labelled, every
    table captioned, no inline style or script (strict CSP)."""
    page = _Page()
    page.feed(response.content.decode())
    assert page.headings and page.headings[0] == 1 and page.headings.count(1) == 1
    for before, after in itertools.pairwise(page.headings):
        assert after <= before + 1, page.headings
    assert [c for c in page.controls if c not in page.labels] == []
    assert page.tables == page.captions
    assert page.problems == []


def partner(name: str, number: int) -> Organisation:
    return organisation_create(
        data={
            "name": name,
            "org_type": "vet_school",
            "country": "IT",
            "city": "Bologna",
            "latitude": 44.49,
            "longitude": 11.34 + number / 10,
        }
    )


def member(organisation: Organisation, email: str, role: str = Membership.Role.STAFF) -> Any:
    person = make_user(email)
    Membership.objects.create(user=person, organisation=organisation, role=role)
    return person


@pytest.fixture
def org_c(db: None) -> Organisation:
    return partner("Istituto Gamma", 1)


@pytest.fixture
def coordinator_c(org_c: Organisation) -> Any:
    return member(org_c, "coord.c@example.org", Membership.Role.COORDINATOR)


@pytest.fixture
def network(org_a, org_b, org_c, staff_a, coordinator_a, coordinator_b, coordinator_c, admin):
    """A network round: Istituto Gamma (C) hosts; A and B each have an endorsed
    need that fits, and A has one in German that nothing fits."""
    offer = f.offer(org_c, capacity=2, title="Workshops of Gamma")
    staff_b = member(org_b, "staff.b@example.org")
    german = member(org_a, "german.a@example.org")
    need_a = f.need(staff_a, org_a, endorsed_by=coordinator_a)
    need_b = f.need(staff_b, org_b, endorsed_by=coordinator_b)
    need_de = f.need(german, org_a, endorsed_by=coordinator_a, languages=("de",))
    rnd = f.planning_round(weight=0)
    return {
        "round": rnd,
        "offer": offer,
        "need_a": need_a,
        "need_b": need_b,
        "need_de": need_de,
        "staff_b": staff_b,
    }


@pytest.fixture
def solved(network, admin):
    services.solve_round(network["round"], admin)
    rnd = network["round"]
    network["proposal_a"] = rnd.proposals.get(need=network["need_a"])
    network["proposal_b"] = rnd.proposals.get(need=network["need_b"])
    return network


def detail_url(rnd: PlanningRound) -> str:
    return reverse("mobility:round_detail", args=[rnd.pk])


def decide_url(proposal: Proposal) -> str:
    return reverse("mobility:proposal_decide", args=[proposal.pk])


def round_form(whose: Any = "", **changes: Any) -> dict[str, Any]:
    data = {
        "name": "Autumn 2025",
        "organisation": "" if whose == "" else str(whose.pk),
        "period_start": "2025-09-01",
        "period_end": "2025-12-20",
        "reciprocity_weight": "5",
        "time_limit_s": "20",
    }
    data.update(changes)
    return data


# --- access ------------------------------------------------------------------------------------


def _urls(rnd: PlanningRound, proposal: Proposal) -> list[tuple[str, str]]:
    return [
        ("get", LIST),
        ("get", CREATE),
        ("get", detail_url(rnd)),
        ("post", reverse("mobility:round_solve", args=[rnd.pk])),
        ("post", reverse("mobility:round_close", args=[rnd.pk])),
        ("post", decide_url(proposal)),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, solved):
    for method, url in _urls(solved["round"], solved["proposal_a"]):
        response = getattr(client, method)(url, {"side": "sending", "decision": "accept"})
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url
    assert Proposal.objects.filter(status=Proposal.Status.PROPOSED).count() == 2


@pytest.mark.parametrize("persona", ["staff_a", "editor"])
def test_members_who_coordinate_nothing_get_403_everywhere(request, as_user, solved, persona):
    client = as_user(request.getfixturevalue(persona))
    for method, url in _urls(solved["round"], solved["proposal_a"]):
        response = getattr(client, method)(url, {"side": "sending", "decision": "accept"})
        assert response.status_code == 403, url
    rnd = PlanningRound.objects.get()
    assert rnd.status == PlanningRound.Status.SOLVED and rnd.solve_count == 1
    assert Proposal.objects.filter(status=Proposal.Status.PROPOSED).count() == 2


def test_round_list_shows_the_rounds_each_persona_may_open(
    as_user, org_a, org_b, coordinator_a, coordinator_b, admin
):
    network_round = f.planning_round()
    round_a = f.planning_round(organisation=org_a)
    round_a.name = "Round of Alpha"
    round_a.save()
    round_b = f.planning_round(organisation=org_b)
    round_b.name = "Round of Beta"
    round_b.save()

    def listed(user: Any) -> set[int]:
        response = as_user(user).get(LIST)
        assert response.status_code == 200
        return {rnd.pk for rnd in response.context["page"].object_list}

    assert listed(coordinator_a) == {network_round.pk, round_a.pk}
    assert listed(coordinator_b) == {network_round.pk, round_b.pk}
    assert listed(admin) == {network_round.pk, round_a.pk, round_b.pk}
    page = text(as_user(coordinator_a).get(LIST))
    assert "Round of Alpha" in page and "Round of Beta" not in page
    assert "Whole network" in page and "01/01/2025 to 31/12/2025" in page
    response = as_user(coordinator_a).get(LIST)
    assert f'href="{CREATE}"' in response.content.decode()
    check_page(response)


def test_round_list_is_paginated_in_constant_queries(
    as_user, org_a, coordinator_a, django_assert_max_num_queries
):
    for number in range(2):
        f.planning_round(organisation=org_a if number % 2 else None)
    client = as_user(coordinator_a)
    with django_assert_max_num_queries(6):
        assert len(client.get(LIST).context["page"].object_list) == 2
    for number in range(28):
        f.planning_round(organisation=org_a if number % 2 else None)
    with django_assert_max_num_queries(6):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.count == 30
    assert "Page 1 of 2" in text(response)


# --- creating a round ---------------------------------------------------------------------


def test_coordinators_choose_among_their_organisations_admins_also_the_network(
    as_user, org_a, org_b, coordinator_a, admin
):
    coordinator_form = as_user(coordinator_a).get(CREATE)
    assert coordinator_form.status_code == 200
    assert coordinator_form.context["form"].fields["organisation"].choices == [
        (str(org_a.pk), org_a.name)
    ]
    assert "Whole network" not in text(coordinator_form)
    admin_form = as_user(admin).get(CREATE)
    assert admin_form.context["form"].fields["organisation"].choices == [
        ("", "Whole network"),
        (str(org_b.pk), org_b.name),
        (str(org_a.pk), org_a.name),
    ]
    check_page(admin_form)
    check_page(coordinator_form)


def test_coordinator_opens_a_round_of_their_organisation(as_user, org_a, coordinator_a):
    response = as_user(coordinator_a).post(CREATE, round_form(org_a))
    rnd = PlanningRound.objects.get()
    assert response.status_code == 302 and response.url == detail_url(rnd)
    assert rnd.organisation == org_a and rnd.created_by == coordinator_a
    assert (rnd.period_start, rnd.period_end) == (D(2025, 9, 1), D(2025, 12, 20))
    assert rnd.reciprocity_weight == 5 and rnd.time_limit_s == 20
    assert rnd.status == PlanningRound.Status.OPEN


def test_admin_opens_a_network_round(as_user, org_a, admin):
    response = as_user(admin).post(CREATE, round_form(period_start="01/09/2025"))
    assert response.status_code == 302
    rnd = PlanningRound.objects.get()
    assert rnd.organisation is None and rnd.period_start == D(2025, 9, 1)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"period_end": "2025-08-31"},
            "period_end",
            "The end of the period cannot be before its start.",
        ),
        ({"period_start": "31/02/2025"}, "period_start", "Enter a valid date."),
        ({"time_limit_s": "0"}, "time_limit_s", "greater than or equal to 1"),
        ({"time_limit_s": "121"}, "time_limit_s", "less than or equal to 120"),
        ({"reciprocity_weight": "-1"}, "reciprocity_weight", "greater than or equal to 0"),
        ({"name": ""}, "name", "This field is required."),
        ({"organisation": ""}, "organisation", "Choose the organisation of the round."),
        ({"organisation": "other"}, "organisation", "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_next_to_its_field(
    as_user, org_a, org_b, coordinator_a, changes, field, message
):
    if changes.get("organisation") == "other":
        changes = {"organisation": str(org_b.pk)}
    response = as_user(coordinator_a).post(CREATE, round_form(org_a, **changes))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert message in field_block(response, f"id_{field}")
    assert PlanningRound.objects.count() == 0
    check_page(response)


# --- what each persona sees of a network round ------------------------------------------------


def test_coordinators_see_only_the_proposals_and_needs_of_their_organisations(
    as_user, solved, coordinator_a, coordinator_b, coordinator_c, admin, staff_a
):
    name_a, name_b = staff_a.full_name, solved["staff_b"].full_name
    assert (name_a, name_b) == ("Staff.A", "Staff.B")
    page_b = as_user(coordinator_b).get(detail_url(solved["round"]))
    assert page_b.status_code == 200
    assert [row["proposal"] for row in page_b.context["rows"]] == [solved["proposal_b"]]
    seen_by_b = text(page_b)
    assert "Staff.B" in seen_by_b
    assert "Staff.A" not in seen_by_b and "German.A" not in seen_by_b
    assert "Lycée professionnel Alpha to Istituto Gamma" not in seen_by_b
    assert "No offer works in their languages" not in seen_by_b

    page_a = as_user(coordinator_a).get(detail_url(solved["round"]))
    seen_by_a = text(page_a)
    assert [row["proposal"] for row in page_a.context["rows"]] == [solved["proposal_a"]]
    assert "Staff.A: Lycée professionnel Alpha to Istituto Gamma" in seen_by_a
    assert "Staff.B" not in seen_by_a
    assert "German.A" in seen_by_a and "No offer works in their languages" in seen_by_a

    # The host's coordinator and admins see both proposals, with the names.
    for user in (coordinator_c, admin):
        page = as_user(user).get(detail_url(solved["round"]))
        assert {row["proposal"] for row in page.context["rows"]} == {
            solved["proposal_a"],
            solved["proposal_b"],
        }
        assert "Staff.A" in text(page) and "Staff.B" in text(page)
    # Only admins see the unmatched need of another organisation.
    assert "German.A" in text(as_user(admin).get(detail_url(solved["round"])))
    assert "German.A" not in text(as_user(coordinator_c).get(detail_url(solved["round"])))


def test_detail_shows_the_solver_result_counts_and_score_explanation(
    as_user, solved, admin, coordinator_a
):
    response = as_user(admin).get(detail_url(solved["round"]))
    page = text(response)
    check_page(response)
    assert "Proven optimal" in page and "Times solved" in page
    assert response.context["need_count"] == 3 and response.context["offer_count"] == 1
    proposal = solved["proposal_a"]
    caption = f"How the fit of {proposal.score:g} points is made up"
    assert caption in page
    assert "Working language</th><td>10</td>" in page.replace("\n", "")
    for label, _points in services.explain(proposal.score_parts):
        assert label in page
    assert f"{proposal.start_date:%d/%m/%Y} to {proposal.end_date:%d/%m/%Y}" in page
    assert "Job shadowing" in page and "Workshops of Gamma" in page
    # Admins manage a network round; coordinators do not get its buttons.
    assert "Solve the round again" in page and "Close the round" in page
    coordinator_page = text(as_user(coordinator_a).get(detail_url(solved["round"])))
    assert "Proven optimal" in coordinator_page
    assert "Solve the round again" not in coordinator_page
    assert "Close the round" not in coordinator_page


def test_not_proven_optimal_is_said_so(as_user, solved, admin):
    PlanningRound.objects.filter(pk=solved["round"].pk).update(optimal=False)
    page = text(as_user(admin).get(detail_url(solved["round"])))
    assert "Best found within the time limit, not proven optimal" in page


# --- solve, decide, mobility ------------------------------------------------------------------


def test_from_solving_to_a_mobility(as_user, network, coordinator_a, coordinator_c, admin):
    rnd = network["round"]
    solve = reverse("mobility:round_solve", args=[rnd.pk])
    assert as_user(coordinator_a).post(solve).status_code == 403
    admin_client = as_user(admin)
    response = admin_client.post(solve)
    assert response.status_code == 302 and response.url == detail_url(rnd)
    assert flashed(admin_client, response) == [
        "Round solved: 2 proposals, 1 need unmatched; proven optimal."
    ]

    page = as_user(coordinator_a).get(detail_url(rnd))
    proposal = rnd.proposals.get(need=network["need_a"])
    assert "Working language" in text(page)
    assert "Accept for the sending organisation" in text(page)
    assert "Accept as host" not in text(page)

    client_a = as_user(coordinator_a)
    response = client_a.post(decide_url(proposal), {"side": "sending", "decision": "accept"})
    assert response.status_code == 302
    assert response.url == f"{detail_url(rnd)}#proposal-{proposal.pk}"
    assert flashed(client_a, response) == [
        "Your acceptance is recorded. The other organisation decides next."
    ]
    assert "Accepted by Coord.A on" in text(client_a.get(detail_url(rnd)))
    assert not Mobility.objects.exists()

    host_page = text(as_user(coordinator_c).get(detail_url(rnd)))
    assert "Accept as host" in host_page
    client_c = as_user(coordinator_c)
    response = client_c.post(decide_url(proposal), {"side": "host", "decision": "accept"})
    mobility = Mobility.objects.get()
    assert mobility.proposal == proposal and mobility.participant == network["need_a"].person
    assert (mobility.sending_organisation, mobility.receiving_organisation) == (
        network["need_a"].organisation,
        network["offer"].organisation,
    )
    (message,) = flashed(client_c, response)
    assert message.startswith("Both sides accepted: the mobility") and mobility.reference in message
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED
    assert mobility.reference in text(client_a.get(detail_url(rnd)))


def test_decline_needs_a_reason_next_to_the_field_and_is_not_proposed_again(
    as_user, solved, coordinator_a, coordinator_c, admin
):
    proposal = solved["proposal_a"]
    client = as_user(coordinator_c)
    response = client.post(decide_url(proposal), {"side": "host", "decision": "decline"})
    assert response.status_code == 400
    block = field_block(response, f"id_p{proposal.pk}_host_reason")
    assert "Say briefly why you decline." in block
    assert "Reason for declining" in block
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PROPOSED and proposal.host_decision == ""
    assert text(response).count("Say briefly why you decline.") == 1
    assert 'autofocus aria-invalid="true"' in response.content.decode()
    check_page(response)
    too_long = client.post(
        decide_url(proposal), {"side": "host", "decision": "decline", "reason": "x" * 301}
    )
    assert too_long.status_code == 400
    assert "at most 300 characters" in field_block(too_long, f"id_p{proposal.pk}_host_reason")

    response = client.post(
        decide_url(proposal),
        {"side": "host", "decision": "decline", "reason": "No trainer free that week."},
    )
    assert response.status_code == 302
    assert "will not be proposed again" in flashed(client, response)[0]
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED
    assert proposal.host_decided_by == coordinator_c

    admin_client = as_user(admin)
    response = admin_client.post(reverse("mobility:round_solve", args=[solved["round"].pk]))
    # B's undecided proposal is made again; A's need is left out.
    assert flashed(admin_client, response) == [
        "Round solved: 1 proposal, 2 needs unmatched; proven optimal."
    ]
    assert (
        not solved["round"]
        .proposals.filter(need=solved["need_a"], status=Proposal.Status.PROPOSED)
        .exists()
    )
    # The superseded proposal of B is not listed, its replacement is.
    admin_rows = as_user(admin).get(detail_url(solved["round"])).context["rows"]
    assert sorted(row["proposal"].status for row in admin_rows) == ["declined", "proposed"]
    assert solved["round"].proposals.filter(status=Proposal.Status.SUPERSEDED).count() == 1
    page = text(as_user(coordinator_a).get(detail_url(solved["round"])))
    assert "Their proposals were declined" in page
    assert "No trainer free that week." in page and "Declined by Coord.C on" in page


def test_decisions_that_are_refused(as_user, solved, coordinator_a, coordinator_b, staff_a):
    proposal = solved["proposal_a"]
    client = as_user(coordinator_a)
    wrong_side = client.post(decide_url(proposal), {"side": "host", "decision": "accept"})
    assert wrong_side.status_code == 302
    assert flashed(client, wrong_side) == ["You cannot decide for this side of the proposal."]
    bad_value = client.post(decide_url(proposal), {"side": "sending", "decision": "maybe"})
    assert flashed(client, bad_value) == ["The decision could not be read: choose a button again."]
    # Coordinator B may open the round but not A's proposal; staff may not open it.
    hidden = as_user(coordinator_b).post(
        decide_url(proposal), {"side": "sending", "decision": "accept"}
    )
    assert hidden.status_code == 404
    assert (
        as_user(staff_a)
        .post(decide_url(proposal), {"side": "sending", "decision": "accept"})
        .status_code
        == 403
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PROPOSED
    assert proposal.sending_decision == proposal.host_decision == ""
    declined = client.post(
        decide_url(proposal), {"side": "sending", "decision": "decline", "reason": "No."}
    )
    assert len(flashed(client, declined)) == 1
    again = client.post(decide_url(proposal), {"side": "sending", "decision": "accept"})
    assert flashed(client, again) == ["This proposal has already been decided."]


def test_decisions_require_post(as_user, solved, coordinator_a):
    response = as_user(coordinator_a).get(decide_url(solved["proposal_a"]))
    assert response.status_code == 405


# --- closing ---------------------------------------------------------------------------------


def test_closing_a_round(as_user, solved, coordinator_a, admin):
    rnd = solved["round"]
    close = reverse("mobility:round_close", args=[rnd.pk])
    assert as_user(coordinator_a).post(close).status_code == 403
    as_user(coordinator_a).post(
        decide_url(solved["proposal_a"]), {"side": "sending", "decision": "accept"}
    )
    admin_client = as_user(admin)
    response = admin_client.post(close)
    assert flashed(admin_client, response) == [
        "The round is closed; 2 proposals waiting for decisions were withdrawn."
    ]
    rnd.refresh_from_db()
    assert rnd.status == PlanningRound.Status.CLOSED
    assert set(rnd.proposals.values_list("status", flat=True)) == {Proposal.Status.SUPERSEDED}
    page = as_user(admin).get(detail_url(rnd))
    assert page.context["rows"] == []
    assert "This round is closed" in text(page) and "Solve the round" not in text(page)

    solve = admin_client.post(reverse("mobility:round_solve", args=[rnd.pk]))
    assert flashed(admin_client, solve) == ["This round is closed."]
    assert flashed(admin_client, admin_client.post(close)) == ["This round is already closed."]
    rnd.refresh_from_db()
    assert rnd.solve_count == 1
    late = as_user(coordinator_a).post(
        decide_url(solved["proposal_a"]), {"side": "sending", "decision": "accept"}
    )
    assert late.status_code == 404
    assert not Mobility.objects.exists()


# --- an organisation's own round ------------------------------------------------------------


def test_round_of_one_organisation(
    as_user, org_a, org_b, staff_a, coordinator_a, coordinator_b, coordinator_c
):
    f.offer(org_b, title="Workshops of Beta")
    need = f.need(staff_a, org_a, endorsed_by=coordinator_a)
    rnd = f.planning_round(organisation=org_a)
    detail = detail_url(rnd)
    # Before a proposal, B's coordinator has nothing to do with A's round.
    assert as_user(coordinator_b).get(detail).status_code == 403
    client_a = as_user(coordinator_a)
    response = client_a.post(reverse("mobility:round_solve", args=[rnd.pk]))
    assert flashed(client_a, response) == [
        "Round solved: 1 proposal, 0 needs unmatched; proven optimal."
    ]
    proposal = rnd.proposals.get()
    assert proposal.need == need
    # The host's coordinator may now open the round to decide, and sees only that proposal.
    page = as_user(coordinator_b).get(detail)
    assert page.status_code == 200
    check_page(page)
    assert "Accept as host" in text(page) and "Solve the round" not in text(page)
    assert rnd.pk in {r.pk for r in as_user(coordinator_b).get(LIST).context["page"].object_list}
    assert as_user(coordinator_c).get(detail).status_code == 403
    assert (
        as_user(coordinator_b).post(reverse("mobility:round_solve", args=[rnd.pk])).status_code
        == 403
    )
    as_user(coordinator_a).post(decide_url(proposal), {"side": "sending", "decision": "accept"})
    as_user(coordinator_b).post(decide_url(proposal), {"side": "host", "decision": "accept"})
    assert Mobility.objects.get().proposal == proposal


# --- queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 6])
def test_round_detail_queries_do_not_grow_with_partners(
    as_user, admin, count, django_assert_max_num_queries
):
    partners = [partner(f"Scuola {number:02d}", number) for number in range(count)]
    for index, host in enumerate(partners):
        coordinator = member(host, f"coord{index}@example.org", Membership.Role.COORDINATOR)
        f.offer(host, capacity=1, title=f"Offer {index}")
        sender = partners[(index + 1) % count]
        f.need(member(sender, f"staff{index}@example.org"), sender, endorsed_by=coordinator)
    unmatched_org = partners[0]
    f.need(
        member(unmatched_org, "german@example.org"),
        unmatched_org,
        endorsed_by=admin,
        languages=("de",),
    )
    rnd = f.planning_round(weight=0)
    services.solve_round(rnd, admin)
    first = rnd.proposals.first()
    services.decide(first, admin, "sending", True)
    client = as_user(admin)
    with django_assert_max_num_queries(10):
        response = client.get(detail_url(rnd))
    assert len(response.context["rows"]) == count
    assert len(response.context["unmatched_rows"]) == 1
    assert text(response).count("Accept as host") == count


def test_proposals_are_paginated_and_a_refused_decision_stays_on_its_page(
    as_user, org_a, org_c, coordinator_a, coordinator_c, admin
):
    f.offer(org_c, capacity=30)
    for number in range(27):
        person = member(org_a, f"teacher{number}@example.org")
        f.need(person, org_a, endorsed_by=coordinator_a)
    rnd = f.planning_round(weight=0)
    services.solve_round(rnd, admin)
    client = as_user(coordinator_c)
    first = client.get(detail_url(rnd))
    assert len(first.context["rows"]) == 25 and "Page 1 of 2" in text(first)
    second = client.get(detail_url(rnd), {"page": "2"})
    last = second.context["rows"][-1]["proposal"]
    assert len(second.context["rows"]) == 2
    refused = client.post(
        decide_url(last), {"side": "host", "decision": "decline", "reason": " ", "page": "2"}
    )
    assert refused.status_code == 400
    assert refused.context["page"].number == 2
    assert "Say briefly why you decline." in field_block(refused, f"id_p{last.pk}_host_reason")
    accepted = client.post(decide_url(last), {"side": "host", "decision": "accept", "page": "2"})
    assert accepted.url == f"{detail_url(rnd)}?page=2#proposal-{last.pk}"
