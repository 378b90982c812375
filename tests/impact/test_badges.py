"""Open Badges 2.0: who earns a badge (idempotent award, refusals with their
reason), the hosted JSON documents against the specification's required
fields, the hashed recipient identity, revocation, the image, the public
verification page, the participant's download and the "Get my badge" button."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.urls import reverse

from mobinnov.impact import badges
from mobinnov.impact.models import BadgeAssertion, Invitation, Wave
from mobinnov.mobility.models import Mobility
from tests.api.test_practices_api import make_published_practice
from tests.impact.test_implementation_web import (
    LOGIN,
    assert_accessible,
    completed_mobility,
    invite,
    persona_client,
    text,
)
from tests.mobility import factories as f

SITE = "https://mobinnov.example"
OB_CONTEXT = "https://w3id.org/openbadges/v2"


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE
    settings.NETWORK_NAME = "Alpine VET network"
    settings.DEFAULT_FROM_EMAIL = "Alpine VET <hello@alpine-vet.example>"


@pytest.fixture
def mobility(staff_a, org_a, org_b, coordinator_a) -> Mobility:
    made = completed_mobility(staff_a, org_a, org_b, coordinator_a)
    made.practices.add(make_published_practice(org_b, title="Welding simulators"))
    made.practices.add(
        make_published_practice(org_b, title="Secret draft", public=False, status="draft")
    )
    return made


@pytest.fixture
def earned(mobility) -> Mobility:
    invite(mobility, Wave.T1, Invitation.Status.SUBMITTED)
    return mobility


# --- award -----------------------------------------------------------------------------


def test_a_completed_mobility_with_t1_submitted_earns_one_badge(earned):
    first = badges.award(earned)
    again = badges.award(Mobility.objects.get(pk=earned.pk))

    assert first.pk == again.pk and first.uid == again.uid
    assert BadgeAssertion.objects.count() == 1
    assert first.revoked is False


def test_an_evaluated_mobility_earns_it_too(earned):
    Mobility.objects.filter(pk=earned.pk).update(status=Mobility.Status.EVALUATED)
    assert badges.award(Mobility.objects.get(pk=earned.pk)).mobility_id == earned.pk


@pytest.mark.parametrize(
    "t1_status",
    [
        None,
        Invitation.Status.SCHEDULED,
        Invitation.Status.SENT,
        Invitation.Status.DRAFT,
        Invitation.Status.CANCELLED,
    ],
)
def test_no_badge_before_the_return_questionnaire_is_submitted(mobility, t1_status):
    if t1_status is not None:
        invite(mobility, Wave.T1, t1_status)
    invite(mobility, Wave.T0, Invitation.Status.SUBMITTED)  # another wave does not count

    with pytest.raises(badges.NotEligible) as refusal:
        badges.award(mobility)

    assert "questionnaire on return (T1)" in refusal.value.reason
    assert BadgeAssertion.objects.count() == 0


@pytest.mark.parametrize("status", ["planned", "agreed", "under_way", "cancelled"])
def test_no_badge_before_the_mobility_is_completed(mobility, status):
    invite(mobility, Wave.T1, Invitation.Status.SUBMITTED)
    Mobility.objects.filter(pk=mobility.pk).update(status=status)

    with pytest.raises(badges.NotEligible) as refusal:
        badges.award(Mobility.objects.get(pk=mobility.pk))

    assert "once the mobility is completed" in refusal.value.reason
    assert BadgeAssertion.objects.count() == 0


def test_a_revoked_badge_is_not_awarded_again(earned):
    BadgeAssertion.objects.create(mobility=earned, revoked=True)
    with pytest.raises(badges.NotEligible, match="revoked"):
        badges.award(earned)
    assert BadgeAssertion.objects.count() == 1


# --- the hosted documents -------------------------------------------------------------


def test_the_issuer_profile(client):
    response = client.get(reverse("impact:badge_issuer"))

    data = response.json()
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    for required in ("@context", "type", "id", "name", "url", "email"):
        assert data[required], required
    assert data["@context"] == OB_CONTEXT
    assert data["type"] == "Issuer"
    assert data["id"] == f"{SITE}/badges/issuer.json"
    assert data["name"] == "Alpine VET network"
    assert data["url"] == f"{SITE}/"
    assert data["email"] == "hello@alpine-vet.example"


def test_the_badge_class(client):
    data = client.get(reverse("impact:badge_class")).json()

    for required in (
        "@context",
        "type",
        "id",
        "name",
        "description",
        "image",
        "criteria",
        "issuer",
    ):
        assert data[required], required
    assert data["type"] == "BadgeClass"
    assert data["id"] == f"{SITE}/badges/class.json"
    assert data["name"] == "Erasmus+ staff mobility — Alpine VET network"
    assert data["image"] == f"{SITE}/badges/badge.svg"
    assert data["issuer"] == f"{SITE}/badges/issuer.json"
    assert "return questionnaire (T1) submitted" in data["criteria"]["narrative"]
    assert "three parties" in data["criteria"]["narrative"]


def test_the_hosted_assertion(client, earned, staff_a):
    assertion = badges.award(earned)
    response = client.get(reverse("impact:badge_assertion", kwargs={"uid": assertion.uid}))

    data = response.json()
    assert response.status_code == 200
    for required in ("@context", "type", "id", "recipient", "badge", "issuedOn", "verification"):
        assert data[required], required
    assert data["@context"] == OB_CONTEXT
    assert data["type"] == "Assertion"
    assert data["id"] == f"{SITE}/badges/{assertion.uid}.json"
    assert data["badge"] == f"{SITE}/badges/class.json"
    assert data["verification"] == {"type": "hosted"}
    issued = dt.datetime.fromisoformat(data["issuedOn"])
    assert issued.tzinfo is not None
    assert abs(issued - assertion.issued_on) < dt.timedelta(seconds=1)
    recipient = data["recipient"]
    assert recipient["type"] == "email" and recipient["hashed"] is True
    assert recipient["salt"]
    expected = hashlib.sha256(("staff.a@example.org" + recipient["salt"]).encode()).hexdigest()
    assert recipient["identity"] == f"sha256${expected}"
    assert "staff.a@example.org" not in response.content.decode()
    [evidence] = data["evidence"]
    assert evidence["id"] == f"{SITE}/badges/{assertion.uid}/"
    narrative = evidence["narrative"]
    assert "Job shadowing at Berufskolleg Beta (Köln, Germany)" in narrative
    assert "07/04/2025" in narrative and "11/04/2025" in narrative
    assert "Welding simulators" in narrative
    assert "Secret draft" not in narrative


def test_the_salt_differs_between_badges_and_stays_put(earned, staff_b_mobility):
    one = badges.award(earned)
    two = badges.award(staff_b_mobility)

    assert badges.salt_for(one) != badges.salt_for(two)
    assert (
        badges.assertion_json(one)["recipient"]
        == badges.assertion_json(BadgeAssertion.objects.get(pk=one.pk))["recipient"]
    )


@pytest.fixture
def staff_b_mobility(org_a, org_b, coordinator_b):
    from mobinnov.network.models import Membership
    from tests.conftest import make_user

    person = make_user("staff.b@example.org")
    Membership.objects.create(user=person, organisation=org_b, role=Membership.Role.STAFF)
    made = completed_mobility(person, org_b, org_a, coordinator_b)
    invite(made, Wave.T1, Invitation.Status.SUBMITTED)
    return made


def test_a_revoked_assertion_answers_410(client, earned):
    assertion = badges.award(earned)
    BadgeAssertion.objects.filter(pk=assertion.pk).update(revoked=True)

    response = client.get(reverse("impact:badge_assertion", kwargs={"uid": assertion.uid}))

    assert response.status_code == 410
    assert response.json()["revoked"] is True
    assert "recipient" not in response.json()


def test_an_unknown_assertion_is_not_found(client, db):
    assert client.get(reverse("impact:badge_assertion", kwargs={"uid": "nope"})).status_code == 404
    assert client.get(reverse("impact:badge_verify", kwargs={"uid": "nope"})).status_code == 404


def test_the_badge_image_is_a_self_contained_square_svg(client, settings):
    settings.NETWORK_NAME = 'Tom & Jerry <"VET">'
    response = client.get(reverse("impact:badge_image"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    body = response.content.decode()
    root = ET.fromstring(body)
    assert root.get("width") == root.get("height") == "400"
    assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert "Tom &amp; Jerry &lt;&quot;VET&quot;&gt;" in body
    # Nothing fetched from elsewhere: no external fonts, images or styles.
    assert body.count("http") == 1  # the xmlns only
    assert "@import" not in body and "<image" not in body and "<style" not in body


# --- pages -------------------------------------------------------------------------------


def test_the_verification_page_is_public_and_names_no_one(client, earned):
    assertion = badges.award(earned)
    response = client.get(reverse("impact:badge_verify", kwargs={"uid": assertion.uid}))

    body = text(response)
    assert response.status_code == 200
    assert_accessible(response)
    assert "Valid badge." in body
    assert "Erasmus+ staff mobility — Alpine VET network" in body
    assert "Berufskolleg Beta" in body and "07/04/2025" in body and "Job shadowing" in body
    assert "Staff.A" not in body and "staff.a@example.org" not in body
    assert "Download the badge" not in body


def test_the_verification_page_checks_an_address_against_the_hash(client, earned):
    assertion = badges.award(earned)
    url = reverse("impact:badge_verify", kwargs={"uid": assertion.uid})

    right = text(client.post(url, {"email": "Staff.A@Example.org"}))
    wrong = text(client.post(url, {"email": "someone@example.org"}))
    invalid = text(client.post(url, {"email": "not an address"}))

    assert "This badge was awarded to this e-mail address." in right
    assert "was not awarded to this e-mail address" in wrong
    assert "Enter a valid email address." in invalid


def test_a_revoked_badge_says_so_on_its_page(client, earned):
    assertion = badges.award(earned)
    BadgeAssertion.objects.filter(pk=assertion.pk).update(revoked=True)
    body = text(client.get(reverse("impact:badge_verify", kwargs={"uid": assertion.uid})))
    assert "This badge was revoked." in body
    assert "Valid badge." not in body


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff_a", 200),
        ("coordinator_a", 403),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 403),  # the file is the participant's own
    ],
)
def test_only_the_participant_downloads_the_badge(request, as_user, earned, persona, status):
    assertion = badges.award(earned)
    response = persona_client(request, as_user, persona).get(
        reverse("impact:badge_download", kwargs={"uid": assertion.uid})
    )
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(LOGIN)
    if status == 200:
        assert response["Content-Disposition"] == (
            f'attachment; filename="badge-{earned.reference}.json"'
        )
        data = json.loads(response.content)
        assert data == badges.assertion_json(assertion)
        holder_page = text(
            persona_client(request, as_user, persona).get(
                reverse("impact:badge_verify", kwargs={"uid": assertion.uid})
            )
        )
        assert "Download the badge" in holder_page


def claim_url(mobility: Mobility) -> str:
    return reverse("impact:badge_claim", kwargs={"reference": mobility.reference})


def test_get_my_badge_awards_it_once(as_user, staff_a, earned):
    client = as_user(staff_a)

    first = client.post(claim_url(earned))
    second = client.post(claim_url(earned))

    assertion = BadgeAssertion.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("impact:badge_verify", kwargs={"uid": assertion.uid})
    page = text(client.get(reverse("impact:my_evaluation")))
    assert "See my badge" in page and "Get my badge" not in page


def test_get_my_badge_explains_a_refusal(as_user, staff_a, mobility):
    response = as_user(staff_a).post(claim_url(mobility), follow=True)
    assert "questionnaire on return (T1) is submitted" in text(response)
    assert BadgeAssertion.objects.count() == 0


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("coordinator_a", 403),
        ("coordinator_b", 403),
        ("editor", 403),
        ("admin", 403),
    ],
)
def test_only_the_participant_claims_their_badge(request, as_user, earned, persona, status):
    response = persona_client(request, as_user, persona).post(claim_url(earned))
    assert response.status_code == status
    assert BadgeAssertion.objects.count() == 0


def test_claiming_needs_a_post(as_user, staff_a, earned):
    assert as_user(staff_a).get(claim_url(earned)).status_code == 405
    assert BadgeAssertion.objects.count() == 0


def test_a_planned_mobility_shows_why_no_badge(as_user, staff_a, org_a, org_b, coordinator_a):
    f.mobility(staff_a, org_a, org_b, by=coordinator_a)
    body = text(as_user(staff_a).get(reverse("impact:my_evaluation")))
    assert "The badge is awarded once the mobility is completed." in body


def test_the_identity_is_frozen_when_the_badge_is_issued(earned, staff_a):
    assertion = badges.award(earned)
    before = badges.assertion_json(assertion)["recipient"]["identity"]
    staff_a.email = "new.address@example.org"
    staff_a.save(update_fields=["email"])
    fresh = BadgeAssertion.objects.select_related("mobility__participant").get(pk=assertion.pk)
    assert badges.assertion_json(fresh)["recipient"]["identity"] == before
    assert badges.identity_matches(fresh, "staff.a@example.org")
    assert not badges.identity_matches(fresh, "new.address@example.org")


def test_a_revocation_says_why(client, earned):
    assertion = badges.award(earned)
    BadgeAssertion.objects.filter(pk=assertion.pk).update(
        revoked=True, revocation_reason="Issued by mistake."
    )
    response = client.get(reverse("impact:badge_assertion", kwargs={"uid": assertion.uid}))
    assert response.status_code == 410
    assert response.json()["revocationReason"] == "Issued by mistake."
