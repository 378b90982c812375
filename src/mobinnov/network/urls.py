from django.urls import path

from mobinnov.network import views

app_name = "network"
urlpatterns = [
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner_detail"),
    path("partners/<slug:slug>/edit/", views.partner_edit, name="partner_edit"),
    path("partners/<slug:slug>/members/", views.partner_members, name="partner_members"),
    path(
        "partners/<slug:slug>/members/<int:pk>/", views.membership_update, name="membership_update"
    ),
    path(
        "partners/<slug:slug>/invitations/<int:pk>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_thanks, name="join_thanks"),
    path("network/applications/", views.application_list, name="application_list"),
    path("network/applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("network/audit/", views.audit_log, name="audit_log"),
    path("network/people/", views.people, name="people"),
    path("network/people/<int:pk>/roles/", views.person_roles, name="person_roles"),
]
