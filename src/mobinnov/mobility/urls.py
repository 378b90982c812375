from django.urls import URLPattern, path

from mobinnov.mobility import urls_money, urls_offers, urls_records, urls_rounds, views

app_name = "mobility"
urlpatterns: list[URLPattern] = [
    path("budget/", views.estimator, name="estimator"),
    path("mobility/", views.home, name="home"),
    *urls_offers.urlpatterns,
    *urls_rounds.urlpatterns,
    *urls_records.urlpatterns,
    *urls_money.urlpatterns,
]
