"""Network admins decide on applications: accepting creates the partner and
invites its contact, declining needs a message; every change is audited."""

from __future__ import annotations

import html
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from mobinnov.accounts.models import Invitation
from mobinnov.network.models import Organisation, PartnerApplication, Sector


@pytest.fixture
def application(db: None) -> PartnerApplication:
    application = PartnerApplication.objects.create(
        organisation_name="Tampereen ammattiopisto",
        org_type="vet_school",
        country="FI",
        city="Tampere",
        latitude=61.4991,
        longitude=23.7871,
        address="Sammonkatu 1\n33540 Tampere",
        website="https://tampere.example",
        erasmus_oid="E10099999",
        description="Vocational education in engineering and hospitality.",
        motivation="We want to host and send apprentices.",
        contact_name="Aino Virtanen",
        contact_email="aino.virtanen@tampere.example",
        contact_job_role="International coordinator",
        language="fr",
    )
    application.sectors.set(Sector.objects.filter(code__in=["071", "101"]))
    return application


def decide(client: Any, application: PartnerApplication, capture: Any, **data: str) -> Any:
    with capture(execute=True):
        return client.post(
            reverse("network:application_detail", kwargs={"pk": application.pk}), data
        )


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


# --------------------------------------------------------------------------
# Reading the queue
# --------------------------------------------------------------------------


def test_the_admin_sees_pending_applications_in_the_queue(
    as_user: Any, admin: Any, application: PartnerApplication
) -> None:
    PartnerApplication.objects.create(
        organisation_name="Already declined Ltd",
        org_type="company",
        country="IE",
        city="Dublin",
        description="-",
        motivation="-",
        contact_name="X",
        contact_email="x@example.org",
        status=PartnerApplication.Status.DECLINED,
    )
    response = as_user(admin).get(reverse("network:application_list"))

    page = page_text(response)
    assert "Tampereen ammattiopisto" in page
    assert "Already declined Ltd" not in page
    assert response.context["counts"] == {"pending": 1, "accepted": 0, "declined": 1}

    everything = page_text(as_user(admin).get(reverse("network:application_list") + "?status=all"))
    assert "Already declined Ltd" in everything


def test_the_detail_page_shows_the_application_and_the_decision_form(
    as_user: Any, admin: Any, application: PartnerApplication
) -> None:
    response = as_user(admin).get(application.get_absolute_url())

    page = page_text(response)
    assert "Application from Tampereen ammattiopisto" in page
    assert "aino.virtanen@tampere.example" in page
    assert "We want to host and send apprentices." in page
    assert "Engineering and engineering trades" in page
    assert 'name="decision"' in page


# --------------------------------------------------------------------------
# Accepting
# --------------------------------------------------------------------------


def test_accepting_creates_the_organisation_from_the_application(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    response = decide(
        as_user(admin),
        application,
        django_capture_on_commit_callbacks,
        decision="accept",
        message="",
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("network:application_list")
    organisation = Organisation.objects.get(erasmus_oid="E10099999")
    assert organisation.name == "Tampereen ammattiopisto"
    assert organisation.slug == "tampereen-ammattiopisto"
    assert organisation.org_type == "vet_school"
    assert str(organisation.country) == "FI"
    assert organisation.city == "Tampere"
    assert (organisation.latitude, organisation.longitude) == (61.4991, 23.7871)
    assert organisation.address == "Sammonkatu 1\n33540 Tampere"
    assert organisation.website == "https://tampere.example"
    assert organisation.description == "Vocational education in engineering and hospitality."
    assert organisation.contact_name == "Aino Virtanen"
    assert organisation.contact_email == "aino.virtanen@tampere.example"
    assert organisation.is_active
    assert sorted(organisation.sectors.values_list("code", flat=True)) == ["071", "101"]
    # Nobody is a member yet: the contact must accept the invitation first.
    assert organisation.memberships.count() == 0


def test_accepting_records_the_decision(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    decide(
        as_user(admin),
        application,
        django_capture_on_commit_callbacks,
        decision="accept",
        message="Welcome aboard.",
    )

    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.ACCEPTED
    assert application.decided_by == admin
    assert application.decided_at is not None
    assert application.decision_message == "Welcome aboard."
    assert application.organisation == Organisation.objects.get(name="Tampereen ammattiopisto")


def test_accepting_invites_the_contact_as_coordinator(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    decide(
        as_user(admin),
        application,
        django_capture_on_commit_callbacks,
        decision="accept",
        message="",
    )

    invitation = Invitation.objects.get()
    assert invitation.email == "aino.virtanen@tampere.example"
    assert invitation.full_name == "Aino Virtanen"
    assert invitation.role == Invitation.Role.COORDINATOR
    assert invitation.organisation.name == "Tampereen ammattiopisto"
    assert invitation.invited_by == admin
    assert invitation.is_open


def test_accepting_sends_the_acceptance_and_the_invitation(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    decide(
        as_user(admin),
        application,
        django_capture_on_commit_callbacks,
        decision="accept",
        message="See you in Lyon in May.",
    )

    assert len(mailoutbox) == 2
    assert all(mail.to == ["aino.virtanen@tampere.example"] for mail in mailoutbox)
    bodies = "\n".join(mail.body for mail in mailoutbox)
    assert "See you in Lyon in May." in bodies
    assert "/accounts/invitation/" in bodies


def test_the_slug_is_unique_when_a_partner_already_has_the_name(
    as_user: Any,
    admin: Any,
    org_a: Organisation,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    application.organisation_name = org_a.name
    application.save()

    response = decide(
        as_user(admin), application, django_capture_on_commit_callbacks, decision="accept"
    )

    assert response.status_code == 302
    created = Organisation.objects.get(erasmus_oid="E10099999")
    assert created.name == org_a.name
    assert created.slug != org_a.slug
    assert created.slug.startswith(org_a.slug)
    assert Organisation.objects.filter(slug=org_a.slug).count() == 1
    assert org_a.get_absolute_url() != created.get_absolute_url()


def test_accepting_twice_is_refused_and_changes_nothing(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = as_user(admin)
    decide(client, application, django_capture_on_commit_callbacks, decision="accept")
    sent = len(mailoutbox)

    response = decide(client, application, django_capture_on_commit_callbacks, decision="accept")

    assert response.status_code == 302
    assert "This application has already been decided." in page_text(
        client.get(response["Location"])
    )
    assert Organisation.objects.filter(name="Tampereen ammattiopisto").count() == 1
    assert Invitation.objects.count() == 1
    assert len(mailoutbox) == sent


def test_accepting_twice_shows_why_it_is_refused(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = as_user(admin)
    decide(client, application, django_capture_on_commit_callbacks, decision="accept")

    response = decide(client, application, django_capture_on_commit_callbacks, decision="accept")

    assert "This application has already been decided." in page_text(
        client.get(response["Location"])
    )


def test_declining_an_accepted_application_is_refused(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = as_user(admin)
    decide(client, application, django_capture_on_commit_callbacks, decision="accept")

    decide(
        client, application, django_capture_on_commit_callbacks, decision="decline", message="No."
    )

    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.ACCEPTED
    assert application.decision_message == ""


def test_accepting_is_refused_when_the_erasmus_id_became_a_partners(
    as_user: Any,
    admin: Any,
    org_a: Organisation,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    application.erasmus_oid = org_a.erasmus_oid
    application.save()

    client = as_user(admin)
    response = decide(client, application, django_capture_on_commit_callbacks, decision="accept")

    assert response.status_code == 302
    assert f"Erasmus+ Organisation ID {org_a.erasmus_oid} is already a partner" in page_text(
        client.get(response["Location"])
    )
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.PENDING
    assert Organisation.objects.count() == 1
    assert Invitation.objects.count() == 0


# --------------------------------------------------------------------------
# Declining
# --------------------------------------------------------------------------


def test_declining_without_a_message_shows_the_error_next_to_the_message_field(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    response = decide(
        as_user(admin),
        application,
        django_capture_on_commit_callbacks,
        decision="decline",
        message="   ",
    )

    assert response.status_code == 200
    assert response.context["form"].errors["message"] == [
        "Tell the applicant why the application is declined."
    ]
    assert "Tell the applicant why the application is declined." in page_text(response)
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.PENDING
    assert application.decided_by is None
    assert application.decided_at is None
    assert mailoutbox == []


def test_declining_with_a_message_records_it_and_sends_it(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    mailoutbox: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = "The network only takes members from EU programme countries this year."
    response = decide(
        as_user(admin),
        application,
        django_capture_on_commit_callbacks,
        decision="decline",
        message=message,
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.DECLINED
    assert application.decided_by == admin
    assert application.decided_at is not None
    assert application.decision_message == message
    assert application.organisation is None
    assert Organisation.objects.count() == 0
    assert Invitation.objects.count() == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["aino.virtanen@tampere.example"]
    assert message in mailoutbox[0].body


def test_an_unknown_decision_is_refused(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    response = decide(
        as_user(admin), application, django_capture_on_commit_callbacks, decision="maybe"
    )

    assert response.status_code == 200
    assert "decision" in response.context["form"].errors
    application.refresh_from_db()
    assert application.status == PartnerApplication.Status.PENDING


# --------------------------------------------------------------------------
# Audit log
# --------------------------------------------------------------------------


def test_accepting_leaves_audit_entries_with_the_admin_as_actor(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    decide(as_user(admin), application, django_capture_on_commit_callbacks, decision="accept")

    organisation = Organisation.objects.get(name="Tampereen ammattiopisto")
    created = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Organisation),
        object_pk=str(organisation.pk),
        action=LogEntry.Action.CREATE,
    )
    assert created.actor == admin
    application_changes = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(PartnerApplication),
        object_pk=str(application.pk),
        action=LogEntry.Action.UPDATE,
    )
    assert any("status" in entry.changes_dict for entry in application_changes)


def test_the_audit_page_shows_the_entries_to_the_admin(
    as_user: Any,
    admin: Any,
    application: PartnerApplication,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = as_user(admin)
    decide(client, application, django_capture_on_commit_callbacks, decision="accept")

    response = client.get(reverse("network:audit_log"))

    assert response.status_code == 200
    page = page_text(response)
    assert "organisation: Tampereen ammattiopisto" in page
    assert "partnerapplication: Tampereen ammattiopisto" in page
    assert str(admin) in page

    only_organisations = page_text(client.get(reverse("network:audit_log") + "?model=organisation"))
    assert "organisation: Tampereen ammattiopisto" in only_organisations
    assert "partnerapplication: Tampereen ammattiopisto" not in only_organisations
