"""Outputs of practices: the fact sheet as PDF, exports of the catalogue
(CSV, Excel, JSON) and booklets made in the background (``booklet_jobs``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from mobinnov.accounts.models import signed_in_user
from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.core.permissions import can
from mobinnov.practices import booklet, booklet_jobs, exports, selectors
from mobinnov.practices.models import Practice

LANGUAGE_CODES = {code for code, _name in [*settings.LANGUAGES, *WORKING_LANGUAGES]}


def _language(request: HttpRequest) -> str:
    """``?lang=fr`` when it names a language, else the page's language."""
    asked = str(request.GET.get("lang", "")).strip().lower()
    if asked in LANGUAGE_CODES:
        return asked
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@ratelimit(key="ip", rate="30/m", block=True)
@require_GET
def factsheet(request: HttpRequest, slug: str) -> HttpResponse:
    """The fact sheet as PDF: the published version for everyone, the working
    copy of a practice never published for those who may read it."""
    practice = get_object_or_404(
        Practice.objects.select_related("host", "published_revision"), slug=slug
    )
    language = _language(request)
    options: dict[str, Any] = {"base": _base(request), "show_email": request.user.is_authenticated}
    if practice.is_public and practice.published_revision is not None:
        public = True
    elif can(request.user, "practice.view_working_copy", practice):
        working = practice.latest_revision
        if working is None:
            raise Http404
        options.update(content=dict(working.content), working=True)
        public = False
    elif request.user.is_authenticated:
        raise PermissionDenied("practice.view_working_copy")
    else:
        raise Http404
    pdf = booklet.build_factsheet(practice, language=language, **options)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{practice.slug}.pdf"'  # a slug is ASCII
    if not public:
        response["Cache-Control"] = "private, no-store"
    else:  # signed-in readers also get the contact e-mail
        response["Cache-Control"] = (
            "private, max-age=300" if request.user.is_authenticated else "public, max-age=300"
        )
    return response


@ratelimit(key="ip", rate="20/m", block=True)
@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The public practices the catalogue search finds, as CSV, XLSX or JSON."""
    if fmt not in exports.EXPORTERS:
        raise Http404
    query = selectors.CatalogueQuery.from_params(request.GET)
    data = exports.EXPORTERS[fmt](
        selectors.catalogue(query),
        _language(request),
        include_email=request.user.is_authenticated,
        base=_base(request),
    )
    content_type, extension = exports.FORMATS[fmt]
    response = HttpResponse(data, content_type=content_type)
    filename = f"practices-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_csv(request: HttpRequest) -> HttpResponse:
    return export(request, "csv")


def export_xlsx(request: HttpRequest) -> HttpResponse:
    return export(request, "xlsx")


def export_json(request: HttpRequest) -> HttpResponse:
    return export(request, "json")


class BookletForm(forms.Form):
    title = forms.CharField(label=_lazy("Title of the booklet"), max_length=120)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)


@login_required
@ratelimit(key="user_or_ip", rate="10/h", method="POST", block=False)
@require_http_methods(["GET", "POST"])
def booklet_request(request: HttpRequest) -> HttpResponse:
    """Ask for a PDF booklet of the practices a catalogue search finds; a
    worker makes it (``mobinnov run_booklet_jobs``)."""
    user = signed_in_user(request)
    if request.method == "POST":
        form = BookletForm(request.POST)
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(
                None, _("You asked for many booklets in the last hour. Please try again later.")
            )
            status = 429
        elif form.is_valid():
            query_string = form.cleaned_data["query"] or request.GET.urlencode()
            job = booklet_jobs.enqueue(
                user_id=user.pk,
                language=(get_language() or settings.LANGUAGE_CODE).split("-")[0],
                title=form.cleaned_data["title"],
                query=query_string,
            )
            return redirect("practices:booklet_status", job=job)
        else:
            status = 400
    else:
        form = BookletForm(
            initial={"title": _("Innovative practices"), "query": request.GET.urlencode()}
        )
        status = 200
    query = selectors.CatalogueQuery.from_params(QueryDict(str(form["query"].value() or "")))
    count = selectors.catalogue(query).count()
    return render(
        request,
        "practices/booklet_request.html",
        {
            "form": form,
            "query": query,
            "count": count,
            "max_practices": booklet_jobs.MAX_PRACTICES,
            "labels": selectors.facet_labels(),
        },
        status=status,
    )


def _own_job(request: HttpRequest, job: str) -> dict[str, Any]:
    data = booklet_jobs.load(job)
    if data is None or data.get("user_id") != signed_in_user(request).pk:
        raise Http404
    return data


@login_required
@require_GET
def booklet_status(request: HttpRequest, job: str) -> HttpResponse:
    """Where a booklet job is; the page reloads itself until it is finished."""
    data = _own_job(request, job)
    finished = data.get("status") in {booklet_jobs.DONE, booklet_jobs.FAILED}
    response = render(
        request,
        "practices/booklet_status.html",
        {"job": data, "finished": finished, "refresh_seconds": 5},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def booklet_download(request: HttpRequest, job: str) -> FileResponse:
    data = _own_job(request, job)
    path = booklet_jobs.pdf_path(job)
    if data.get("status") != booklet_jobs.DONE or not path.is_file():
        raise Http404
    filename = f"{slugify(str(data.get('title') or '')) or 'booklet'}.pdf"
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )
