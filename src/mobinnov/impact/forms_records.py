"""Forms of the implementation records, the actions taken on feedback and the
badge check."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobinnov.core.uploads import Sniffed, UnsupportedFile, sniff
from mobinnov.impact.models import ImplementationRecord

MAX_REACHED = 1_000_000
FIRST_YEAR = 2014  # the first Erasmus+ call


def _field(name: str) -> Any:
    return ImplementationRecord._meta.get_field(name)


class ImplementationForm(forms.Form):
    """What was put in place after a mobility. The practice choices come in
    two groups: the mobility's practices first, then the other published
    practices of the host."""

    kind = forms.ChoiceField(label=_field("kind").verbose_name, choices=[])
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What was done, with whom, and what changed"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    stage = forms.ChoiceField(
        label=_field("stage").verbose_name,
        choices=[],
        help_text=_(
            "Planned: decided but not started. Piloting: tried out. Implemented: in regular "
            "use. Embedded: part of how the organisation works (documents, curriculum)."
        ),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=[])
    learners_reached = forms.IntegerField(
        label=_("Learners reached"), min_value=0, max_value=MAX_REACHED, initial=0
    )
    colleagues_reached = forms.IntegerField(
        label=_("Colleagues reached"), min_value=0, max_value=MAX_REACHED, initial=0
    )
    practice = forms.TypedChoiceField(
        label=_("Practice it came from"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[],
    )
    evidence_link = forms.URLField(
        label=_("Evidence (link)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("A web page, a video or a shared document showing the change."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence (file)"),
        required=False,
        help_text=_("An image, a PDF or an office document, %(size)s MB at most.")
        % {"size": settings.ATTACHMENT_MAX_BYTES // 1048576},
    )
    remove_evidence_file = forms.BooleanField(
        label=_("Remove the current evidence file"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        practice_groups: Sequence[tuple[str, Sequence[Any]]] = (),
        has_file: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sniffed: Sniffed | None = None
        fields: Any = self.fields
        fields["kind"].choices = ImplementationRecord.Kind.choices
        fields["stage"].choices = ImplementationRecord.Stage.choices
        fields["scope"].choices = ImplementationRecord.Scope.choices
        choices: list[Any] = [("", _("None of these / not from a practice"))]
        self.practices: dict[int, Any] = {}
        for label, practices in practice_groups:
            if practices:
                choices.append((label, [(p.pk, str(p)) for p in practices]))
                self.practices.update({p.pk: p for p in practices})
        fields["practice"].choices = choices
        if not has_file:
            del self.fields["remove_evidence_file"]

    def clean_practice(self) -> Any:
        value = self.cleaned_data.get("practice")
        return None if value is None else self.practices[value]

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if not upload:
            return None
        if upload.size > settings.ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB."),
                params={
                    "size": round(upload.size / 1048576, 1),
                    "limit": settings.ATTACHMENT_MAX_BYTES // 1048576,
                },
            )
        try:
            self.sniffed = sniff(upload)
        except UnsupportedFile:
            raise forms.ValidationError(
                _(
                    "Upload an image (JPEG, PNG, WebP, GIF) or a document (PDF, Word, Excel, "
                    "PowerPoint, OpenDocument). Other files, such as SVG or web pages, are refused."
                )
            ) from None
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("remove_evidence_file") and cleaned.get("evidence_file"):
            self.add_error(
                "remove_evidence_file",
                _("Either remove the current file or upload a new one, not both."),
            )
        return cleaned


class ImplementationFilterForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"), required=False, choices=[])
    stage = forms.ChoiceField(label=_("Stage"), required=False, choices=[])
    kind = forms.ChoiceField(label=_("What"), required=False, choices=[])

    def __init__(self, *args: Any, organisations: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        everything = [("", _("All"))]
        fields["organisation"].choices = everything + [(o.slug, o.name) for o in organisations]
        fields["stage"].choices = everything + list(ImplementationRecord.Stage.choices)
        fields["kind"].choices = everything + list(ImplementationRecord.Kind.choices)


class FeedbackActionForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year of the results"),
        min_value=FIRST_YEAR,
        help_text=_("The year of the evaluation results that led to the change."),
    )
    finding = forms.CharField(
        label=_("What the results showed"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    action = forms.CharField(
        label=_("What we changed"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        year: Any = self.fields["year"]
        year.max_value = this_year
        year.validators.append(MaxValueValidator(this_year))
        year.widget.attrs.update({"min": FIRST_YEAR, "max": this_year})
        self.initial.setdefault("year", this_year)


class BadgeCheckForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address to check"),
        help_text=_("The address is compared with the badge's hashed recipient; it is not stored."),
    )
