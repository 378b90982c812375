"""URL patterns of the impact app's answers pages (included by urls.py)."""

from django.urls import URLPattern, path

from mobinnov.impact import views_answers as views

urlpatterns: list[URLPattern] = [
    path("evaluate/<str:token>/", views.answer, name="answer"),
    path("evaluation/my-answers/", views.my_answers, name="my_answers"),
    path("evaluation/my-answers.csv", views.my_answers_csv, name="my_answers_csv"),
    path("evaluation/invitations/", views.invitation_list, name="invitation_list"),
    path(
        "evaluation/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "evaluation/invitations/<int:pk>/answers/",
        views.invitation_answers,
        name="invitation_answers",
    ),
    path(
        "evaluation/invitations/<int:pk>/answers/<int:answer_pk>/file/",
        views.evidence_file,
        name="evidence_file",
    ),
    path(
        "evaluation/mobility/<str:reference>/",
        views.mobility_invitations,
        name="mobility_invitations",
    ),
]
