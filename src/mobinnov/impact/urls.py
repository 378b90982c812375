from django.urls import URLPattern, path

from mobinnov.impact import (
    urls_answers,
    urls_dashboards,
    urls_instruments,
    urls_records,
    views_home,
    views_settings,
)

app_name = "impact"
urlpatterns: list[URLPattern] = [
    path("evaluation/", views_home.home, name="home"),
    path("evaluation/schedule/", views_settings.schedule_settings, name="schedule"),
    *urls_instruments.urlpatterns,
    *urls_answers.urlpatterns,
    *urls_records.urlpatterns,
    *urls_dashboards.urlpatterns,
]
