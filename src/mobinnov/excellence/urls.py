from django.urls import path

from mobinnov.excellence import views

app_name = "excellence"
urlpatterns = [
    path("", views.framework, name="framework"),
    path("fields/new/", views.field_create, name="field_create"),
    path("fields/<str:code>/edit/", views.field_edit, name="field_edit"),
    path("fields/<str:code>/status/", views.field_status, name="field_status"),
    path("definitions/", views.definitions, name="definitions"),
    path(
        "definitions/<slug:owner>/<slug:topic>/edit/", views.definition_edit, name="definition_edit"
    ),
    path(
        "definitions/<slug:owner>/<slug:topic>/history/",
        views.definition_history,
        name="definition_history",
    ),
]
