"""URL patterns of the mobility app's money pages (included by urls.py)."""

from django.urls import URLPattern, path

from mobinnov.mobility import views_money

urlpatterns: list[URLPattern] = [
    path(
        "mobility/budget/organisation/<slug:slug>/",
        views_money.organisation_budget,
        name="budget_organisation",
    ),
    path("mobility/budget/", views_money.network_budget, name="budget_network"),
    path("mobility/rounds/<int:pk>/budget/", views_money.round_budget, name="budget_round"),
    path("mobility/export/", views_money.reporting_export, name="reporting_export"),
    path("mobility/calendar/", views_money.calendar_links, name="calendar_links"),
    path(
        "mobility/calendar/user/<str:token>.ics",
        views_money.calendar_user,
        name="calendar_user",
    ),
    path(
        "mobility/calendar/organisation/<str:token>.ics",
        views_money.calendar_organisation,
        name="calendar_organisation",
    ),
    path("mobility/rates/", views_money.rates, name="rates"),
    path("mobility/rates/<int:year>/", views_money.rates_edit, name="rates_edit"),
]
