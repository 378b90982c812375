"""Forms built from the fact-sheet template (practices/template.py).

A draft may be saved incomplete, but whatever is filled in is validated
(lengths, EQF levels, dates in order, e-mail, links). Submission then needs
every required field (services.practice_submit).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.excellence.models import FieldOfExcellence
from mobinnov.network.models import Sector
from mobinnov.practices.choices import EvaluationLevel, Label, Licence, Stage, TargetGroup, VetType
from mobinnov.practices.models import RubricCriterion
from mobinnov.practices.template import BY_NAME, FIELDS, TRANSLATABLE, TemplateField


def _fields_of_excellence() -> list[tuple[str, Any]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    rows = FieldOfExcellence.objects.filter(is_retired=False).select_related("cluster")
    for field in rows.order_by("cluster__number", "position"):
        groups.setdefault(field.cluster.localized_name(), []).append(
            (field.code, f"{field.code} {field.localized_name()}")
        )
    return list(groups.items())


CHOICE_SOURCES: dict[str, Callable[[], list[tuple[Any, Any]]]] = {
    "sectors": lambda: [(s.code, f"{s.code} {s.name}") for s in Sector.objects.all()],
    "eqf": lambda: [(str(level), str(level)) for level in range(1, 9)],
    "vet_type": lambda: list(VetType.choices),
    "fields": _fields_of_excellence,
    "stage": lambda: list(Stage.choices),
    "target_groups": lambda: list(TargetGroup.choices),
    "evaluation_level": lambda: [(str(v), label) for v, label in EvaluationLevel.choices],
    "yes_no": lambda: [("yes", _("Yes")), ("no", _("No"))],
    "languages": lambda: list(WORKING_LANGUAGES),
    "licence": lambda: list(Licence.choices),
}


def _form_field(spec: TemplateField) -> forms.Field:
    label = spec.label
    common: dict[str, Any] = {"label": label, "required": False, "help_text": spec.help_text}
    if spec.kind == "text":
        return forms.CharField(max_length=spec.max_length, **common)
    if spec.kind == "email":
        return forms.EmailField(max_length=spec.max_length, **common)
    if spec.kind in {"longtext", "urls"}:
        return forms.CharField(
            max_length=spec.max_length,
            widget=forms.Textarea(attrs={"rows": 6 if spec.kind == "longtext" else 3}),
            **common,
        )
    if spec.kind == "keywords":
        return forms.CharField(max_length=spec.max_length, **common)
    if spec.kind == "int":
        bounds: dict[str, Any] = spec.extra
        return forms.IntegerField(
            min_value=bounds.get("min"), max_value=bounds.get("max"), **common
        )
    if spec.kind == "date":
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common
        )
    choices = CHOICE_SOURCES[spec.choices_from]()
    if spec.kind == "choice":
        return forms.ChoiceField(choices=[("", "—"), *choices], **common)
    return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)


def content_from_cleaned(
    cleaned: dict[str, Any], previous: dict[str, Any] | None = None
) -> dict[str, Any]:
    """JSON-ready content for a revision. Keys outside the template that the
    previous revision carried (such as an import key) are kept."""
    content: dict[str, Any] = {
        key: value for key, value in (previous or {}).items() if key not in BY_NAME
    }
    for spec in FIELDS:
        value = cleaned.get(spec.name)
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif spec.kind == "urls":
            value = [line.strip() for line in (value or "").splitlines() if line.strip()]
        elif spec.kind == "multichoice":
            value = list(value or [])
        elif isinstance(value, str):
            value = value.strip()
        content[spec.name] = value
    return content


def initial_from_content(content: dict[str, Any]) -> dict[str, Any]:
    initial = dict(content)
    for spec in FIELDS:
        if spec.kind == "urls":
            initial[spec.name] = "\n".join(content.get(spec.name) or [])
    return initial


class PracticeForm(forms.Form):
    """Every field of the template; drafts may leave required fields empty."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    note = forms.CharField(
        label=_("What did you change? (optional)"), max_length=300, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in FIELDS:
            self.fields[spec.name] = _form_field(spec)
        # Keep the template's order, with the version/note at the end.
        self.order_fields([spec.name for spec in FIELDS] + ["note", "version"])

    def sections(self) -> list[tuple[Any, list[Any]]]:
        grouped: dict[Any, list[Any]] = {}
        for spec in FIELDS:
            grouped.setdefault(spec.section, []).append(self[spec.name])
        return list(grouped.items())

    def clean_links(self) -> str:
        value = self.cleaned_data.get("links") or ""
        validate = URLValidator(schemes=["http", "https"])
        for number, line in enumerate((v.strip() for v in value.splitlines()), start=1):
            if not line:
                continue
            try:
                validate(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Line %(number)s is not a web address (http:// or https://): %(line)s"),
                    params={"number": number, "line": line[:80]},
                ) from None
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return cleaned


class TranslationForm(forms.Form):
    """The translatable fields of a practice, in another language."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in FIELDS:
            if spec.name in TRANSLATABLE:
                field = _form_field(spec)
                field.required = spec.required
                self.fields[spec.name] = field


class NewPracticeForm(forms.Form):
    host = forms.ChoiceField(label=_("Host organisation"))
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language you will write the fact sheet in"), choices=WORKING_LANGUAGES
    )

    def __init__(self, *args: Any, hosts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.hosts = {str(h.pk): h for h in hosts}
        host_field: Any = self.fields["host"]
        host_field.choices = [(str(h.pk), h.name) for h in hosts]

    def clean_host(self) -> Any:
        return self.hosts[self.cleaned_data["host"]]


class ReviewForm(forms.Form):
    comments = forms.CharField(
        label=_("Comments for the authors"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def __init__(self, *args: Any, language: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(RubricCriterion.objects.order_by("position"))
        for criterion in self.criteria:
            descriptors = "; ".join(
                f"{score}: {criterion.level_text(score, language)}" for score in (0, 2, 4)
            )
            self.fields[f"score_{criterion.code}"] = forms.TypedChoiceField(
                label=criterion.translated("name", language),
                choices=[(str(n), str(n)) for n in range(5)],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=descriptors,
            )
        self.order_fields([f"score_{c.code}" for c in self.criteria] + ["comments"])

    def scores(self) -> dict[str, int]:
        return {c.code: int(self.cleaned_data[f"score_{c.code}"]) for c in self.criteria}


class AssignReviewerForm(forms.Form):
    reviewer = forms.EmailField(
        label=_("E-mail address of the reviewer"),
        help_text=_("An editor, or a coordinator of another organisation."),
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the authors"), widget=forms.Textarea(attrs={"rows": 5})
    )


TRANSLATION_LANGUAGES = [code for code, _name in WORKING_LANGUAGES]
INTERFACE_LANGUAGES = [code for code, _name in settings.LANGUAGES]


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title or description"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "An image (JPEG, PNG, WebP, GIF) or a document (PDF, Word, Excel, PowerPoint, OpenDocument), at most 10 MB."
        ),
    )


class LabelRuleForm(forms.Form):
    """One rule of the label: the first rule a practice's consensus scores
    satisfy gives its label."""

    label = forms.ChoiceField(label=_("Label"), choices=Label.choices)
    min_total = forms.IntegerField(label=_("Minimum total (out of 32)"), min_value=0, max_value=32)

    def __init__(self, *args: Any, criteria: list[RubricCriterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            for bound, text in (("min", _("at least")), ("max", _("at most"))):
                self.fields[f"{bound}_{criterion.code}"] = forms.IntegerField(
                    label=f"{criterion.translated('name')}: {text}",
                    min_value=0,
                    max_value=4,
                    required=False,
                )

    def rule_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "label": data["label"],
            "min_total": data["min_total"],
            "min_scores": {
                c.code: data[f"min_{c.code}"]
                for c in self.criteria
                if data.get(f"min_{c.code}") is not None
            },
            "max_scores": {
                c.code: data[f"max_{c.code}"]
                for c in self.criteria
                if data.get(f"max_{c.code}") is not None
            },
        }
