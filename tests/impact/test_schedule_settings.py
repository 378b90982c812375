"""Admins set when each wave is sent and how reminders follow; the next run of
send_evaluations uses it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from mobinnov.impact.models import ScheduleSettings

URL = "/evaluation/schedule/"


def form_data(client: Any, **changes: Any) -> dict[str, Any]:
    form = client.get(URL).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(changes)
    return data


def test_the_address() -> None:
    assert reverse("impact:schedule") == URL


@pytest.mark.parametrize("persona", ["staff_a", "coordinator_a", "editor"])
def test_only_admins(request: Any, as_user: Any, persona: str) -> None:
    assert as_user(request.getfixturevalue(persona)).get(URL).status_code == 403
    assert as_user(None).get(URL).status_code == 302


def test_an_admin_changes_the_schedule(as_user: Any, admin: Any) -> None:
    client = as_user(admin)
    response = client.post(URL, form_data(client, t0_days_before_start=21, max_reminders=1))
    assert response.status_code == 302
    row = ScheduleSettings.current()
    assert (row.t0_days_before_start, row.max_reminders) == (21, 1)


def test_bad_figures_are_refused_next_to_the_field(as_user: Any, admin: Any) -> None:
    client = as_user(admin)
    data = form_data(
        client, t2_months_after_end=8, t3_months_after_end=7, reminder_interval_days=99
    )
    response = client.post(URL, data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "T3 must come later than T2" in str(form.errors["t3_months_after_end"])
    assert "reminder_interval_days" in form.errors
    assert ScheduleSettings.current().t3_months_after_end == 9


def test_a_concurrent_save_is_not_overwritten(as_user: Any, admin: Any) -> None:
    client = as_user(admin)
    stale = form_data(client, t0_days_before_start=30)
    client.post(URL, form_data(client, t0_days_before_start=10))
    response = client.post(URL, stale)
    assert response.status_code == 409
    assert ScheduleSettings.current().t0_days_before_start == 10
    assert "Someone else saved the schedule" in response.content.decode()
