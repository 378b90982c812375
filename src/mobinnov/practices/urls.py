from django.urls import path

from mobinnov.practices import views

app_name = "practices"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/submit/", views.submit, name="submit"),
    path("<slug:slug>/review/", views.review_manage, name="review_manage"),
    path("<slug:slug>/history/", views.history, name="history"),
    path("<slug:slug>/history/<int:before>/<int:after>/", views.compare, name="compare"),
    path("<slug:slug>/translations/<str:language>/", views.translate, name="translate"),
    path("<slug:slug>/<str:action>/", views.transition, name="transition"),
]
