from django.urls import URLPattern

from mobinnov.impact import urls_answers, urls_dashboards, urls_instruments, urls_records

app_name = "impact"
urlpatterns: list[URLPattern] = [
    *urls_instruments.urlpatterns,
    *urls_answers.urlpatterns,
    *urls_records.urlpatterns,
    *urls_dashboards.urlpatterns,
]
