"""URL patterns of the impact app's records pages (included by urls.py):
implementation records, the transfer map, actions taken on feedback, the
participant's own page and the Open Badges endpoints."""

from django.urls import URLPattern, path

from mobinnov.impact import views_records as views

urlpatterns: list[URLPattern] = [
    path("evaluation/implementations/", views.implementation_list, name="implementation_list"),
    path(
        "evaluation/mobility/<str:reference>/implementations/new/",
        views.implementation_create,
        name="implementation_create",
    ),
    path(
        "evaluation/implementations/<int:pk>/",
        views.implementation_detail,
        name="implementation_detail",
    ),
    path(
        "evaluation/implementations/<int:pk>/edit/",
        views.implementation_edit,
        name="implementation_edit",
    ),
    path(
        "evaluation/implementations/<int:pk>/evidence/",
        views.implementation_evidence,
        name="implementation_evidence",
    ),
    path("evaluation/transfer-map/", views.transfer_map, name="transfer_map"),
    path("evaluation/feedback/<slug:slug>/", views.feedback_list, name="feedback_list"),
    path("evaluation/me/", views.my_evaluation, name="my_evaluation"),
    # Open Badges 2.0: the fixed documents before the per-badge ones.
    path("badges/issuer.json", views.badge_issuer, name="badge_issuer"),
    path("badges/class.json", views.badge_class, name="badge_class"),
    path("badges/badge.svg", views.badge_image, name="badge_image"),
    path("badges/claim/<str:reference>/", views.badge_claim, name="badge_claim"),
    path("badges/<slug:uid>.json", views.badge_assertion, name="badge_assertion"),
    path("badges/<slug:uid>/", views.badge_verify, name="badge_verify"),
    path("badges/<slug:uid>/download.json", views.badge_download, name="badge_download"),
]
