"""URL patterns of the impact app's records pages (included by urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
