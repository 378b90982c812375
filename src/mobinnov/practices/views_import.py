"""Import fact sheets from a spreadsheet (practices/importer.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from mobinnov.accounts.models import User, signed_in_user
from mobinnov.core.permissions import is_admin
from mobinnov.network.models import Organisation
from mobinnov.practices import importer


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        help_text=_("An Excel workbook made from the template, at most 5 MB."),
        widget=forms.FileInput(attrs={"accept": f".xlsx,{importer.XLSX_CONTENT_TYPE}"}),
    )
    dry_run = forms.BooleanField(label=_("Only check the file: import nothing"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workbook: Any = None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > importer.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB: split it into several files.")
            )
        try:
            # Checked by its content, whatever its name says.
            self.workbook = importer.open_workbook(upload)
        except importer.ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


def _require_importer(user: User) -> None:
    """Members of an active organisation (and network admins) import practices."""
    if is_admin(user):
        return
    if not Organisation.objects.filter(is_active=True, memberships__user=user).exists():
        raise PermissionDenied("practice.import")


@login_required
@require_http_methods(["GET", "POST"])
def import_practices(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    _require_importer(user)
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = importer.import_workbook(
                form.workbook, user=user, dry_run=form.cleaned_data["dry_run"]
            )
    else:
        form = ImportForm()
    return render(request, "practices/import.html", {"form": form, "report": report})


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    _require_importer(user)
    response = HttpResponse(
        importer.template_workbook(user=user), content_type=importer.XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = 'attachment; filename="mobinnov-practices-template.xlsx"'
    return response
