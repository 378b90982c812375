from django.urls import path

from mobinnov.api import views
from mobinnov.api.budget import BudgetView

app_name = "api"
urlpatterns = [
    path("practices/", views.PracticeListView.as_view(), name="practice-list"),
    path("practices/facets/", views.PracticeFacetsView.as_view(), name="practice-facets"),
    path("practices/<slug:slug>/", views.PracticeDetailView.as_view(), name="practice-detail"),
    path("budget/", BudgetView.as_view(), name="budget"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
]
