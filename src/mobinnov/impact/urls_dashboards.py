"""URL patterns of the impact app's dashboards pages (included by urls.py)."""

from django.urls import URLPattern, path

from mobinnov.impact import views_dashboards as views

urlpatterns: list[URLPattern] = [
    path("evaluation/dashboard/", views.dashboard_network, name="dashboard_network"),
    path(
        "evaluation/dashboard/<slug:slug>/",
        views.dashboard_organisation,
        name="dashboard_organisation",
    ),
    path("evaluation/summary/", views.summary, name="summary"),
    path("evaluation/report/", views.report, name="report"),
    path("evaluation/stories/<slug:slug>/", views.stories, name="stories"),
]
