"""The evaluation area's front page: the way in to questionnaires, records,
dashboards and the item bank, by role."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from mobinnov.core.permissions import coordinated_organisation_ids, is_admin, is_editor
from mobinnov.network.models import Organisation


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context: dict[str, object] = {"signed_in": user.is_authenticated}
    if user.is_authenticated:
        context.update(
            coordinated=list(
                Organisation.objects.filter(pk__in=coordinated_organisation_ids(user)).order_by(
                    "name"
                )
            ),
            is_editor=is_editor(user),
            is_admin=is_admin(user),
        )
    return render(request, "impact/home.html", context)
