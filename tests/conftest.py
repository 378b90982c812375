"""Personas shared by every test: anonymous, staff of A, coordinator of A,
coordinator of B, editor, admin (see the README, "Contributing")."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from mobinnov.accounts.models import User
from mobinnov.network.models import Membership, Organisation
from mobinnov.network.services import organisation_create

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


# Data the migrations load (sectors, framework, rubric). A transactional test
# (the browser tests) ends with a flush that empties every table; the tests
# that pytest-django orders after it must still find this data.
REFERENCE_DATA = (
    "mobinnov.network.migrations.0002_sectors",
    "mobinnov.excellence.migrations.0002_framework",
    "mobinnov.practices.migrations.0002_rubric",
    "mobinnov.impact.migrations.0002_instruments",
)


def load_reference_data() -> None:
    import importlib

    from auditlog.context import disable_auditlog
    from django.apps import apps

    with disable_auditlog():
        for module in REFERENCE_DATA:
            importlib.import_module(module).load(apps, None)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request: Any, django_db_blocker: Any) -> Any:
    yield
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        with django_db_blocker.unblock():
            load_reference_data()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Any:
    """Rate-limit counters live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_user(email: str, **extra: Any) -> User:
    return User.objects.create_user(
        email=email, password=PASSWORD, full_name=email.split("@")[0].title(), **extra
    )


@pytest.fixture
def org_a(db: None) -> Organisation:
    return organisation_create(
        data={
            "name": "Lycée professionnel Alpha",
            "org_type": "vet_school",
            "country": "FR",
            "city": "Lyon",
            "latitude": 45.75,
            "longitude": 4.85,
            "erasmus_oid": "E10000001",
            "description": "Automotive and hospitality training.",
            "contact_email": "contact@alpha.example",
        }
    )


@pytest.fixture
def org_b(db: None) -> Organisation:
    return organisation_create(
        data={
            "name": "Berufskolleg Beta",
            "org_type": "vet_school",
            "country": "DE",
            "city": "Köln",
            "latitude": 50.94,
            "longitude": 6.96,
            "erasmus_oid": "E10000002",
        }
    )


@pytest.fixture
def staff_a(org_a: Organisation) -> User:
    user = make_user("staff.a@example.org")
    Membership.objects.create(user=user, organisation=org_a, role=Membership.Role.STAFF)
    return user


@pytest.fixture
def coordinator_a(org_a: Organisation) -> User:
    user = make_user("coord.a@example.org")
    Membership.objects.create(user=user, organisation=org_a, role=Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def coordinator_b(org_b: Organisation) -> User:
    user = make_user("coord.b@example.org")
    Membership.objects.create(user=user, organisation=org_b, role=Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def editor(db: None) -> User:
    return make_user("editor@example.org", is_editor=True)


@pytest.fixture
def admin(db: None) -> User:
    return make_user("admin@example.org", is_network_admin=True)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_user() -> Any:
    """``as_user(user)`` gives a Django test client signed in as ``user`` (None: anonymous)."""
    return client_for
