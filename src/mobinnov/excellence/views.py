from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobinnov.accounts.models import signed_in_user
from mobinnov.core.concurrency import EditConflict, rebase_form
from mobinnov.core.permissions import can, require
from mobinnov.excellence import selectors, services
from mobinnov.excellence.forms import DefinitionForm, FieldOfExcellenceForm
from mobinnov.excellence.models import Definition, DefinitionTopic, FieldOfExcellence
from mobinnov.network.models import Organisation

NETWORK_OWNER = "network"


@require_GET
def framework(request: HttpRequest) -> HttpResponse:
    may_curate = can(request.user, "excellence.curate")
    return render(
        request,
        "excellence/framework.html",
        {
            "clusters": selectors.framework(include_retired=may_curate),
            "may_curate": may_curate,
        },
    )


def _save_field(
    request: HttpRequest, form: FieldOfExcellenceForm, field: FieldOfExcellence | None
) -> bool:
    try:
        if field is None:
            services.field_create(cleaned_data=form.cleaned_data)
        else:
            services.field_update(
                field=field,
                cleaned_data=form.cleaned_data,
                expected_version=form.cleaned_data.get("version") or 0,
            )
    except EditConflict:
        assert field is not None  # only an update can conflict
        rebase_form(form, FieldOfExcellence.objects.get(pk=field.pk).version)
        return False
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def field_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "excellence.curate")
    form = FieldOfExcellenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_field(request, form, None):
        messages.success(request, _("The field is added to the framework."))
        return redirect("excellence:framework")
    return render(request, "excellence/field_form.html", {"form": form, "field": None})


@login_required
@require_http_methods(["GET", "POST"])
def field_edit(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, "excellence.curate")
    field = get_object_or_404(FieldOfExcellence, code=code)
    form = FieldOfExcellenceForm(request.POST or None, instance=field)
    if request.method == "POST" and form.is_valid() and _save_field(request, form, field):
        messages.success(request, _("The field is saved."))
        return redirect("excellence:framework")
    return render(
        request,
        "excellence/field_form.html",
        {"form": form, "field": field, "in_use": selectors.field_is_in_use(field)},
    )


@login_required
@require_POST
def field_status(request: HttpRequest, code: str) -> HttpResponse:
    """Retire, restore or delete a field."""
    require(request.user, "excellence.curate")
    field = get_object_or_404(FieldOfExcellence, code=code)
    action = request.POST.get("action")
    try:
        if action == "retire":
            services.field_retire(field=field)
            messages.success(request, _("%(code)s is retired.") % {"code": field.code})
        elif action == "restore":
            services.field_restore(field=field)
            messages.success(request, _("%(code)s is back in use.") % {"code": field.code})
        elif action == "delete":
            services.field_delete(field=field)
            messages.success(request, _("%(code)s is deleted.") % {"code": field.code})
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("excellence:framework")


@require_GET
def definitions(request: HttpRequest) -> HttpResponse:
    user = request.user
    own = (
        [
            org
            for org in Organisation.objects.filter(
                is_active=True, memberships__user_id=user.pk
            ).distinct()
            if can(user, "definition.edit", org)
        ]
        if user.is_authenticated
        else []
    )
    return render(
        request,
        "excellence/definitions.html",
        {
            "topics": selectors.definitions_side_by_side(),
            "may_edit_common": can(user, "definition.edit", None),
            "own_organisations": own,
        },
    )


def _owner(owner: str) -> Organisation | None:
    if owner == NETWORK_OWNER:
        return None
    return get_object_or_404(Organisation, slug=owner)


def _topic(topic: str) -> str:
    if topic not in DefinitionTopic.values:
        raise Http404
    return topic


@login_required
@require_http_methods(["GET", "POST"])
def definition_edit(request: HttpRequest, owner: str, topic: str) -> HttpResponse:
    organisation, topic = _owner(owner), _topic(topic)
    require(request.user, "definition.edit", organisation)
    current = Definition.objects.filter(organisation=organisation, topic=topic).first()
    initial = (
        {"text": current.text, "language": current.language, "version": current.version}
        if current
        else {"language": get_language(), "version": 0}
    )
    form = DefinitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.definition_save(
                organisation=organisation,
                topic=topic,
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
                author=signed_in_user(request),
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict:
            # The page then shows the version saved in the meantime beside the form.
            current = Definition.objects.filter(organisation=organisation, topic=topic).first()
            rebase_form(form, current.version if current else 0)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The definition is saved; the earlier version stays in its history.")
            )
            return redirect("excellence:definitions")
    return render(
        request,
        "excellence/definition_form.html",
        {
            "form": form,
            "organisation": organisation,
            "topic_label": DefinitionTopic(topic).label,
            "current": current,
            "owner": owner,
            "topic": topic,
        },
    )


@require_GET
def definition_history(request: HttpRequest, owner: str, topic: str) -> HttpResponse:
    organisation, topic = _owner(owner), _topic(topic)
    definition = get_object_or_404(Definition, organisation=organisation, topic=topic)
    if organisation is not None and not organisation.is_active:
        raise Http404
    versions = definition.versions.select_related("author").order_by("-number")
    return render(
        request,
        "excellence/definition_history.html",
        {
            "definition": definition,
            "organisation": organisation,
            "versions": versions,
            "topic_label": DefinitionTopic(topic).label,
        },
    )
