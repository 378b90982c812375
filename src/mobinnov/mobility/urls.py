from django.urls import path

from mobinnov.mobility import views

app_name = "mobility"
urlpatterns = [
    path("budget/", views.estimator, name="estimator"),
]
