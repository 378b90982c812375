from django.urls import URLPattern, path

from mobinnov.impact import (
    urls_answers,
    urls_dashboards,
    urls_instruments,
    urls_records,
    views_home,
)

app_name = "impact"
urlpatterns: list[URLPattern] = [
    path("evaluation/", views_home.home, name="home"),
    *urls_instruments.urlpatterns,
    *urls_answers.urlpatterns,
    *urls_records.urlpatterns,
    *urls_dashboards.urlpatterns,
]
