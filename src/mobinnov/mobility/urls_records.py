"""URL patterns of the mobility app's records pages (included by urls.py)."""

from django.urls import URLPattern, path

from mobinnov.mobility import views_records as views

urlpatterns: list[URLPattern] = [
    path("mobility/mobilities/", views.mobility_list, name="mobility_list"),
    path("mobility/mobilities/new/", views.mobility_create, name="mobility_create"),
    path(
        "mobility/mobilities/<str:reference>/",
        views.mobility_detail,
        name="mobility_detail",
    ),
    path(
        "mobility/mobilities/<str:reference>/edit/",
        views.mobility_edit,
        name="mobility_edit",
    ),
    path(
        "mobility/mobilities/<str:reference>/programme/",
        views.mobility_programme,
        name="mobility_programme",
    ),
    path(
        "mobility/mobilities/<str:reference>/status/",
        views.mobility_status,
        name="mobility_status",
    ),
    path(
        "mobility/mobilities/<str:reference>/agreement/",
        views.agreement_edit,
        name="agreement_edit",
    ),
    path(
        "mobility/mobilities/<str:reference>/agreement/approve/",
        views.agreement_approve,
        name="agreement_approve",
    ),
    path(
        "mobility/mobilities/<str:reference>/agreement.pdf",
        views.agreement_pdf,
        name="agreement_pdf",
    ),
    path(
        "mobility/mobilities/<str:reference>/agreement/complement/",
        views.agreement_complement,
        name="agreement_complement",
    ),
]
