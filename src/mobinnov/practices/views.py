from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mobinnov.accounts.models import User, signed_in_user
from mobinnov.core.concurrency import EditConflict, rebase_form
from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.core.pagination import paginate
from mobinnov.core.permissions import can, require
from mobinnov.network.models import Organisation
from mobinnov.practices import selectors, services
from mobinnov.practices.choices import Status
from mobinnov.practices.diff import revision_diff
from mobinnov.practices.forms import (
    AssignReviewerForm,
    AttachmentForm,
    LabelRuleForm,
    MessageForm,
    NewPracticeForm,
    PracticeForm,
    ReviewForm,
    TranslationForm,
    content_from_cleaned,
    initial_from_content,
)
from mobinnov.practices.models import (
    LabelRule,
    Practice,
    PracticeAttachment,
    PracticeRevision,
    PracticeTranslation,
    Review,
    RubricCriterion,
)
from mobinnov.practices.template import BY_NAME, SECTIONS, TRANSLATABLE, completeness

PER_PAGE = 20
FACET_TITLES = {
    "country": _lazy("Country"),
    "sector": _lazy("Sector"),
    "eqf": _lazy("EQF level"),
    "target": _lazy("Target group"),
    "stage": _lazy("Stage"),
    "label": _lazy("Label"),
    "language": _lazy("Language of visits"),
}


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    query = selectors.CatalogueQuery.from_params(request.GET)
    practices = selectors.catalogue(query)
    page = paginate(request, practices, PER_PAGE)
    counts = selectors.facet_counts(practices)
    labels = selectors.facet_labels()
    return render(
        request,
        "practices/catalogue.html",
        {
            "query": query,
            "page": page,
            "counts": counts,
            "labels": labels,
            "field_groups": selectors.field_groups(),
            "facet_order": list(FACET_TITLES),
            "facet_titles": FACET_TITLES,
        },
    )


def _practice_for(request: HttpRequest, slug: str) -> Practice:
    practice = get_object_or_404(
        Practice.objects.select_related("host", "published_revision"), slug=slug
    )
    if not can(request.user, "practice.view", practice):
        if request.user.is_authenticated:
            raise PermissionDenied("practice.view")
        raise Http404
    return practice


@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = _practice_for(request, slug)
    working = None
    if can(request.user, "practice.view_working_copy", practice):
        working = practice.latest_revision
    if practice.published_revision is None:
        # Never published: the people who may see it read the working copy.
        localized = selectors.LocalizedPractice(
            dict(working.content) if working else {}, practice.source_language, None, False, []
        )
    else:
        # ?lang= lets a visitor read any translation, not only their interface language.
        wanted = request.GET.get("lang", "")
        localized = selectors.localized(
            practice, wanted if wanted in dict(WORKING_LANGUAGES) else None
        )
    percent, missing = completeness(working.content if working else {})
    return render(
        request,
        "practices/detail.html",
        {
            "practice": practice,
            "p": localized.content,
            "localized": localized,
            "working": working,
            "completeness": percent,
            "missing": [BY_NAME[name].label for name in missing],
            "may_edit": can(request.user, "practice.edit", practice),
            "may_manage_review": can(request.user, "practice.manage_review", practice),
            "may_archive": can(request.user, "practice.archive", practice),
            "may_translate": can(request.user, "practice.translate", practice),
            "related": selectors.related_practices(practice) if practice.is_public else [],
            "labels": selectors.facet_labels(),
            "json_ld": _json_ld_text(_json_ld(request, practice, localized.content))
            if practice.is_public
            else "",
            "language_names": dict(WORKING_LANGUAGES),
        },
    )


def _json_ld_text(data: dict[str, Any]) -> str:
    """JSON safe inside a <script> element: no "</script>" can close it early."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _json_ld(request: HttpRequest, practice: Practice, content: dict[str, Any]) -> dict[str, Any]:
    """schema.org description of the practice, for search engines."""
    return {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": content.get("title", ""),
        "abstract": content.get("summary", ""),
        "keywords": content.get("keywords", ""),
        "inLanguage": practice.source_language,
        "url": request.build_absolute_uri(practice.get_absolute_url()),
        "datePublished": practice.first_published_at.date().isoformat()
        if practice.first_published_at
        else None,
        "dateModified": practice.published_at.date().isoformat() if practice.published_at else None,
        "license": content.get("licence", ""),
        "publisher": {"@type": "Organization", "name": practice.host.name},
        "sourceOrganization": {
            "@type": "EducationalOrganization",
            "name": practice.host.name,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": practice.host.city,
                "addressCountry": str(practice.host.country),
            },
        },
    }


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    hosts = [
        org
        for org in Organisation.objects.filter(is_active=True, memberships__user=user).distinct()
        if can(user, "practice.create", org)
    ]
    if not hosts:
        raise PermissionDenied("practice.create")
    form = NewPracticeForm(request.POST or None, hosts=hosts, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        practice = services.practice_create(
            host=form.cleaned_data["host"],
            author=user,
            content={"title": form.cleaned_data["title"], "licence": "CC-BY-4.0"},
            language=form.cleaned_data["language"],
        )
        messages.success(
            request, _("The draft is created. Fill in the fact sheet, then submit it for review.")
        )
        return redirect("practices:edit", slug=practice.slug)
    return render(request, "practices/create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice.objects.select_related("host"), slug=slug)
    require(request.user, "practice.edit", practice)
    latest = practice.latest_revision
    content = latest.content if latest else {}
    if request.method == "POST":
        form = PracticeForm(request.POST)
        if form.is_valid():
            try:
                services.practice_save(
                    practice=practice,
                    author=signed_in_user(request),
                    content=content_from_cleaned(form.cleaned_data, previous=content),
                    expected_version=form.cleaned_data.get("version") or 0,
                    note=form.cleaned_data.get("note") or "",
                )
            except EditConflict:
                rebase_form(form, Practice.objects.get(pk=practice.pk).version)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The fact sheet is saved."))
                if "submit" in request.POST:
                    return _submit(request, practice)
                return redirect("practices:edit", slug=practice.slug)
    else:
        form = PracticeForm(initial={**initial_from_content(content), "version": practice.version})
    percent, missing = completeness(content)
    return render(
        request,
        "practices/edit.html",
        {
            "practice": practice,
            "form": form,
            "completeness": percent,
            "missing": [BY_NAME[name].label for name in missing],
            "sections": SECTIONS,
            "editable": practice.status in services.EDITABLE_STATES,
        },
    )


def _submit(request: HttpRequest, practice: Practice) -> HttpResponse:
    try:
        services.practice_submit(practice=practice, actor=signed_in_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("practices:edit", slug=practice.slug)
    messages.success(request, _("The practice is submitted: the editors will organise its review."))
    return redirect(practice)


@login_required
@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    require(request.user, "practice.edit", practice)
    return _submit(request, practice)


@login_required
@require_POST
def transition(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    """Publish, archive or bring back (editors; archive also the host's coordinators)."""
    practice = get_object_or_404(Practice, slug=slug)
    user = signed_in_user(request)
    actions = {
        "publish": (services.practice_publish, _("The practice is published.")),
        "archive": (
            services.practice_archive,
            _("The practice is archived: it no longer shows in the catalogue."),
        ),
        "unarchive": (services.practice_unarchive, _("The practice is back in the catalogue.")),
    }
    if action not in actions:
        raise Http404
    service, done = actions[action]
    try:
        service(practice=practice, actor=user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(practice)


@login_required
@require_http_methods(["GET", "POST"])
def review_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Editors: assign reviewers, read the scores, request changes or publish."""
    practice = get_object_or_404(Practice.objects.select_related("host"), slug=slug)
    require(request.user, "practice.manage_review", practice)
    user = signed_in_user(request)
    assign_form = AssignReviewerForm(prefix="assign")
    message_form = MessageForm(prefix="changes")
    action = request.POST.get("action")
    if request.method == "POST" and action == "assign":
        assign_form = AssignReviewerForm(request.POST, prefix="assign")
        if assign_form.is_valid():
            reviewer = User.objects.filter(
                email__iexact=assign_form.cleaned_data["reviewer"], is_active=True
            ).first()
            if reviewer is None:
                assign_form.add_error("reviewer", _("No account uses this e-mail address."))
            else:
                try:
                    services.review_assign(practice=practice, reviewer=reviewer, actor=user)
                except ValidationError as error:
                    assign_form.add_error("reviewer", error)
                else:
                    messages.success(
                        request, _("%(person)s is asked to review.") % {"person": reviewer}
                    )
                    return redirect("practices:review_manage", slug=practice.slug)
    elif request.method == "POST" and action == "request-changes":
        message_form = MessageForm(request.POST, prefix="changes")
        if message_form.is_valid():
            try:
                services.practice_request_changes(
                    practice=practice, actor=user, message=message_form.cleaned_data["message"]
                )
            except ValidationError as error:
                message_form.add_error(None, error)
            else:
                messages.success(request, _("The practice is sent back to its authors."))
                return redirect(practice)
    latest = practice.latest_revision
    reviews = (
        Review.objects.filter(revision=latest).select_related("reviewer").order_by("assigned_at")
    )
    scores, label = services.consensus_for(practice)
    return render(
        request,
        "practices/review_manage.html",
        {
            "practice": practice,
            "reviews": reviews,
            "criteria": RubricCriterion.objects.order_by("position"),
            "consensus": scores,
            "consensus_total": sum(scores.values()),
            "proposed_label": label,
            "labels": selectors.facet_labels()["label"],
            "assign_form": assign_form,
            "message_form": message_form,
            "min_reviews": services.MIN_REVIEWS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer scores the rubric."""
    item = get_object_or_404(
        Review.objects.select_related("practice", "practice__host", "revision"), pk=pk
    )
    user = signed_in_user(request)
    if item.reviewer_id != user.pk:
        raise PermissionDenied("practice.review")
    initial = {f"score_{code}": str(score) for code, score in item.scores.items()}
    form = ReviewForm(
        request.POST or None,
        initial={**initial, "comments": item.comments},
        language=get_language(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_submit(
                review=item,
                actor=user,
                scores=form.scores(),
                comments=form.cleaned_data["comments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your review is recorded."))
            return redirect("practices:mine")
    return render(
        request,
        "practices/review.html",
        {
            "review": item,
            "practice": item.practice,
            "p": item.revision.content,
            "form": form,
            "labels": selectors.facet_labels(),
        },
    )


@login_required
@require_GET
def history(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    require(request.user, "practice.view_working_copy", practice)
    revisions = practice.revisions.select_related("author").order_by("-number")
    return render(
        request,
        "practices/history.html",
        {"practice": practice, "page": paginate(request, revisions, 30)},
    )


@login_required
@require_GET
def compare(request: HttpRequest, slug: str, before: int, after: int) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    require(request.user, "practice.view_working_copy", practice)
    old = get_object_or_404(PracticeRevision, practice=practice, number=before)
    new = get_object_or_404(PracticeRevision, practice=practice, number=after)
    return render(
        request,
        "practices/compare.html",
        {
            "practice": practice,
            "old": old,
            "new": new,
            "changes": revision_diff(old.content, new.content),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def translate(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    practice = get_object_or_404(Practice.objects.select_related("published_revision"), slug=slug)
    require(request.user, "practice.translate", practice)
    names = dict(WORKING_LANGUAGES)
    if language not in names or language == practice.source_language:
        raise Http404
    if practice.published_revision is None:
        messages.error(request, _("A practice is translated once it is published."))
        return redirect(practice)
    existing = PracticeTranslation.objects.filter(practice=practice, language=language).first()
    initial = dict(existing.content) if existing else {}
    initial["version"] = existing.version if existing else None
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                practice=practice,
                language=language,
                content={k: v for k, v in form.cleaned_data.items() if k in TRANSLATABLE},
                translator=signed_in_user(request),
                expected_version=form.cleaned_data.get("version"),
            )
        except EditConflict:
            current = PracticeTranslation.objects.get(practice=practice, language=language)
            rebase_form(form, current.version)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect(practice)
    return render(
        request,
        "practices/translate.html",
        {
            "practice": practice,
            "form": form,
            "language": language,
            "language_name": names[language],
            "source": practice.published_revision.content,
            "outdated": existing is not None
            and existing.source_fingerprint
            != services.source_fingerprint(practice.published_revision.content),
        },
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The practices I work on, the reviews asked of me, and (editors) the review queue."""
    user = signed_in_user(request)
    reviews = (
        Review.objects.filter(
            reviewer=user, submitted_at__isnull=True, practice__status=Status.IN_REVIEW
        )
        .select_related("practice", "practice__host")
        .order_by("assigned_at")
    )
    return render(
        request,
        "practices/mine.html",
        {
            "page": paginate(request, selectors.working_practices_for(user), 25),
            "reviews": reviews,
            "queue": selectors.review_queue()
            if can(user, "practice.manage_review", None)
            else None,
            "may_create": Organisation.objects.filter(
                memberships__user=user, is_active=True
            ).exists(),
            "new_url": reverse("practices:create"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attachments(request: HttpRequest, slug: str) -> HttpResponse:
    """Upload and remove the images and documents of a practice."""
    practice = get_object_or_404(Practice.objects.select_related("host"), slug=slug)
    require(request.user, "practice.edit", practice)
    user = signed_in_user(request)
    form = AttachmentForm()
    if request.method == "POST" and request.POST.get("delete"):
        item = get_object_or_404(PracticeAttachment, pk=request.POST["delete"], practice=practice)
        services.attachment_delete(attachment=item, actor=user)
        messages.success(request, _("%(title)s is removed.") % {"title": item.title})
        return redirect("practices:attachments", slug=practice.slug)
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.attachment_add(
                    practice=practice,
                    actor=user,
                    upload=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                # Errors about the file itself appear next to the file field.
                form.add_error(None, error)
            else:
                messages.success(request, _("The file is attached."))
                return redirect("practices:attachments", slug=practice.slug)
    return render(
        request,
        "practices/attachments.html",
        {"practice": practice, "form": form, "items": practice.attachments.all()},
    )


@require_GET
def attachment_file(
    request: HttpRequest, slug: str, pk: int, variant: str = "file"
) -> FileResponse:
    """Serve an attachment to those who may see its practice."""
    practice = _practice_for(request, slug)
    item = get_object_or_404(PracticeAttachment, pk=pk, practice=practice)
    stored = item.display if variant == "display" and item.display else item.file
    response = FileResponse(
        stored.open("rb"), content_type=item.mime if stored == item.file else None
    )
    inline = item.kind == PracticeAttachment.Kind.IMAGE or item.mime == "application/pdf"
    filename = stored.name.rsplit("/", 1)[-1]
    response["Content-Disposition"] = (
        f'{"inline" if inline else "attachment"}; filename="{filename}"'
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def rubric(request: HttpRequest) -> HttpResponse:
    """The review rubric, and the label rules editors may change."""
    require(request.user, "practice.manage_rubric")
    criteria = list(RubricCriterion.objects.order_by("position"))
    rules = list(LabelRule.objects.order_by("position"))
    extra = 1 if request.GET.get("add") else 0

    def initial(rule: LabelRule) -> dict[str, Any]:
        values: dict[str, Any] = {"label": rule.label, "min_total": rule.min_total}
        values.update({f"min_{k}": v for k, v in rule.min_scores.items()})
        values.update({f"max_{k}": v for k, v in rule.max_scores.items()})
        return values

    count = (
        int(request.POST.get("count", len(rules) + extra))
        if request.method == "POST"
        else len(rules) + extra
    )
    count = max(1, min(count, 10))
    forms_ = [
        LabelRuleForm(
            request.POST or None,
            prefix=f"rule{index}",
            criteria=criteria,
            initial=initial(rules[index]) if index < len(rules) else {"min_total": 0},
        )
        for index in range(count)
    ]
    error = ""
    if request.method == "POST" and all(f.is_valid() for f in forms_):
        try:
            services.label_rules_save(
                rules=[f.rule_values() for f in forms_], actor=signed_in_user(request)
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request, _("The label rules are saved; they apply to the next publications.")
            )
            return redirect("practices:rubric")
    return render(
        request,
        "practices/rubric.html",
        {"criteria": criteria, "forms": forms_, "count": count, "error": error},
    )
