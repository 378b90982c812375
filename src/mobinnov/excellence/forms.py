from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.excellence.models import Cluster, FieldOfExcellence


class FieldOfExcellenceForm(forms.ModelForm[FieldOfExcellence]):
    """English text plus one name/definition pair per other interface language."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FieldOfExcellence
        fields = ["cluster", "code", "position", "name", "definition", "source"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cluster_field: Any = self.fields["cluster"]
        cluster_field.queryset = Cluster.objects.order_by("number")
        self.translation_languages = [
            (code, name) for code, name in settings.LANGUAGES if code != "en"
        ]
        translations = self.instance.translations or {}
        for code, language_name in self.translation_languages:
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": language_name},
                max_length=200,
                required=False,
                initial=translations.get(code, {}).get("name", ""),
            )
            self.fields[f"definition_{code}"] = forms.CharField(
                label=_("Short definition (%(language)s)") % {"language": language_name},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=translations.get(code, {}).get("definition", ""),
            )
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip().upper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        translations = dict(self.instance.translations or {})
        for code, _name in self.translation_languages:
            entry = {
                "name": cleaned.get(f"name_{code}", "").strip(),
                "definition": cleaned.get(f"definition_{code}", "").strip(),
            }
            if entry["name"] or entry["definition"]:
                translations[code] = entry
            else:
                translations.pop(code, None)
        cleaned["translations"] = translations
        return cleaned


class DefinitionForm(forms.Form):
    text = forms.CharField(
        label=_("Definition"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=WORKING_LANGUAGES)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
