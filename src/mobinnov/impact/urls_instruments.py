"""URL patterns of the impact app's instruments pages (included by urls.py)."""

from django.urls import URLPattern, path

from mobinnov.impact import views_instruments as views

urlpatterns: list[URLPattern] = [
    path("evaluation/items/", views.item_list, name="item_list"),
    path("evaluation/items/new/", views.item_create, name="item_create"),
    path("evaluation/items/<slug:code>/edit/", views.item_edit, name="item_edit"),
    path("evaluation/instruments/", views.instrument_list, name="instrument_list"),
    path("evaluation/instruments/<int:pk>/", views.instrument_detail, name="instrument_detail"),
    path("evaluation/instruments/<int:pk>/edit/", views.instrument_edit, name="instrument_edit"),
]
