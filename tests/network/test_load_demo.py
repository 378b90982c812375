"""The demo network: enough partners to show, working logins, idempotent loading."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q

from mobinnov.accounts.models import User
from mobinnov.excellence.models import Definition, DefinitionTopic, DefinitionVersion
from mobinnov.network.demo import DEMO_PASSWORD, PARTNERS, load_demo
from mobinnov.network.models import Membership, Organisation

COORDINATOR = Membership.Role.COORDINATOR
STAFF = Membership.Role.STAFF
NAMED_LOGINS = (
    "admin@example.org",
    "editor@example.org",
    "coordinator@example.org",
    "teacher@example.org",
    "coordinator2@example.org",
)


def _table_counts() -> dict[str, int]:
    """How many rows each demo-related table holds."""
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, User, Membership, Definition, DefinitionVersion)
    }


def _first_partner() -> Organisation:
    return Organisation.objects.get(slug=PARTNERS[0].slug)


@pytest.fixture
def demo(db: None) -> dict[str, dict[str, int]]:
    """The demo network, loaded once."""
    return load_demo()


def test_network_is_big_enough_to_show(demo: dict[str, dict[str, int]]) -> None:
    active = Organisation.objects.filter(is_active=True)
    assert active.count() >= 12
    assert active.values("country").distinct().count() >= 8
    assert demo["organisations"]["created"] == Organisation.objects.count()


def test_every_organisation_is_on_the_map_and_has_a_coordinator(demo: Any) -> None:
    organisations = Organisation.objects.annotate(
        coordinators=Count("memberships", filter=Q(memberships__role=COORDINATOR)),
        sector_count=Count("sectors", distinct=True),
    )
    for organisation in organisations:
        assert organisation.has_coordinates, organisation.slug
        assert organisation.coordinators >= 1, organisation.slug
        assert 2 <= organisation.sector_count <= 4, organisation.slug
        assert organisation.erasmus_oid and organisation.description, organisation.slug


def test_every_organisation_has_both_definitions_and_the_network_too(demo: Any) -> None:
    topics = set(DefinitionTopic.values)
    for organisation in Organisation.objects.all():
        owned = set(organisation.definitions.values_list("topic", flat=True))
        assert owned == topics, organisation.slug
    common = Definition.objects.filter(organisation=None)
    assert set(common.values_list("topic", flat=True)) == topics
    authors = set(common.values_list("updated_by__email", flat=True))
    assert authors == {"editor@example.org"}
    languages = set(Definition.objects.values_list("language", flat=True))
    assert {"en", "fr"} < languages  # some definitions are in the partners' own language


def test_named_logins_work_with_the_demo_password(demo: Any) -> None:
    for email in NAMED_LOGINS:
        user = authenticate(username=email, password=DEMO_PASSWORD)
        assert user is not None and user.email == email, email


def test_named_logins_have_their_roles(demo: Any) -> None:
    users = {user.email: user for user in User.objects.filter(email__in=NAMED_LOGINS)}
    first = _first_partner()
    assert first.country == "FR" and first.org_type == "vet_school"

    admin = users["admin@example.org"]
    assert admin.is_network_admin and admin.is_staff and admin.is_superuser
    assert users["editor@example.org"].is_editor
    assert not users["editor@example.org"].is_network_admin

    def role_in(email: str, organisation: Organisation) -> str | None:
        membership = Membership.objects.filter(user=users[email], organisation=organisation).first()
        return membership.role if membership else None

    assert role_in("coordinator@example.org", first) == COORDINATOR
    assert role_in("teacher@example.org", first) == STAFF
    assert users["coordinator@example.org"].preferred_language == "fr"

    other = Membership.objects.get(user=users["coordinator2@example.org"])
    assert other.role == COORDINATOR
    assert other.organisation.country != first.country


def test_other_people_have_profiles_and_the_demo_password(demo: Any) -> None:
    user = User.objects.get(email=f"coordinator.{PARTNERS[2].slug}@example.org")
    assert user.full_name and user.job_role and user.languages_spoken
    assert user.check_password(DEMO_PASSWORD)
    assert User.objects.filter(full_name="").count() == 0


def test_loading_twice_creates_nothing(demo: Any) -> None:
    before = _table_counts()
    again = load_demo()
    assert _table_counts() == before
    for kind, outcome in again.items():
        assert outcome["created"] == 0, kind
        assert outcome["updated"] == 0, kind


def test_loading_again_repairs_what_was_changed(demo: Any) -> None:
    teacher = User.objects.get(email="teacher@example.org")
    teacher.set_password("something-else-entirely")
    teacher.save()
    first = _first_partner()
    first.city = "Elsewhere"
    first.save()
    definition = Definition.objects.get(organisation=first, topic="excellence_in_vet")
    versions = definition.versions.count()
    definition_text = definition.text
    Definition.objects.filter(pk=definition.pk).update(text="Changed by hand.")

    again = load_demo()

    assert authenticate(username="teacher@example.org", password=DEMO_PASSWORD) is not None
    first.refresh_from_db()
    assert first.city == PARTNERS[0].city
    definition.refresh_from_db()
    assert definition.text == definition_text
    assert definition.versions.count() == versions + 1  # history is kept
    assert again["users"]["updated"] == 1
    assert again["organisations"]["updated"] == 1
    assert again["definitions"]["updated"] == 1


def test_command_prints_the_logins(db: None, settings: Any) -> None:
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    printed = out.getvalue()
    for email in NAMED_LOGINS:
        assert email in printed
    assert DEMO_PASSWORD in printed
    assert "http://127.0.0.1:8000/" in printed
    assert Organisation.objects.count() == len(PARTNERS)

    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "0 created,   0 updated" in out.getvalue()


def test_command_refuses_without_debug_unless_forced(db: None, settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()

    out = StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert "admin@example.org" in out.getvalue()
