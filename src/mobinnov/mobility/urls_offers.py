"""URL patterns of the mobility app's offers and needs pages (included by urls.py)."""

from django.urls import URLPattern, path

from mobinnov.mobility import views_offers as views

urlpatterns: list[URLPattern] = [
    path("mobility/offers/", views.offer_list, name="offer_list"),
    path("mobility/offers/new/", views.offer_create, name="offer_create"),
    path("mobility/offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("mobility/offers/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("mobility/needs/", views.need_list, name="need_list"),
    path("mobility/needs/new/", views.need_create, name="need_create"),
    path("mobility/needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("mobility/needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    path("mobility/needs/<int:pk>/submit/", views.need_submit, name="need_submit"),
    path("mobility/needs/<int:pk>/endorse/", views.need_endorse, name="need_endorse"),
    path("mobility/needs/<int:pk>/withdraw/", views.need_withdraw, name="need_withdraw"),
]
