"""URL patterns of the impact app's dashboards pages (included by urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
