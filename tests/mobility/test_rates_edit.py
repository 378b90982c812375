"""Admins edit the rate tables of a call year through a structured form;
budgets computed afterwards use the new figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape

from mobinnov.mobility import ratebook, services
from mobinnov.mobility.models import Mobility, RateTable
from mobinnov.mobility.rates import RatesError, default_rates
from tests.mobility import factories as f

D = dt.date
LIST = reverse("mobility:rates")


def edit_url(year: int) -> str:
    return reverse("mobility:rates_edit", kwargs={"year": year})


def form_data(client: Any, year: int) -> dict[str, Any]:
    """What the edit form posts when nothing is changed."""
    response = client.get(edit_url(year))
    assert response.status_code == 200
    form = response.context["form"]
    data = {}
    for field in form:
        value = field.value()
        data[field.name] = "" if value is None else value
    return data


def test_permissions(as_user, staff_a, coordinator_a, coordinator_b, editor, admin):
    for url in (LIST, edit_url(2024)):
        response = as_user(None).get(url)
        assert response.status_code == 302 and "/login" in response["Location"]
        for user in (staff_a, coordinator_a, coordinator_b, editor):
            assert as_user(user).get(url).status_code == 403
        assert as_user(admin).get(url).status_code == 200
    for user in (staff_a, coordinator_a, editor):
        assert as_user(user).post(edit_url(2024), {"rate_2": "150"}).status_code == 403
    assert not RateTable.objects.exists()
    assert as_user(admin).get(edit_url(1999)).status_code == 404


def test_list_shows_origin_of_each_year(as_user, admin):
    client = as_user(admin)
    response = client.get(LIST)
    years = [item["year"] for item in response.context["page"].object_list]
    assert years == sorted(ratebook.active_rates().call_years, reverse=True)
    text = response.content.decode()
    assert "Shipped file" in text and "Edited by" not in text
    assert edit_url(2024) in text

    data = form_data(client, 2024)
    data["rate_2"] = "150"
    client.post(edit_url(2024), data)
    response = client.get(LIST)
    edited = {item["year"]: item["edited"] for item in response.context["page"].object_list}
    assert edited[2024] is not None and edited[2025] is None
    assert f"Edited by {admin.full_name} on" in response.content.decode()


def test_form_shows_figures_with_range_and_source(as_user, admin):
    client = as_user(admin)
    response = client.get(edit_url(2025))
    form = response.context["form"]
    node = ratebook.call_year_document(2025)
    assert node is not None
    assert form["rate_2"].value() == node["daily_rates"]["2"]["na_rate"]["value"]
    assert form["rate_2_confidence"].value() == node["daily_rates"]["2"]["na_rate"]["confidence"]
    assert form["band_3_standard"].value() == node["travel_bands"][3]["standard"]
    assert form["band_3_source"].value() == node["travel_bands"][3]["source"]
    assert form["version"].value() == 0
    text = response.content.decode()
    assert "EU range: 84 to 170 EUR a day." in text  # group 2 in 2025
    assert "<legend><h2>Individual support: country group 2</h2></legend>" in text
    assert '<label for="id_rate_2">' in text
    assert "DE" in text  # the countries of group 2
    assert escape(node["na_rates_note"]) in text
    # Years whose EU range is partly or not known say so.
    assert "EU range: at most 160 EUR a day." in client.get(edit_url(2021)).content.decode()
    assert "The EU range is not known" in client.get(edit_url(2024)).content.decode()


def test_edit_changes_later_budgets(as_user, admin, org_a, org_b, staff_a):
    """Edit the group-2 daily rate for 2024: a mobility to Germany priced
    afterwards gets the new rate."""
    mobility = f.mobility(staff_a, org_a, org_b, call_year=2024)
    old_rate = ratebook.active_rates().years[2024].daily_rates[2].na_rate
    # 5 days + 2 funded travel days, all at the full daily rate.
    assert mobility.individual_support == old_rate * 7
    client = as_user(admin)
    data = form_data(client, 2024)
    new_rate = old_rate + 7
    data["rate_2"] = str(new_rate)
    data["rate_2_source"] = "Our National Agency's rates 2024, section 3"
    data["rate_2_confidence"] = "V"
    response = client.post(edit_url(2024), data)
    assert response.status_code == 302 and response["Location"] == LIST

    row = RateTable.objects.get(call_year=2024)
    assert row.updated_by == admin
    assert row.data["daily_rates"]["2"]["na_rate"] == {
        "value": int(new_rate),
        "source": "Our National Agency's rates 2024, section 3",
        "confidence": "V",
    }
    rates = ratebook.active_rates().years[2024]
    assert rates.daily_rates[2].na_rate == new_rate
    fresh = Mobility.objects.get(pk=mobility.pk)
    services.apply_budget(fresh)
    assert fresh.individual_support == new_rate * 7
    # Other figures and years are unchanged.
    shipped = default_rates()
    assert rates.travel_bands == shipped.years[2024].travel_bands
    assert rates.daily_rates[1] == shipped.years[2024].daily_rates[1]
    assert ratebook.active_rates().years[2025] == shipped.years[2025]


def test_edit_travel_and_supports(as_user, admin):
    client = as_user(admin)
    data = form_data(client, 2025)
    data["band_3_standard"] = "320"
    data["band_3_green"] = "430.5"
    data["inclusion_support"] = ""
    data["course_fee_per_day"] = "85"
    assert client.post(edit_url(2025), data).status_code == 302
    rates = ratebook.active_rates().years[2025]
    band = rates.travel_bands[3]
    assert (band.standard, band.green) == (Decimal(320), Decimal("430.5"))
    assert rates.inclusion_support.value is None
    assert rates.course_fee_per_day.value == Decimal(85)
    stored = RateTable.objects.get(call_year=2025).data
    assert stored["travel_bands"][3]["green"] == 430.5
    assert stored["inclusion_support"]["value"] is None


@pytest.mark.parametrize(("year", "value"), [(2025, "171"), (2025, "83.99"), (2021, "160.01")])
def test_daily_rate_outside_the_eu_range(year, value, as_user, admin):
    client = as_user(admin)
    data = form_data(client, year)
    data["rate_2"] = value
    response = client.post(edit_url(year), data)
    assert response.status_code == 400
    errors = response.context["form"].errors["rate_2"]
    assert "must be inside the EU range" in errors[0]
    assert not RateTable.objects.exists()
    # The error is shown next to its field, the input kept.
    text = response.content.decode()
    assert f'value="{value}"' in text
    field_at = text.index('for="id_rate_2"')
    assert (
        field_at < text.index("must be inside the EU range") < text.index('for="id_rate_2_source"')
    )


def test_daily_rate_at_the_edges_of_the_range(as_user, admin):
    client = as_user(admin)
    data = form_data(client, 2025)
    data["rate_2"], data["rate_3"] = "170", "71"
    assert client.post(edit_url(2025), data).status_code == 302
    rates = ratebook.active_rates().years[2025].daily_rates
    assert (rates[2].na_rate, rates[3].na_rate) == (Decimal(170), Decimal(71))


def test_bad_travel_amounts_and_missing_source(as_user, admin):
    client = as_user(admin)
    data = form_data(client, 2024)
    data["band_2_green"] = str(int(data["band_2_standard"]) - 1)
    data["band_4_standard"] = "1"
    data["course_fee_per_day_source"] = "  "
    data["organisational_support"] = "-5"
    data["rate_1_confidence"] = "X"
    response = client.post(edit_url(2024), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "cannot be below the standard amount" in errors["band_2_green"][0]
    assert "cannot get less than the band before it" in errors["band_4_standard"][0]
    assert errors["course_fee_per_day_source"] and errors["organisational_support"]
    assert errors["rate_1_confidence"]
    assert not RateTable.objects.exists()


def test_rates_error_is_shown_on_the_form(as_user, admin, monkeypatch):
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise RatesError("call 2024: the tables name call year 2023")

    monkeypatch.setattr(ratebook, "save_call_year", refuse)
    client = as_user(admin)
    response = client.post(edit_url(2024), form_data(client, 2024))
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The tables were not saved: call 2024: the tables name call year 2023"
    ]


def test_concurrent_edits(as_user, admin):
    """Two admins open the form of a shipped year; the second save is refused
    with 409, keeps its input and carries the current version."""
    first, second = as_user(admin), as_user(admin)
    data_first, data_second = form_data(first, 2024), form_data(second, 2024)
    data_first["rate_3"] = "120"
    assert first.post(edit_url(2024), data_first).status_code == 302
    data_second["rate_1"] = "150"
    response = second.post(edit_url(2024), data_second)
    assert response.status_code == 409
    form = response.context["form"]
    assert "Someone else saved this page" in form.non_field_errors()[0]
    assert form.data["rate_1"] == "150"
    assert form.data["version"] == "1"
    assert ratebook.active_rates().years[2024].daily_rates[1].na_rate != Decimal(150)
    # Saving again with the current version goes through.
    data_second["version"] = form.data["version"]
    assert second.post(edit_url(2024), data_second).status_code == 302
    row = RateTable.objects.get(call_year=2024)
    assert row.version == 2
    assert row.data["daily_rates"]["1"]["na_rate"]["value"] == 150
    # The second form still held the shipped group-3 rate: saving it wrote it back.
    shipped = default_rates().years[2024].daily_rates[3].na_rate
    assert row.data["daily_rates"]["3"]["na_rate"]["value"] == int(shipped)
    # A third edit from a form opened before the second save is refused too.
    data_first["version"] = "1"
    assert first.post(edit_url(2024), data_first).status_code == 409


@pytest.mark.parametrize("count", [2, 10])
def test_list_query_count(count, as_user, admin, django_assert_max_num_queries):
    base = ratebook.call_year_document(2025)
    assert base is not None
    for number in range(count):
        node = dict(base, call_year=2030 + number)
        RateTable.objects.create(call_year=2030 + number, data=node, updated_by=admin)
    client = as_user(admin)
    with django_assert_max_num_queries(5):
        response = client.get(LIST)
    assert len(response.context["page"].object_list) == 5 + count
