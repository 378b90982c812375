from django.urls import path

from mobinnov.practices import views, views_import, views_outputs

app_name = "practices"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("rubric/", views.rubric, name="rubric"),
    path("import/", views_import.import_practices, name="import"),
    path("import/template.xlsx", views_import.import_template, name="import_template"),
    path("export.csv", views_outputs.export_csv, name="export_csv"),
    path("export.xlsx", views_outputs.export_xlsx, name="export_xlsx"),
    path("export.json", views_outputs.export_json, name="export_json"),
    path("booklet/", views_outputs.booklet_request, name="booklet"),
    path("booklet/<str:job>/", views_outputs.booklet_status, name="booklet_status"),
    path("booklet/<str:job>/booklet.pdf", views_outputs.booklet_download, name="booklet_download"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/factsheet.pdf", views_outputs.factsheet, name="factsheet"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/submit/", views.submit, name="submit"),
    path("<slug:slug>/review/", views.review_manage, name="review_manage"),
    path("<slug:slug>/history/", views.history, name="history"),
    path("<slug:slug>/history/<int:before>/<int:after>/", views.compare, name="compare"),
    path("<slug:slug>/translations/<str:language>/", views.translate, name="translate"),
    path("<slug:slug>/attachments/", views.attachments, name="attachments"),
    path("<slug:slug>/attachments/<int:pk>/", views.attachment_file, name="attachment"),
    path(
        "<slug:slug>/attachments/<int:pk>/display/",
        views.attachment_file,
        {"variant": "display"},
        name="attachment_display",
    ),
    path("<slug:slug>/<str:action>/", views.transition, name="transition"),
]
