"""Editors' pages: the item bank and the versioned instruments built from it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from mobinnov.accounts.models import signed_in_user
from mobinnov.core.concurrency import EditConflict, rebase_form
from mobinnov.core.pagination import paginate
from mobinnov.core.permissions import require
from mobinnov.impact import instruments as services
from mobinnov.impact.forms_instruments import InstrumentEditor, ItemFilterForm, ItemForm
from mobinnov.impact.models import Answer, Instrument, Invitation, Item, Question
from mobinnov.impact.services import EvaluationError
from mobinnov.mobility.models import Format

PER_PAGE = 25
EDIT = "impact.edit_instruments"


def _add_errors(form: Any, errors: dict[str | None, list[str]]) -> None:
    for name, texts in errors.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


# --- items ---------------------------------------------------------------------------


@login_required
@require_GET
def item_list(request: HttpRequest) -> HttpResponse:
    require(request.user, EDIT)
    filters = ItemFilterForm(request.GET or None)
    items = Item.objects.annotate(
        has_answers=Exists(Answer.objects.filter(item=OuterRef("pk"))),
        current_uses=Count(
            "questions", filter=Q(questions__section__instrument__is_current=True), distinct=True
        ),
    ).order_by("level", "code")
    if filters.is_valid():
        if filters.cleaned_data.get("level") is not None:
            items = items.filter(level=filters.cleaned_data["level"])
        if filters.cleaned_data.get("kind"):
            items = items.filter(kind=filters.cleaned_data["kind"])
    page = paginate(request, items, PER_PAGE)
    rows = [(item, item.translated("text")) for item in page.object_list]
    return render(
        request,
        "impact/instruments/item_list.html",
        {"filters": filters, "page": page, "rows": rows},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest) -> HttpResponse:
    require(request.user, EDIT)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(
                code=form.cleaned_data["code"],
                values=form.cleaned_data["values"],
                user=signed_in_user(request),
            )
        except EvaluationError as error:
            _add_errors(form, error.errors)
        else:
            messages.success(
                request,
                _("The item %(code)s is added to the bank. Add it to an instrument to ask it.")
                % {"code": item.code},
            )
            return redirect("impact:item_list")
    return render(request, "impact/instruments/item_form.html", {"form": form, "item": None})


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, EDIT)
    item = get_object_or_404(Item, code=code)
    form = ItemForm(request.POST or None, item=item)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(
                item,
                values=form.cleaned_data["values"],
                user=signed_in_user(request),
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except EditConflict:
            rebase_form(form, Item.objects.get(pk=item.pk).version)
            status = 409
        except EvaluationError as error:
            _add_errors(form, error.errors)
        else:
            messages.success(request, _("The item %(code)s is saved.") % {"code": item.code})
            return redirect("impact:item_list")
    uses = (
        Instrument.objects.filter(sections__questions__item=item)
        .distinct()
        .order_by("wave", "-version")
    )
    return render(
        request,
        "impact/instruments/item_form.html",
        {
            "form": form,
            "item": item,
            "answered": services.item_has_answers(item),
            "uses": uses,
        },
        status=status,
    )


# --- instruments ---------------------------------------------------------------------


@login_required
@require_GET
def instrument_list(request: HttpRequest) -> HttpResponse:
    require(request.user, EDIT)
    instruments = Instrument.objects.annotate(
        answer_count=Count("invitations__answers", distinct=True),
        submitted_count=Count(
            "invitations",
            filter=Q(invitations__status=Invitation.Status.SUBMITTED),
            distinct=True,
        ),
    ).order_by("wave", "-version")
    return render(
        request,
        "impact/instruments/instrument_list.html",
        {"page": paginate(request, instruments, PER_PAGE)},
    )


def _condition_labels(question: Question) -> list[str]:
    labels = dict(Format.choices)
    wanted = (question.condition or {}).get("activity_types") or []
    return [str(labels.get(code, code)) for code in wanted]


@login_required
@require_GET
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(Instrument.objects.select_related("created_by"), pk=pk)
    require(request.user, EDIT, instrument)
    sections: list[tuple[Any, list[tuple[Question, str, list[str]]]]] = []
    by_section: dict[int, list[tuple[Question, str, list[str]]]] = {}
    for section in instrument.sections.order_by("position", "pk"):
        by_section[section.pk] = []
        sections.append((section, by_section[section.pk]))
    for question in services.ordered_questions(instrument):
        by_section[question.section_id].append(
            (question, question.item.translated("text"), _condition_labels(question))
        )
    versions = Instrument.objects.filter(wave=instrument.wave).order_by("-version")
    return render(
        request,
        "impact/instruments/instrument_detail.html",
        {
            "instrument": instrument,
            "sections": sections,
            "versions": versions,
            "answered": services.has_answers(instrument),
            "submitted": instrument.invitations.filter(status=Invitation.Status.SUBMITTED).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(Instrument, pk=pk)
    require(request.user, EDIT, instrument)
    if not instrument.is_current:
        messages.error(
            request,
            _(
                "Only the current version of an instrument can be edited; this one is kept as answered."
            ),
        )
        return redirect("impact:instrument_detail", pk=instrument.pk)
    editor = InstrumentEditor(instrument, request.POST or None)
    status = 200
    if request.method == "POST" and editor.is_valid():
        try:
            saved, created = services.save_instrument(
                instrument, editor.plan, user=signed_in_user(request), expected_stamp=editor.stamp
            )
        except EditConflict:
            fresh = Instrument.objects.get(pk=instrument.pk)
            editor.conflict(services.structure_stamp(fresh), str(EditConflict.message))
            status = 409
        except EvaluationError as error:
            editor.add_errors(error.errors)
        else:
            if created:
                messages.success(
                    request,
                    _(
                        "People had already answered version %(old)s, so your changes make "
                        "version %(new)s. The answers stay with version %(old)s; invitations "
                        "not opened yet now use version %(new)s."
                    )
                    % {"old": instrument.version, "new": saved.version},
                )
            else:
                messages.success(request, _("The instrument is saved."))
            return redirect("impact:instrument_detail", pk=saved.pk)
    return render(
        request,
        "impact/instruments/instrument_form.html",
        {
            "instrument": instrument,
            "editor": editor,
            "answered": services.has_answers(instrument),
        },
        status=status,
    )
