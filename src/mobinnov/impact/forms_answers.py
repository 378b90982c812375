"""The questionnaire of one invitation as a form, built from the answers it
asks for (:func:`mobinnov.impact.services.slots`), and the filters of the
coordinators' invitation list.

Every field is optional while drafting; on "Submit" the required questions
must be answered (the message appears next to each). Field names are the
slots' names (``q12``, ``q12_c0_then``); an evidence question has a file
(``q12``), a link (``q12_link``) and, when a file is already attached, a box
to remove it (``q12_remove``)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobinnov.core.uploads import UnsupportedFile, sniff
from mobinnov.impact.models import Answer, Invitation, Item, Wave
from mobinnov.impact.services import Slot

SCALE = range(1, 6)
MAX_TEXT = 10_000


def scale_choices(item: Item, language: str) -> list[tuple[str, str]]:
    """Each point of the scale labelled with its anchor ("1", en dash,
    "Strongly disagree"); numbers alone when the item has no five anchors."""
    anchors = item.translated_anchors(language)
    if len(anchors) != len(SCALE):
        return [(str(n), str(n)) for n in SCALE]
    return [(str(n), f"{n} \N{EN DASH} {anchor}") for n, anchor in zip(SCALE, anchors, strict=True)]


def slot_label(slot: Slot, language: str) -> str:
    """The question as a field label: competence ratings name their competence
    and say which level they ask for."""
    item = slot.question.item
    if item.kind != Item.Kind.COMPETENCE:
        label = item.translated("text", language)
    elif slot.variant == Answer.Variant.THEN:
        label = _("%(competence)s — looking back, your level BEFORE the mobility") % {
            "competence": slot.competence
        }
    else:
        label = _("%(competence)s — your level now") % {"competence": slot.competence}
    if slot.question.required:
        label = _("%(label)s (required)") % {"label": label}
    return label


@dataclass
class Block:
    """One question of a section: its heading (competence items, evidence) and
    the form fields it shows."""

    kind: str
    question: str
    help_text: str
    fields: list[Any] = field(default_factory=list)
    link: Any = None
    remove: Any = None
    attached: str = ""
    required: bool = False
    # A file chosen in a form sent back with messages: browsers cannot keep it.
    choose_again: bool = False


@dataclass
class SectionView:
    title: str
    blocks: list[Block] = field(default_factory=list)


def _kept_file(name: str) -> FieldFile:
    """An already stored evidence file given again to ``save_answers``: it is
    written back under its name, never copied nor opened."""
    kept = FieldFile(Answer(), Answer._meta.get_field("file"), name)
    kept.file = ContentFile(b"")  # ``read`` exists without opening the stored file
    return kept


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        invitation: Invitation,
        slots: list[Slot],
        *,
        language: str,
        answers: dict[tuple[int, str, str], Answer] | None = None,
        submit: bool = False,
        data: Any = None,
        files: Any = None,
    ) -> None:
        self.invitation = invitation
        self.slots = slots
        self.language = language
        self.submit = submit
        self.answers = answers or {}
        super().__init__(data, files, initial={"version": invitation.version}, label_suffix="")
        for slot in slots:
            self._add_fields(slot)

    # --- building ---------------------------------------------------------------------

    def existing(self, slot: Slot) -> Answer | None:
        item = slot.question.item
        return self.answers.get((item.pk, slot.competence, slot.variant))

    def _add_fields(self, slot: Slot) -> None:
        item = slot.question.item
        label = slot_label(slot, self.language)
        help_text = conditional_escape(item.translated("help_text", self.language))
        previous = self.existing(slot)
        name = slot.name
        kind = item.kind
        if kind in (Item.Kind.LIKERT, Item.Kind.COMPETENCE):
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=scale_choices(item, self.language),
                widget=forms.RadioSelect,
                required=False,
                help_text=help_text if kind == Item.Kind.LIKERT else "",
            )
            if previous is not None and previous.number is not None:
                self.initial[name] = str(int(previous.number))
        elif kind == Item.Kind.CHOICE:
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=item.translated_choices(self.language),
                widget=forms.RadioSelect,
                required=False,
                help_text=help_text,
            )
            if previous is not None and previous.choices:
                self.initial[name] = previous.choices[0]
        elif kind == Item.Kind.MULTI_CHOICE:
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=item.translated_choices(self.language),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                help_text=help_text,
            )
            if previous is not None:
                self.initial[name] = list(previous.choices)
        elif kind == Item.Kind.NUMBER:
            self.fields[name] = forms.DecimalField(
                label=label,
                required=False,
                min_value=Decimal(0),
                max_value=Decimal(1_000_000),
                max_digits=9,
                decimal_places=2,
                help_text=help_text,
            )
            if previous is not None and previous.number is not None:
                number = previous.number
                self.initial[name] = int(number) if number == int(number) else number
        elif kind == Item.Kind.EVIDENCE:
            self.fields[name] = forms.FileField(
                label=_("A file (image, PDF or office document)"),
                required=False,
                help_text=_("At most %(size)s MB.")
                % {"size": settings.ATTACHMENT_MAX_BYTES // 1048576},
            )
            self.fields[f"{name}_link"] = forms.URLField(
                label=_("Or a link (web address)"),
                required=False,
                max_length=500,
                assume_scheme="https",
            )
            if previous is not None:
                self.initial[f"{name}_link"] = previous.text
                if previous.file:
                    self.fields[f"{name}_remove"] = forms.BooleanField(
                        label=_("Remove the attached file"), required=False
                    )
        else:
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=help_text,
            )
            if previous is not None:
                self.initial[name] = previous.text

    def sections(self) -> list[SectionView]:
        """The questionnaire as it is shown: sections, then one block per
        question (competence items gather their ratings under one heading)."""
        result: list[SectionView] = []
        current_section: int | None = None
        current_question: int | None = None
        for slot in self.slots:
            question = slot.question
            if question.section_id != current_section:
                current_section = question.section_id
                result.append(SectionView(question.section.translated("title", self.language)))
            section = result[-1]
            item = question.item
            if question.pk != current_question or item.kind != Item.Kind.COMPETENCE:
                current_question = question.pk
                text = item.translated("text", self.language)
                if question.required and item.kind == Item.Kind.EVIDENCE:
                    text = _("%(label)s (required)") % {"label": text}
                section.blocks.append(
                    Block(
                        kind=item.kind,
                        question=text,
                        help_text=item.translated("help_text", self.language),
                        required=question.required,
                    )
                )
            block = section.blocks[-1]
            block.fields.append(self[slot.name])
            if item.kind == Item.Kind.EVIDENCE:
                block.link = self[f"{slot.name}_link"]
                block.choose_again = bool(
                    self.is_bound and self.errors and self.files.get(slot.name)
                )
                if f"{slot.name}_remove" in self.fields:
                    block.remove = self[f"{slot.name}_remove"]
                    previous = self.existing(slot)
                    block.attached = previous.file.name.rsplit("/", 1)[-1] if previous else ""
        return result

    # --- checking ----------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for slot in self.slots:
            if slot.question.item.kind == Item.Kind.EVIDENCE:
                self._check_upload(slot.name)
        if self.submit:
            for slot in self.slots:
                if (
                    slot.question.required
                    and slot.name not in self.errors
                    and _empty(self._value(slot))
                ):
                    self.add_error(slot.name, _("Please answer this question."))
        return cleaned

    def _check_upload(self, name: str) -> None:
        upload = self.cleaned_data.get(name)
        if not upload:
            return
        limit = settings.ATTACHMENT_MAX_BYTES
        if upload.size > limit:
            self.add_error(
                name,
                _("The file is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(upload.size / 1048576, 1), "limit": limit // 1048576},
            )
            return
        try:
            sniffed = sniff(upload)
        except UnsupportedFile:
            self.add_error(
                name,
                _(
                    "Upload an image (JPEG, PNG, WebP, GIF) or a document (PDF, Word, Excel, "
                    "PowerPoint, OpenDocument). Other files, such as SVG or web pages, are refused."
                ),
            )
            return
        # Stored under a name nobody can guess, with the extension of what it really is.
        upload.name = f"{secrets.token_urlsafe(12)}.{sniffed.extension}"

    def _value(self, slot: Slot) -> Any:
        name = slot.name
        kind = slot.question.item.kind
        value = self.cleaned_data.get(name)
        if kind in (Item.Kind.LIKERT, Item.Kind.COMPETENCE):
            return int(value) if value else None
        if kind == Item.Kind.MULTI_CHOICE:
            return list(value or [])
        if kind == Item.Kind.EVIDENCE:
            if value:
                return value
            kept = self.kept_file(slot)
            if kept:
                return _kept_file(kept)
            return self.cleaned_data.get(f"{name}_link") or ""
        if kind == Item.Kind.TEXT:
            return (value or "").strip()
        return value if value is not None else None

    def kept_file(self, slot: Slot) -> str:
        """The name of the file already attached to ``slot`` that stays."""
        previous = self.existing(slot)
        if previous is None or not previous.file:
            return ""
        if self.cleaned_data.get(slot.name) or self.cleaned_data.get(f"{slot.name}_remove"):
            return ""
        return str(previous.file.name)

    # --- results -----------------------------------------------------------------------

    def values(self) -> dict[Slot, Any]:
        """What ``services.save_answers`` stores, per slot."""
        return {slot: self._value(slot) for slot in self.slots}

    def evidence_links(self) -> dict[tuple[int, str, str], str]:
        """Links given next to a file: ``save_answers`` keeps the file, these
        are written on the same answer afterwards."""
        links = {}
        for slot in self.slots:
            if slot.question.item.kind != Item.Kind.EVIDENCE:
                continue
            link = self.cleaned_data.get(f"{slot.name}_link") or ""
            has_file = bool(self.cleaned_data.get(slot.name)) or bool(self.kept_file(slot))
            if link and has_file:
                links[(slot.question.item_id, slot.competence, slot.variant)] = link
        return links

    def replaced_files(self) -> list[str]:
        """Stored files this save drops (replaced or removed)."""
        names = []
        for slot in self.slots:
            if slot.question.item.kind != Item.Kind.EVIDENCE:
                continue
            previous = self.existing(slot)
            if previous is not None and previous.file and not self.kept_file(slot):
                names.append(str(previous.file.name))
        return names


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


# --- the coordinators' list --------------------------------------------------------------


class InvitationFilterForm(forms.Form):
    organisation = forms.ChoiceField(label=gettext_lazy("Sending organisation"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *Invitation.Status.choices],
    )
    wave = forms.ChoiceField(
        label=gettext_lazy("Wave"),
        required=False,
        choices=[("", gettext_lazy("All")), *Wave.choices],
    )

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All my organisations")), *organisations]
