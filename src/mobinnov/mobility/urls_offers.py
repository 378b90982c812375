"""URL patterns of the mobility app's offers pages (included by urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
