"""URL patterns of the impact app's answers pages (included by urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
