from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from mobinnov.mobility.estimator import item_label, note_message
from mobinnov.mobility.forms import EstimatorForm

FORM_FIELDS = set(EstimatorForm.base_fields)


@require_GET
def estimator(request: HttpRequest) -> HttpResponse:
    """Public Erasmus+ budget estimator: a GET form, so an estimate has a URL."""
    bound = bool(FORM_FIELDS & set(request.GET))
    form = EstimatorForm(request.GET if bound else None)
    result = form.result if bound and form.is_valid() else None
    context: dict[str, object] = {"form": form, "result": None}
    if result is not None:
        estimate = result.estimate
        context.update(
            result=result,
            estimate=estimate,
            lines=[{"label": item_label(line.item), "line": line} for line in estimate.breakdown],
            notes=[note_message(code) for code in estimate.notes],
        )
    status = 400 if bound and result is None else 200
    return render(request, "mobility/estimator.html", context, status=status)
