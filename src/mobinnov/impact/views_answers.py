"""Answering the evaluation questionnaires and following the invitations.

- The personal link (``impact:answer``) opens one invitation's questionnaire
  without an account, in the invitation's language: save a draft, come back,
  submit once. A tampered, expired or unknown link, a submitted or cancelled
  invitation, someone else's link: a clear page, nothing changed.
- A respondent's own answers (``impact:my_answers``, CSV download) and one
  invitation's answers (``impact:invitation_answers``: the respondent, the
  sending organisation's coordinators and admins; rule "impact.view_answers").
- The coordinators' invitation lists, per organisation and per mobility, with
  resend (rule "impact.manage_invitations")."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobinnov.accounts.models import User, signed_in_user
from mobinnov.core.pagination import paginate
from mobinnov.core.permissions import can, coordinated_organisation_ids, is_admin, require
from mobinnov.core.spreadsheet import csv_safe
from mobinnov.impact import services
from mobinnov.impact.forms_answers import AnswerForm, InvitationFilterForm, scale_choices
from mobinnov.impact.models import Answer, Invitation, Item, ScheduleSettings, Wave
from mobinnov.mobility.models import Mobility
from mobinnov.network.models import Organisation

PER_PAGE = 25
# Statuses in which the questionnaire can still be answered through its link.
ANSWERABLE = (
    Invitation.Status.SENT,
    Invitation.Status.OPENED,
    Invitation.Status.DRAFT,
    Invitation.Status.BOUNCED,
)
RESENDABLE = (
    Invitation.Status.SCHEDULED,
    Invitation.Status.SENT,
    Invitation.Status.OPENED,
    Invitation.Status.DRAFT,
    Invitation.Status.BOUNCED,
)


def answer_path(invitation: Invitation) -> str:
    """The personal link, relative to this site (the e-mail carries the absolute one)."""
    token = signing.TimestampSigner(salt=services.LINK_SALT).sign(invitation.token)
    return reverse("impact:answer", kwargs={"token": token})


def invitation_language(invitation: Invitation) -> str:
    language = (invitation.language or "").split("-")[0]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def is_respondent(user: Any, invitation: Invitation) -> bool:
    if not user.is_authenticated:
        return False
    if invitation.respondent_id is not None:
        return bool(invitation.respondent_id == user.pk)
    return bool(user.email and user.email.lower() == invitation.email.lower())


# --- the personal link ------------------------------------------------------------------


LINK_PROBLEMS = {"unknown": 404, "tampered": 404, "expired": 410}


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    response = _answer(request, token)
    # A personal link: never in a search engine.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_from_link(token)
    except services.LinkError as error:
        return render(
            request,
            "impact/answer/link_problem.html",
            {"problem": error.code},
            status=LINK_PROBLEMS.get(error.code, 404),
        )
    if request.user.is_authenticated and not is_respondent(request.user, invitation):
        # The link is personal: signed in as someone else, it does not open.
        return render(request, "impact/answer/not_yours.html", status=403)
    language = invitation_language(invitation)
    with translation.override(language):
        response = _questionnaire(request, invitation, language)
    response.headers.setdefault("Content-Language", language)
    return response


def _context(invitation: Invitation, language: str) -> dict[str, Any]:
    instrument = invitation.instrument
    return {
        "invitation": invitation,
        "mobility": invitation.mobility,
        "title": instrument.translated("title", language),
        "introduction": instrument.translated("introduction", language),
        "is_host": invitation.wave == Wave.HOST,
    }


def _questionnaire(request: HttpRequest, invitation: Invitation, language: str) -> HttpResponse:
    if invitation.status == Invitation.Status.SUBMITTED:
        return render(
            request, "impact/answer/submitted.html", _context(invitation, language), status=200
        )
    if invitation.status == Invitation.Status.CANCELLED:
        return render(
            request, "impact/answer/cancelled.html", _context(invitation, language), status=410
        )
    slots = services.slots(invitation)
    answers = services.answers_by_slot(invitation)
    if request.method != "POST":
        services.mark_opened(invitation)
        form = AnswerForm(invitation, slots, language=language, answers=answers)
        return _render_questionnaire(request, invitation, language, form)

    submit = request.POST.get("action") == "submit"
    form = AnswerForm(
        invitation,
        slots,
        language=language,
        answers=answers,
        submit=submit,
        data=request.POST,
        files=request.FILES,
    )
    if form.is_valid():
        try:
            with transaction.atomic():
                services.save_answers(
                    invitation,
                    form.values(),
                    submit=submit,
                    expected_version=form.cleaned_data["version"],
                )
                for (item_id, competence, variant), link in form.evidence_links().items():
                    invitation.answers.filter(
                        item_id=item_id, competence=competence, variant=variant
                    ).update(text=link)
        except services.EvaluationError as error:
            current = Invitation.objects.get(pk=invitation.pk)
            if current.status in (Invitation.Status.SUBMITTED, Invitation.Status.CANCELLED):
                # Submitted from another window meanwhile: nothing changed here.
                return redirect(request.path)
            for name, problems in error.errors.items():
                form.add_error(name if name in form.fields else None, problems)
            if None in error.errors:
                # Keep what was typed; the next save goes through.
                rebase_version(form, current.version)
        else:
            replaced = form.replaced_files()
            if replaced:
                transaction.on_commit(lambda: _delete_files(replaced))
            if submit:
                return redirect(request.path)
            messages.success(
                request,
                _(
                    "Your answers are saved as a draft. Come back with the same link to "
                    "finish and submit them."
                ),
            )
            return redirect(request.path)
    return _render_questionnaire(request, invitation, language, form, status=200)


def rebase_version(form: AnswerForm, version: int) -> None:
    data = form.data.copy()  # type: ignore[attr-defined]
    data["version"] = str(version)
    form.data = data


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _render_questionnaire(
    request: HttpRequest,
    invitation: Invitation,
    language: str,
    form: AnswerForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        **_context(invitation, language),
        "form": form,
        "sections": form.sections(),
        "has_files": any(slot.question.item.kind == Item.Kind.EVIDENCE for slot in form.slots),
    }
    return render(request, "impact/answer/questionnaire.html", context, status=status)


# --- the respondent's answers ---------------------------------------------------------------


def _display_value(answer: Answer, item: Item) -> str:
    """An answer as the person gave it, in the reader's language."""
    if item.kind in (Item.Kind.LIKERT, Item.Kind.COMPETENCE):
        if answer.number is None:
            return ""
        labels = dict(scale_choices(item, translation.get_language() or "en"))
        return labels.get(str(int(answer.number)), str(int(answer.number)))
    if item.kind == Item.Kind.NUMBER:
        if answer.number is None:
            return ""
        number = answer.number
        return str(int(number)) if number == int(number) else str(number)
    if item.kind in (Item.Kind.CHOICE, Item.Kind.MULTI_CHOICE):
        labels = dict(item.translated_choices())
        return ", ".join(labels.get(value, value) for value in answer.choices)
    return answer.text


def answer_rows(invitation: Invitation) -> list[dict[str, Any]]:
    """The invitation's answers in the questionnaire's order (answers to
    competences no longer in the agreement come last)."""
    answers = list(invitation.answers.select_related("item"))
    by_slot = {(a.item_id, a.competence, a.variant): a for a in answers}
    rows = []
    used: set[int] = set()
    for slot in services.slots(invitation):
        item = slot.question.item
        found = by_slot.get((item.pk, slot.competence, slot.variant))
        if found is not None:
            used.add(found.pk)
        rows.append(_answer_row(item, slot.competence, slot.variant, found))
    for answer in answers:
        if answer.pk not in used:
            rows.append(_answer_row(answer.item, answer.competence, answer.variant, answer))
    return rows


def _answer_row(item: Item, competence: str, variant: str, answer: Answer | None) -> dict[str, Any]:
    question = item.translated("text")
    if item.kind == Item.Kind.COMPETENCE:
        if variant == Answer.Variant.THEN:
            question = _("%(competence)s — looking back, your level BEFORE the mobility") % {
                "competence": competence
            }
        else:
            question = _("%(competence)s — your level now") % {"competence": competence}
    value = _display_value(answer, item) if answer is not None else ""
    link = ""
    if item.kind == Item.Kind.EVIDENCE and value.startswith(("https://", "http://")):
        link, value = value, ""
    return {
        "question": question,
        "value": value,
        "answer": answer,
        "has_file": bool(answer is not None and answer.file),
        "link": link,
    }


def _own_invitations(user: User) -> QuerySet[Invitation]:
    return Invitation.objects.filter(respondent=user)


@login_required
@require_GET
def my_answers(request: HttpRequest) -> HttpResponse:
    """My questionnaires across waves, by mobility, and my competence ratings."""
    user = signed_in_user(request)
    mobility_ids = (
        Mobility.objects.filter(invitations__respondent=user)
        .distinct()
        .order_by("-start_date", "-pk")
        .values_list("pk", flat=True)
    )
    page = paginate(request, mobility_ids, PER_PAGE)
    ids = list(page.object_list)
    mobilities = Mobility.objects.filter(pk__in=ids).select_related(
        "sending_organisation", "receiving_organisation"
    )
    invitations = (
        _own_invitations(user)
        .filter(mobility_id__in=ids)
        .select_related("instrument")
        .order_by("due_on", "pk")
    )
    by_mobility: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for invitation in invitations:
        by_mobility[invitation.mobility_id].append(
            {
                "invitation": invitation,
                "answer_url": answer_path(invitation) if invitation.status in ANSWERABLE else "",
                "view_url": reverse("impact:invitation_answers", kwargs={"pk": invitation.pk})
                if invitation.status in (Invitation.Status.DRAFT, Invitation.Status.SUBMITTED)
                else "",
            }
        )
    ratings = _competence_summary(user, ids)
    order = {pk: index for index, pk in enumerate(ids)}
    groups = [
        {
            "mobility": mobility,
            "invitations": by_mobility.get(mobility.pk, []),
            "competences": ratings.get(mobility.pk, []),
        }
        for mobility in sorted(mobilities, key=lambda m: order[m.pk])
    ]
    return render(request, "impact/answer/my_answers.html", {"page": page, "groups": groups})


def _competence_summary(user: User, mobility_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Per mobility and competence: the submitted T0 rating, the T1 "then"
    rating and the T1 rating."""
    rows = Answer.objects.filter(
        invitation__respondent=user,
        invitation__mobility_id__in=mobility_ids,
        invitation__status=Invitation.Status.SUBMITTED,
        invitation__wave__in=[Wave.T0, Wave.T1],
        item__kind=Item.Kind.COMPETENCE,
    ).values_list("invitation__mobility_id", "invitation__wave", "competence", "variant", "number")
    table: dict[int, dict[str, dict[str, float | None]]] = defaultdict(dict)
    for mobility_id, wave, competence, variant, number in rows:
        key = "t0" if wave == Wave.T0 else ("t1_then" if variant == Answer.Variant.THEN else "t1")
        if wave == Wave.T0 and variant == Answer.Variant.THEN:
            continue
        table[mobility_id].setdefault(competence, {})[key] = number
    result: dict[int, list[dict[str, Any]]] = {}
    for mobility_id, competences in table.items():
        result[mobility_id] = [
            {
                "competence": name,
                "t0": _score(values.get("t0")),
                "t1_then": _score(values.get("t1_then")),
                "t1": _score(values.get("t1")),
            }
            for name, values in sorted(competences.items())
        ]
    return result


def _score(number: float | None) -> str:
    return "" if number is None else str(int(number))


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    return csv_safe(str(value))


@login_required
@require_GET
def my_answers_csv(request: HttpRequest) -> HttpResponse:
    """All my answers, one row per answer (UTF-8 with a byte order mark)."""
    user = signed_in_user(request)
    answers = (
        Answer.objects.filter(invitation__respondent=user)
        .select_related("item", "invitation__mobility")
        .order_by("invitation__mobility__start_date", "invitation__due_on", "invitation_id", "pk")
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            _("Mobility ID"),
            _("Wave"),
            _("Status"),
            _("Submitted on"),
            _("Question code"),
            _("Question"),
            _("Competence"),
            _("Level asked"),
            _("Answer"),
        ]
    )
    waves = dict(Wave.choices)
    statuses = dict(Invitation.Status.choices)
    variants = dict(Answer.Variant.choices)
    for answer in answers:
        invitation = answer.invitation
        item = answer.item
        value = _display_value(answer, item)
        if item.kind == Item.Kind.EVIDENCE and answer.file:
            name = answer.file.name.rsplit("/", 1)[-1]
            value = f"{_('file')}: {name}" + (f"; {answer.text}" if answer.text else "")
        writer.writerow(
            [
                _csv_cell(c)
                for c in (
                    invitation.mobility.reference,
                    waves.get(invitation.wave, invitation.wave),
                    statuses.get(invitation.status, invitation.status),
                    timezone.localtime(invitation.submitted_at).strftime("%d/%m/%Y")
                    if invitation.submitted_at
                    else "",
                    item.code,
                    item.translated("text"),
                    answer.competence,
                    variants.get(answer.variant, answer.variant)
                    if item.kind == Item.Kind.COMPETENCE
                    else "",
                    value,
                )
            ]
        )
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    filename = f"my-evaluation-answers-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _invitation(pk: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related(
            "mobility__participant",
            "mobility__sending_organisation",
            "mobility__receiving_organisation",
            "instrument",
            "respondent",
        ),
        pk=pk,
    )


@login_required
@require_GET
def invitation_answers(request: HttpRequest, pk: int) -> HttpResponse:
    """One invitation's answers: the respondent (also a draft), the sending
    organisation's coordinators and admins (once submitted)."""
    invitation = _invitation(pk)
    require(request.user, "impact.view_answers", invitation)
    own = is_respondent(request.user, invitation)
    visible = own or invitation.status == Invitation.Status.SUBMITTED
    return render(
        request,
        "impact/answer/answers.html",
        {
            "invitation": invitation,
            "mobility": invitation.mobility,
            "rows": answer_rows(invitation) if visible else [],
            "visible": visible,
            "own": own,
            "answer_url": answer_path(invitation)
            if own and invitation.status in ANSWERABLE
            else "",
            "may_manage": can(request.user, "impact.manage_invitations", invitation.mobility),
        },
    )


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int, answer_pk: int) -> FileResponse:
    """An evidence file, for the people who may read the answers."""
    invitation = _invitation(pk)
    require(request.user, "impact.view_answers", invitation)
    if not is_respondent(request.user, invitation) and invitation.status != (
        Invitation.Status.SUBMITTED
    ):
        raise PermissionDenied("impact.view_answers")
    answer = get_object_or_404(Answer, pk=answer_pk, invitation=invitation)
    if not answer.file:
        raise Http404
    try:
        handle = answer.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=answer.file.name.rsplit("/", 1)[-1])


# --- the coordinators' lists ---------------------------------------------------------------


def _invitation_rows(invitations: Any) -> list[dict[str, Any]]:
    return [
        {
            "invitation": invitation,
            "may_resend": invitation.status in RESENDABLE,
            "view_url": reverse("impact:invitation_answers", kwargs={"pk": invitation.pk})
            if invitation.status == Invitation.Status.SUBMITTED
            else "",
        }
        for invitation in invitations
    ]


@login_required
@require_GET
def invitation_list(request: HttpRequest) -> HttpResponse:
    """The invitations of the mobilities sent by the organisations I coordinate."""
    user = signed_in_user(request)
    if is_admin(user):
        organisations = Organisation.objects.filter(mobilities_sent__isnull=False).distinct()
    else:
        organisations = Organisation.objects.filter(pk__in=coordinated_organisation_ids(user))
    organisations = organisations.order_by("name")
    slug = request.GET.get("organisation", "").strip()
    chosen = None
    if slug:
        chosen = get_object_or_404(Organisation, slug=slug)
        require(user, "impact.organisation_dashboard", chosen)
    elif not is_admin(user) and not coordinated_organisation_ids(user):
        raise PermissionDenied("impact.organisation_dashboard")
    choices = [(o.slug, o.name) for o in organisations]
    if chosen is not None and (chosen.slug, chosen.name) not in choices:
        choices.append((chosen.slug, chosen.name))
    form = InvitationFilterForm(request.GET or None, organisations=choices)
    queryset = Invitation.objects.all()
    if chosen is not None:
        queryset = queryset.filter(mobility__sending_organisation=chosen)
    elif not is_admin(user):
        queryset = queryset.filter(
            mobility__sending_organisation_id__in=coordinated_organisation_ids(user)
        )
    if form.is_bound and form.is_valid():
        if form.cleaned_data["status"]:
            queryset = queryset.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["wave"]:
            queryset = queryset.filter(wave=form.cleaned_data["wave"])
    queryset = queryset.select_related(
        "mobility", "mobility__sending_organisation", "respondent"
    ).order_by("-due_on", "-pk")
    page = paginate(request, queryset, PER_PAGE)
    return render(
        request,
        "impact/invitations/list.html",
        {
            "page": page,
            "rows": _invitation_rows(page.object_list),
            "form": form,
            "organisation": chosen,
            "back": request.get_full_path(),
        },
    )


@login_required
@require_GET
def mobility_invitations(request: HttpRequest, reference: str) -> HttpResponse:
    """One mobility's invitations, and the waves still to be scheduled."""
    mobility = get_object_or_404(
        Mobility.objects.select_related(
            "participant", "sending_organisation", "receiving_organisation"
        ),
        reference=reference,
    )
    require(request.user, "impact.manage_invitations", mobility)
    invitations = list(mobility.invitations.select_related("respondent").order_by("due_on", "pk"))
    planned = []
    if mobility.status != Mobility.Status.CANCELLED:
        present = {invitation.wave for invitation in invitations}
        dues = services.due_dates(mobility, ScheduleSettings.current())
        labels = dict(Wave.choices)
        today = timezone.localdate()
        started = mobility.start_date <= today
        planned = [
            {
                "wave": labels[wave],
                "due_on": due,
                "skipped": wave == Wave.T0 and started,
                "overdue": due <= today,
            }
            for wave, due in sorted(dues.items(), key=lambda pair: pair[1])
            if wave not in present
        ]
    return render(
        request,
        "impact/invitations/mobility.html",
        {
            "mobility": mobility,
            "rows": _invitation_rows(invitations),
            "planned": planned,
            "back": request.get_full_path(),
        },
    )


@login_required
@require_POST
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation(pk)
    require(request.user, "impact.manage_invitations", invitation.mobility)
    try:
        services.resend(invitation, request.user)
    except services.EvaluationError as error:
        for problems in error.errors.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        invitation.refresh_from_db()
        if invitation.status == Invitation.Status.BOUNCED:
            messages.error(
                request,
                _("The mail server refused the address %(email)s: %(reason)s")
                % {"email": invitation.email, "reason": invitation.bounce_reason},
            )
        else:
            messages.success(
                request,
                _("The invitation is sent again to %(email)s.") % {"email": invitation.email},
            )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse(
            "impact:mobility_invitations", kwargs={"reference": invitation.mobility.reference}
        )
    return redirect(target)
