"""Implementation records ("what was put in place"), the transfer map, the
actions taken on feedback (closing the loop), the participant's own
evaluation page and the Open Badges endpoints."""

from __future__ import annotations

import json
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import CharField, Count, F, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobinnov.accounts.models import signed_in_user
from mobinnov.core.concurrency import EditConflict, claim_version, rebase_form
from mobinnov.core.pagination import paginate
from mobinnov.core.permissions import can, coordinated_organisation_ids, is_admin, require
from mobinnov.impact import badges
from mobinnov.impact.forms_records import (
    BadgeCheckForm,
    FeedbackActionForm,
    ImplementationFilterForm,
    ImplementationForm,
)
from mobinnov.impact.models import (
    PARTICIPANT_WAVES,
    BadgeAssertion,
    FeedbackAction,
    ImplementationRecord,
    Invitation,
    Wave,
)
from mobinnov.impact.transfer_map import Flow, Place, render_transfer_map
from mobinnov.mobility.models import Mobility
from mobinnov.network.models import Membership, Organisation
from mobinnov.practices.models import Practice

PER_PAGE = 25
# Records only exist after the stay.
RECORDABLE = (Mobility.Status.COMPLETED, Mobility.Status.EVALUATED)
# A practice counts as transferred from its pilot on.
TRANSFERRED = (
    ImplementationRecord.Stage.PILOTING,
    ImplementationRecord.Stage.IMPLEMENTED,
    ImplementationRecord.Stage.EMBEDDED,
)
MIME_BY_EXTENSION = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
FEEDBACK_ON_MY_PAGE = 20
MOBILITY_ID = re.compile(r"[A-Za-z0-9-]{1,20}")


# --- who sees which records ---------------------------------------------------------


def may_view_record(user: Any, record: ImplementationRecord) -> bool:
    """The participant, the sending coordinators and admins (who may also
    edit), and the network's editors (who read everything)."""
    return can(user, "impact.edit_implementation", record) or can(
        user, "impact.network_dashboard", None
    )


def visible_records(user: Any) -> QuerySet[ImplementationRecord]:
    records = ImplementationRecord.objects.all()
    if can(user, "impact.network_dashboard", None):
        return records
    return records.filter(
        Q(mobility__participant_id=user.pk)
        | Q(mobility__sending_organisation_id__in=coordinated_organisation_ids(user))
    )


def _filter_organisations(user: Any) -> QuerySet[Organisation]:
    organisations = Organisation.objects.filter(is_active=True)
    if not can(user, "impact.network_dashboard", None):
        organisations = organisations.filter(
            Q(pk__in=coordinated_organisation_ids(user))
            | Q(
                pk__in=Mobility.objects.filter(participant_id=user.pk).values(
                    "sending_organisation"
                )
            )
        )
    return organisations.order_by("name")


@login_required
@require_GET
def implementation_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    wanted = request.GET.get("record_for", "").strip()
    if wanted:
        # "Record a change for mobility ..." (the ID as printed on the agreement).
        if MOBILITY_ID.fullmatch(wanted):
            return redirect("impact:implementation_create", reference=wanted)
        messages.error(request, _("A mobility ID has digits, letters and dashes only."))
    form = ImplementationFilterForm(request.GET or None, organisations=_filter_organisations(user))
    form.is_valid()  # an unknown value drops that filter only
    filters = getattr(form, "cleaned_data", {})
    records = visible_records(user).select_related(
        "mobility__participant",
        "mobility__sending_organisation",
        "mobility__receiving_organisation",
        "practice__host",
    )
    if filters.get("organisation"):
        records = records.filter(mobility__sending_organisation__slug=filters["organisation"])
    if filters.get("stage"):
        records = records.filter(stage=filters["stage"])
    if filters.get("kind"):
        records = records.filter(kind=filters["kind"])
    page = paginate(request, records, PER_PAGE)
    for record in page.object_list:
        # Names are shown to those who may edit the record (not to editors).
        record.show_person = can(user, "impact.edit_implementation", record)
    return render(
        request,
        "impact/records/list.html",
        {"form": form, "page": page, "filtered": any(filters.values())},
    )


def _mobility_for(reference: str) -> Mobility:
    return get_object_or_404(
        Mobility.objects.select_related(
            "participant", "sending_organisation", "receiving_organisation"
        ),
        reference=reference,
    )


def _practice_groups(mobility: Mobility, current: Practice | None) -> list[tuple[str, list[Any]]]:
    own = list(mobility.practices.select_related("host").order_by("title", "pk"))
    own_ids = {p.pk for p in own}
    others = list(
        Practice.objects.filter(host_id=mobility.receiving_organisation_id, is_public=True)
        .exclude(pk__in=own_ids)
        .order_by("title", "pk")
    )
    groups = [
        (_("Practices of this mobility"), own),
        (
            _("Other practices of %(host)s") % {"host": mobility.receiving_organisation.name},
            others,
        ),
    ]
    if current is not None and current.pk not in own_ids | {p.pk for p in others}:
        groups.append((_("Chosen before"), [current]))
    return groups


def _store_file(record: ImplementationRecord, form: ImplementationForm) -> str:
    """Save the uploaded evidence under a name made from the title and the
    type found in its content; returns the stored name."""
    upload = form.cleaned_data["evidence_file"]
    assert form.sniffed is not None
    stem = slugify(form.cleaned_data["title"])[:50] or "evidence"
    upload.seek(0)
    record.evidence_file.save(f"{stem}.{form.sniffed.extension}", File(upload), save=False)
    return record.evidence_file.name


def _apply(record: ImplementationRecord, cleaned: dict[str, Any]) -> None:
    for name in (
        "kind",
        "title",
        "description",
        "stage",
        "scope",
        "learners_reached",
        "colleagues_reached",
    ):
        setattr(record, name, cleaned[name])
    record.evidence_link = cleaned.get("evidence_link") or ""
    record.practice = cleaned.get("practice")


def _delete_later(name: str) -> None:
    """Remove a replaced evidence file once the change is committed."""
    if name:
        storage = ImplementationRecord._meta.get_field("evidence_file").storage
        transaction.on_commit(lambda: storage.delete(name))


@login_required
@require_http_methods(["GET", "POST"])
def implementation_create(request: HttpRequest, reference: str) -> HttpResponse:
    mobility = _mobility_for(reference)
    require(request.user, "impact.record_implementation", mobility)
    user = signed_in_user(request)
    context: dict[str, Any] = {"mobility": mobility, "record": None}
    if mobility.status not in RECORDABLE:
        context["closed"] = _(
            "What was put in place is recorded once the mobility is completed; this one is "
            "%(status)s."
        ) % {"status": mobility.get_status_display().lower()}
        return render(request, "impact/records/form.html", context)
    form = ImplementationForm(
        request.POST or None,
        request.FILES or None,
        practice_groups=_practice_groups(mobility, None),
    )
    if request.method == "POST" and form.is_valid():
        stored = ""
        try:
            with transaction.atomic():
                record = ImplementationRecord(mobility=mobility, created_by=user)
                _apply(record, form.cleaned_data)
                if form.cleaned_data.get("evidence_file"):
                    stored = _store_file(record, form)
                record.save()
        except Exception:
            if stored:
                ImplementationRecord._meta.get_field("evidence_file").storage.delete(stored)
            raise
        messages.success(request, _("The record is saved. Thank you for sharing what changed."))
        return redirect("impact:implementation_detail", pk=record.pk)
    context["form"] = form
    return render(request, "impact/records/form.html", context)


def _record_for(pk: int) -> ImplementationRecord:
    return get_object_or_404(
        ImplementationRecord.objects.select_related(
            "mobility__participant",
            "mobility__sending_organisation",
            "mobility__receiving_organisation",
            "practice__host",
            "created_by",
        ),
        pk=pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def implementation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_for(pk)
    require(request.user, "impact.edit_implementation", record)
    groups = _practice_groups(record.mobility, record.practice)
    has_file = bool(record.evidence_file)
    if request.method == "POST":
        form = ImplementationForm(
            request.POST, request.FILES, practice_groups=groups, has_file=has_file
        )
        if form.is_valid():
            stored = ""
            try:
                with transaction.atomic():
                    locked = ImplementationRecord.objects.select_for_update().get(pk=record.pk)
                    claim_version(locked, form.cleaned_data.get("version") or 0)
                    previous_file = locked.evidence_file.name or ""
                    _apply(locked, form.cleaned_data)
                    if form.cleaned_data.get("evidence_file"):
                        stored = _store_file(locked, form)
                        _delete_later(previous_file)
                    elif form.cleaned_data.get("remove_evidence_file"):
                        locked.evidence_file = None
                        _delete_later(previous_file)
                    locked.updated_at = timezone.now()
                    locked.save()
            except EditConflict:
                current = ImplementationRecord.objects.values_list("version", flat=True)
                rebase_form(form, current.get(pk=record.pk))
            except Exception:
                if stored:
                    ImplementationRecord._meta.get_field("evidence_file").storage.delete(stored)
                raise
            else:
                messages.success(request, _("The record is saved."))
                return redirect("impact:implementation_detail", pk=record.pk)
    else:
        form = ImplementationForm(
            initial={
                "kind": record.kind,
                "title": record.title,
                "description": record.description,
                "stage": record.stage,
                "scope": record.scope,
                "learners_reached": record.learners_reached,
                "colleagues_reached": record.colleagues_reached,
                "practice": record.practice_id,
                "evidence_link": record.evidence_link,
                "version": record.version,
            },
            practice_groups=groups,
            has_file=has_file,
        )
    return render(
        request,
        "impact/records/form.html",
        {
            "mobility": record.mobility,
            "record": record,
            "form": form,
            "file_name": record.evidence_file.name.rsplit("/", 1)[-1] if has_file else "",
        },
    )


@login_required
@require_GET
def implementation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = _record_for(pk)
    if not may_view_record(request.user, record):
        raise PermissionDenied("impact.view_implementation")
    return render(
        request,
        "impact/records/detail.html",
        {
            "record": record,
            "mobility": record.mobility,
            "may_edit": can(request.user, "impact.edit_implementation", record),
            "may_see_mobility": can(request.user, "mobility.view", record.mobility),
            "file_name": record.evidence_file.name.rsplit("/", 1)[-1]
            if record.evidence_file
            else "",
        },
    )


@login_required
@require_GET
def implementation_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file, only to those who may see the record (never a
    public media address)."""
    record = _record_for(pk)
    if not may_view_record(request.user, record):
        raise PermissionDenied("impact.view_implementation")
    if not record.evidence_file:
        raise Http404
    filename = record.evidence_file.name.rsplit("/", 1)[-1]
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    mime = MIME_BY_EXTENSION.get(extension, "application/octet-stream")
    try:
        handle = record.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=mime)
    inline = mime.startswith("image/") or mime == "application/pdf"
    response["Content-Disposition"] = (
        f'{"inline" if inline else "attachment"}; filename="{filename}"'
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- where practices travelled -------------------------------------------------------


def _place(row: dict[str, Any], prefix: str, key: int) -> Place:
    slug = row[f"{prefix}_slug"]
    return Place(
        key,
        row[f"{prefix}_name"],
        row[f"{prefix}_lat"],
        row[f"{prefix}_lon"],
        reverse("network:partner_detail", kwargs={"slug": slug}) if slug else "",
    )


def transfer_flows() -> list[Flow]:
    """One flow per (host of the practice -> sending organisation) pair with a
    record at piloting stage or beyond, for public practices of active
    partners (one query). Counts are records; no person is named."""
    host, sending = "practice__host", "mobility__sending_organisation"
    rows = (
        ImplementationRecord.objects.filter(
            stage__in=TRANSFERRED,
            practice__is_public=True,
            practice__host__is_active=True,
            mobility__sending_organisation__is_active=True,
        )
        .exclude(practice__host_id=F("mobility__sending_organisation_id"))
        .values("practice_id", f"{host}_id", f"{sending}_id")
        .annotate(
            records=Count("pk"),
            practice_title=Coalesce(
                NullIf(F("practice__title"), Value("")),
                F("practice__slug"),
                output_field=CharField(),
            ),
            source_name=F(f"{host}__name"),
            source_slug=F(f"{host}__slug"),
            source_lat=F(f"{host}__latitude"),
            source_lon=F(f"{host}__longitude"),
            target_name=F(f"{sending}__name"),
            target_slug=F(f"{sending}__slug"),
            target_lat=F(f"{sending}__latitude"),
            target_lon=F(f"{sending}__longitude"),
        )
        .order_by()
    )
    grouped: dict[tuple[int, int], dict[str, Any]] = {}
    for row in rows:
        key = (row[f"{host}_id"], row[f"{sending}_id"])
        entry = grouped.setdefault(
            key,
            {
                "source": _place(row, "source", key[0]),
                "target": _place(row, "target", key[1]),
                "practices": set(),
                "count": 0,
            },
        )
        entry["practices"].add(row["practice_title"])
        entry["count"] += row["records"]
    flows = [
        Flow(e["source"], e["target"], tuple(sorted(e["practices"])), e["count"])
        for e in grouped.values()
    ]
    return sorted(flows, key=lambda f: (-f.count, f.source.label, f.target.label))


def transfer_context(flows: list[Flow], *, id_prefix: str = "transfer-map") -> dict[str, Any]:
    """What the map partial needs: the SVG, the flows for the table, totals."""
    total = sum(flow.count for flow in flows)
    drawn = [f for f in flows if f.source.on_map and f.target.on_map]
    description = _(
        "%(pairs)s arrows from the partner that hosts a practice to the partner that put it "
        "in place; the wider the arrow, the more records (%(total)s in all). The table "
        "next to the map gives the same figures."
    ) % {"pairs": len(drawn), "total": total}
    svg = render_transfer_map(
        flows,
        title=_("How practices travelled between partners"),
        description=description,
        arrow_label=_("{source} → {target}: {count} records ({practices})"),
        id_prefix=id_prefix,
    )
    return {
        "transfer_svg": mark_safe(svg),  # every text in it is escaped
        "flows": flows,
        "transfer_total": total,
        "not_drawn": len(flows) - len(drawn),
    }


@require_GET
def transfer_map(request: HttpRequest) -> HttpResponse:
    """Public: counts and organisation and practice names are not personal."""
    return render(request, "impact/records/transfer_map.html", transfer_context(transfer_flows()))


def transferred_organisations(practice: Practice) -> list[Organisation]:
    """The partners (other than the host) where ``practice`` was put in place,
    piloting stage or beyond, with ``records`` and ``since`` (one query)."""
    return list(
        Organisation.objects.filter(
            is_active=True,
            mobilities_sent__implementations__practice=practice,
            mobilities_sent__implementations__stage__in=TRANSFERRED,
        )
        .exclude(pk=practice.host_id)
        .annotate(
            records=Count("mobilities_sent__implementations", distinct=True),
            since=Min("mobilities_sent__implementations__created_at"),
            latest=Max("mobilities_sent__implementations__updated_at"),
        )
        .order_by("name")
    )


# --- closing the loop ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def feedback_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    require(request.user, "impact.feedback_action", organisation)
    user = signed_in_user(request)
    if is_admin(user):
        others = Organisation.objects.filter(is_active=True)
    else:
        others = Organisation.objects.filter(
            pk__in=coordinated_organisation_ids(user), is_active=True
        )
    others_list = [o for o in others.order_by("name") if o.pk != organisation.pk]
    switch_to = request.GET.get("organisation", "").strip()
    if switch_to in {o.slug for o in others_list}:
        return redirect("impact:feedback_list", slug=switch_to)
    form = FeedbackActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            FeedbackAction.objects.create(
                organisation=organisation,
                year=form.cleaned_data["year"],
                finding=form.cleaned_data["finding"].strip(),
                action=form.cleaned_data["action"].strip(),
                created_by=user,
            )
        messages.success(request, _("The action is recorded; your participants will see it."))
        return redirect("impact:feedback_list", slug=organisation.slug)
    actions = FeedbackAction.objects.filter(organisation=organisation).select_related("created_by")
    return render(
        request,
        "impact/feedback/list.html",
        {
            "organisation": organisation,
            "form": form,
            "page": paginate(request, actions, PER_PAGE),
            "others": others_list,
            "switch_with_select": is_admin(user),
        },
    )


# --- the participant's page -------------------------------------------------------------


def my_answers_url() -> str:
    try:
        return reverse("impact:my_answers")
    except NoReverseMatch:
        return "/evaluation/my-answers/"


@login_required
@require_GET
def my_evaluation(request: HttpRequest) -> HttpResponse:
    from django.db.models import Prefetch

    from mobinnov.impact.services import link_for

    user = signed_in_user(request)
    mobilities = (
        Mobility.objects.filter(participant_id=user.pk)
        .select_related("sending_organisation", "receiving_organisation", "badge")
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=Invitation.objects.filter(wave__in=PARTICIPANT_WAVES).order_by("wave"),
                to_attr="participant_invitations",
            ),
            Prefetch(
                "implementations",
                queryset=ImplementationRecord.objects.select_related("practice").order_by(
                    "-updated_at", "pk"
                ),
                to_attr="records",
            ),
        )
        .order_by("-start_date", "-pk")
    )
    page = paginate(request, mobilities, PER_PAGE)
    open_statuses = (
        Invitation.Status.SENT,
        Invitation.Status.OPENED,
        Invitation.Status.DRAFT,
    )
    for mobility in page.object_list:
        invitations: list[Invitation] = mobility.participant_invitations
        for invitation in invitations:
            invitation.answer_link = (  # type: ignore[attr-defined]
                link_for(invitation)
                if invitation.status in open_statuses and invitation.respondent_id == user.pk
                else ""
            )
        t1_done = any(
            i.wave == Wave.T1 and i.status == Invitation.Status.SUBMITTED for i in invitations
        )
        badge = getattr(mobility, "badge", None)
        mobility.badge_assertion = badge
        mobility.badge_reason = (
            "" if badge is not None else badges.ineligibility_reason(mobility, t1_done=t1_done)
        )
        mobility.may_record = mobility.status in RECORDABLE
    organisation_ids = set(
        Membership.objects.filter(user_id=user.pk).values_list("organisation_id", flat=True)
    ) | set(
        Mobility.objects.filter(participant_id=user.pk).values_list(
            "sending_organisation_id", flat=True
        )
    )
    feedback = list(
        FeedbackAction.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("-year", "-created_at")[:FEEDBACK_ON_MY_PAGE]
    )
    return render(
        request,
        "impact/records/my_evaluation.html",
        {"page": page, "feedback": feedback, "my_answers_url": my_answers_url()},
    )


# --- Open Badges -------------------------------------------------------------------------


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data, status=status, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    # Backpacks and verifiers read the hosted documents from other sites.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _public_cache(response: HttpResponse, seconds: int = 3600) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={seconds}"
    return response


@require_GET
def badge_issuer(request: HttpRequest) -> HttpResponse:
    return _public_cache(_json(badges.issuer_json()))


@require_GET
def badge_class(request: HttpRequest) -> HttpResponse:
    return _public_cache(_json(badges.badge_class_json()))


@require_GET
def badge_image(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(badges.badge_svg(), content_type="image/svg+xml; charset=utf-8")
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Access-Control-Allow-Origin"] = "*"
    return _public_cache(response, 86400)


def _assertion(uid: str) -> BadgeAssertion:
    return get_object_or_404(
        BadgeAssertion.objects.select_related(
            "mobility__participant",
            "mobility__receiving_organisation",
            "mobility__sending_organisation",
        ),
        uid=uid,
    )


@require_GET
def badge_assertion(request: HttpRequest, uid: str) -> HttpResponse:
    assertion = (
        BadgeAssertion.objects.select_related(
            "mobility__participant", "mobility__receiving_organisation"
        )
        .filter(uid=uid)
        .first()
    )
    if assertion is None:
        return _json({"error": "not found"}, status=404)
    if assertion.revoked:
        return _json(badges.revoked_json(assertion), status=410)
    return _json(badges.assertion_json(assertion))


@require_http_methods(["GET", "POST"])
def badge_verify(request: HttpRequest, uid: str) -> HttpResponse:
    """Public verification page: valid or revoked, what it was awarded for.
    No name or e-mail address is shown; a visitor may check an address
    against the hashed recipient."""
    assertion = _assertion(uid)
    mobility = assertion.mobility
    form = BadgeCheckForm(request.POST or None)
    checked: bool | None = None
    if request.method == "POST" and form.is_valid():
        checked = badges.identity_matches(assertion, form.cleaned_data["email"])
    return render(
        request,
        "impact/badges/verify.html",
        {
            "assertion": assertion,
            "mobility": mobility,
            "badge_name": badges.badge_name(),
            "activity": badges.activity_label(mobility.activity_type),
            "practices": badges.public_practices(mobility),
            "criteria": badges.criteria_narrative(),
            "is_holder": request.user.is_authenticated
            and request.user.pk == mobility.participant_id,
            "form": form,
            "checked": checked,
            "assertion_url": reverse("impact:badge_assertion", kwargs={"uid": assertion.uid}),
        },
    )


def _own_badge(request: HttpRequest, uid: str) -> BadgeAssertion:
    assertion = _assertion(uid)
    if assertion.mobility.participant_id != request.user.pk:
        raise PermissionDenied("impact.badge_download")
    return assertion


@login_required
@require_GET
def badge_download(request: HttpRequest, uid: str) -> HttpResponse:
    """The participant's copy of the assertion, to import into a backpack."""
    assertion = _own_badge(request, uid)
    if assertion.revoked:
        return _json(badges.revoked_json(assertion), status=410)
    body = json.dumps(badges.assertion_json(assertion), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="badge-{assertion.mobility.reference}.json"'
    )
    return response


@login_required
@require_POST
def badge_claim(request: HttpRequest, reference: str) -> HttpResponse:
    """ "Get my badge": the signed-in participant, for their own mobility."""
    mobility = _mobility_for(reference)
    if mobility.participant_id != request.user.pk:
        raise PermissionDenied("impact.badge_claim")
    try:
        assertion = badges.award(mobility)
    except badges.NotEligible as refusal:
        messages.error(request, refusal.reason)
        return redirect("impact:my_evaluation")
    messages.success(
        request,
        _("Your badge is ready: share its verification page or download it for your backpack."),
    )
    return redirect("impact:badge_verify", uid=assertion.uid)
