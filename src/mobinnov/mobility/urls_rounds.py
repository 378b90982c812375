"""URL patterns of the mobility app's rounds pages (included by urls.py)."""

from django.urls import URLPattern, path

from mobinnov.mobility import views_rounds

urlpatterns: list[URLPattern] = [
    path("mobility/rounds/", views_rounds.round_list, name="round_list"),
    path("mobility/rounds/new/", views_rounds.round_create, name="round_create"),
    path("mobility/rounds/<int:pk>/", views_rounds.round_detail, name="round_detail"),
    path("mobility/rounds/<int:pk>/solve/", views_rounds.round_solve, name="round_solve"),
    path("mobility/rounds/<int:pk>/close/", views_rounds.round_close, name="round_close"),
    path(
        "mobility/proposals/<int:pk>/decide/",
        views_rounds.proposal_decide,
        name="proposal_decide",
    ),
    path("mobility/ledger/", views_rounds.ledger, name="ledger"),
    path("mobility/ledger/<slug:slug>/", views_rounds.ledger_partner, name="ledger_partner"),
]
