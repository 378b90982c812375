"""Editors' forms for the item bank and the instruments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField, formset_factory
from django.utils.translation import gettext_lazy as _

from mobinnov.impact import instruments as services
from mobinnov.impact.models import Instrument, Item, Level
from mobinnov.mobility.models import ACTIVITY_FORMATS

TEXTAREA = {"rows": 3}


class ItemFilterForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=[("", _("All levels")), *Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Question type"), choices=[("", _("All types")), *Item.Kind.choices], required=False
    )


def parse_choices(text: str) -> list[dict[str, str]]:
    """One choice a line, "value | label"."""
    rows: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        value, separator, label = line.partition("|")
        value, label = value.strip(), label.strip()
        if not separator or not label:
            raise ValidationError(
                _("Line %(number)s: write the value, a | sign, then the label.")
                % {"number": number}
            )
        if not services.CHOICE_VALUE_PATTERN.match(value) or len(value) > 40:
            raise ValidationError(
                _(
                    "Line %(number)s: the value “%(value)s” must be short, in lowercase letters, "
                    "digits and hyphens."
                )
                % {"number": number, "value": value}
            )
        if any(row["value"] == value for row in rows):
            raise ValidationError(
                _("Line %(number)s: the value “%(value)s” is used twice.")
                % {"number": number, "value": value}
            )
        rows.append({"value": value, "label": label})
    return rows


def choices_text(rows: list[dict[str, Any]], labels: dict[str, str] | None = None) -> str:
    """The textarea text of ``rows``; with ``labels``, those labels (a translation)."""
    if labels is None:
        return "\n".join(f"{row['value']} | {row['label']}" for row in rows)
    return "\n".join(f"{row['value']} | {labels.get(row['value'], '')}" for row in rows)


class ItemForm(forms.Form):
    """An item of the bank in English and French. ``item`` None: a new item."""

    code = forms.CharField(
        label=_("Code"),
        max_length=60,
        help_text=_(
            "A stable identifier in lowercase letters, digits and hyphens, e.g. t2-use-frequency. "
            "It cannot change later: dashboards and reports refer to it."
        ),
    )
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs=TEXTAREA))
    help_text = forms.CharField(
        label=_("Help shown under the question"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    construct = forms.CharField(
        label=_("Construct"),
        max_length=60,
        help_text=_(
            "What the item measures, in lowercase words joined by _ (e.g. reaction, "
            "transfer_climate). Dashboards group items by construct."
        ),
    )
    level = forms.TypedChoiceField(label=_("Kirkpatrick level"), choices=Level.choices, coerce=int)
    kind = forms.ChoiceField(label=_("Question type"), choices=Item.Kind.choices)
    asks_then = forms.BooleanField(
        label=_("Also ask the level before the mobility, looking back (competence ratings at T1)"),
        required=False,
    )
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    choices = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_(
            "For one-choice and several-choice questions: one choice a line, written "
            "value | label, e.g. “never | Never”."
        ),
    )
    text_fr = forms.CharField(label=_("Question (French)"), widget=forms.Textarea(attrs=TEXTAREA))
    help_text_fr = forms.CharField(
        label=_("Help (French)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    choices_fr = forms.CharField(
        label=_("Choices (French)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("The same values as in English, each with its French label."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, item: Item | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        for number in range(1, services.ANCHOR_COUNT + 1):
            label: Any
            if number == 1:
                label = _("Anchor 1 (lowest)")
            elif number == services.ANCHOR_COUNT:
                label = _("Anchor %(number)s (highest)") % {"number": number}
            else:
                label = _("Anchor %(number)s") % {"number": number}
            self.fields[f"anchor_{number}"] = forms.CharField(
                label=label, max_length=100, required=False
            )
            self.fields[f"anchor_fr_{number}"] = forms.CharField(
                label=_("Anchor %(number)s (French)") % {"number": number},
                max_length=100,
                required=False,
            )
        if item is not None:
            del self.fields["code"]
            if not self.is_bound:
                self.initial.update(initial_from_item(item))

    def groups(self) -> list[tuple[str, list[BoundField]]]:
        """The fields in fieldsets, for the template."""
        names = range(1, services.ANCHOR_COUNT + 1)
        groups = [
            (
                _("The question"),
                ["code", "text", "help_text", "construct", "level", "kind", "asks_then", "source"],
            ),
            (
                _("Scale anchors (agreement scales and competence ratings)"),
                [f"anchor_{n}" for n in names],
            ),
            (_("Choices (one choice or several choices)"), ["choices"]),
            (
                _("French"),
                ["text_fr", "help_text_fr", *(f"anchor_fr_{n}" for n in names), "choices_fr"],
            ),
        ]
        return [
            (str(legend), [self[name] for name in fields if name in self.fields])
            for legend, fields in groups
        ]

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"]).strip()
        if not services.CODE_PATTERN.match(code):
            raise ValidationError(_("Use lowercase letters, digits and single hyphens only."))
        return code

    def clean_construct(self) -> str:
        construct = str(self.cleaned_data["construct"]).strip()
        if not services.CONSTRUCT_PATTERN.match(construct):
            raise ValidationError(
                _("Use lowercase words joined by _ (letters, digits and _ only).")
            )
        return construct

    def clean_choices(self) -> list[dict[str, str]]:
        return parse_choices(self.cleaned_data.get("choices", ""))

    def clean_choices_fr(self) -> list[dict[str, str]]:
        return parse_choices(self.cleaned_data.get("choices_fr", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        names = range(1, services.ANCHOR_COUNT + 1)
        anchors: list[str] = []
        anchors_fr: list[str] = []
        if kind in services.SCALE_KINDS:
            for number in names:
                for prefix, target in (("anchor_", anchors), ("anchor_fr_", anchors_fr)):
                    value = str(cleaned.get(f"{prefix}{number}", "")).strip()
                    if not value:
                        self.add_error(
                            f"{prefix}{number}", _("Every anchor is needed for a scale.")
                        )
                    target.append(value)
        choices: list[dict[str, str]] = []
        labels_fr: dict[str, str] = {}
        if kind in services.CHOICE_KINDS and "choices" in cleaned:
            choices = cleaned["choices"]
            if len(choices) < 2:
                self.add_error("choices", _("Give at least two choices."))
            if "choices_fr" in cleaned:
                labels_fr = {row["value"]: row["label"] for row in cleaned["choices_fr"]}
                if set(labels_fr) != {row["value"] for row in choices}:
                    self.add_error(
                        "choices_fr",
                        _("Give a French label for each English choice value, and no other value."),
                    )
        help_text = str(cleaned.get("help_text", "")).strip()
        help_fr = str(cleaned.get("help_text_fr", "")).strip()
        if help_text and not help_fr:
            self.add_error("help_text_fr", _("Translate the help into French too."))
        if cleaned.get("asks_then") and kind != Item.Kind.COMPETENCE:
            self.add_error("asks_then", _("Only competence ratings ask the level before."))
        old_translations = dict(self.item.translations or {}) if self.item else {}
        fr: dict[str, Any] = {"text": str(cleaned.get("text_fr", "")).strip()}
        if help_fr:
            fr["help_text"] = help_fr
        if anchors_fr:
            fr["anchors"] = anchors_fr
        if labels_fr:
            fr["choices"] = labels_fr
        old_translations["fr"] = fr
        cleaned["values"] = {
            "construct": cleaned.get("construct", ""),
            "level": cleaned.get("level"),
            "kind": kind,
            "text": str(cleaned.get("text", "")).strip(),
            "help_text": help_text,
            "anchors": anchors,
            "choices": choices,
            "asks_then": bool(cleaned.get("asks_then")) and kind == Item.Kind.COMPETENCE,
            "source": str(cleaned.get("source", "")).strip(),
            "translations": old_translations,
        }
        return cleaned


def initial_from_item(item: Item) -> dict[str, Any]:
    fr = (item.translations or {}).get("fr", {})
    initial: dict[str, Any] = {
        "text": item.text,
        "help_text": item.help_text,
        "construct": item.construct,
        "level": item.level,
        "kind": item.kind,
        "asks_then": item.asks_then,
        "source": item.source,
        "choices": choices_text(item.choices),
        "text_fr": fr.get("text", ""),
        "help_text_fr": fr.get("help_text", ""),
        "choices_fr": choices_text(item.choices, fr.get("choices") or {}),
        "version": item.version,
    }
    for number, anchor in enumerate(item.anchors or [], start=1):
        initial[f"anchor_{number}"] = anchor
    for number, anchor in enumerate(fr.get("anchors") or [], start=1):
        initial[f"anchor_fr_{number}"] = anchor
    return initial


# --- instruments ---------------------------------------------------------------------


class InstrumentHeaderForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    introduction_fr = forms.CharField(
        label=_("Introduction (French)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    # The fingerprint of the instrument when the form was opened.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            str(cleaned.get("introduction", "")).strip()
            and not str(cleaned.get("introduction_fr", "")).strip()
        ):
            self.add_error("introduction_fr", _("Translate the introduction into French too."))
        return cleaned


class SectionForm(forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("Section title"), max_length=200, required=False)
    title_fr = forms.CharField(label=_("Section title (French)"), max_length=200, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=1, max_value=99, required=False)
    remove = forms.BooleanField(label=_("Remove this section"), required=False)


class QuestionForm(forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    section = forms.ChoiceField(label=_("Section"), required=False)
    item = forms.ChoiceField(label=_("Item"), required=False)
    position = forms.IntegerField(
        label=_("Order in its section"), min_value=1, max_value=99, required=False
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    activity_types = forms.MultipleChoiceField(
        label=_("Ask only after these activity types (none ticked: always ask)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    remove = forms.BooleanField(label=_("Remove this question"), required=False)

    def __init__(
        self,
        *args: Any,
        sections: list[tuple[str, str]],
        items: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        section_field: Any = self.fields["section"]
        section_field.choices = sections
        item_field: Any = self.fields["item"]
        item_field.choices = [("", _("Choose an item")), *items]
        activity_field: Any = self.fields["activity_types"]
        activity_field.choices = [(str(f.value), f.label) for f in ACTIVITY_FORMATS]


SectionFormSet = formset_factory(SectionForm, extra=1, max_num=50, absolute_max=60)
QuestionFormSet = formset_factory(QuestionForm, extra=3, max_num=200, absolute_max=220)


def _item_label(item: Item) -> str:
    text = item.translated("text")
    return f"{item.code} — {text[:80]}{'…' if len(text) > 80 else ''}"


class InstrumentEditor:
    """The header form, one form per section (and one to add a section) and one
    per question (and three to add questions), checked together."""

    def __init__(self, instrument: Instrument, data: Any = None) -> None:
        self.instrument = instrument
        self.current = services.plan_from(instrument)
        fr = (instrument.translations or {}).get("fr", {})
        self.header = InstrumentHeaderForm(
            data,
            initial={
                "title": instrument.title,
                "title_fr": fr.get("title", ""),
                "introduction": instrument.introduction,
                "introduction_fr": fr.get("introduction", ""),
                "version": services.structure_stamp(instrument),
            },
        )
        self.sections = SectionFormSet(
            data,
            prefix="section",
            initial=[
                {"pk": s.pk, "title": s.title, "title_fr": s.title_fr, "position": index + 1}
                for index, s in enumerate(self.current.sections)
            ],
        )
        count = len(self.current.sections)
        section_choices = [("", str(_("Choose a section")))]
        section_choices += [
            (str(index), f"{index + 1}. {section.title}")
            for index, section in enumerate(self.current.sections)
        ]
        section_choices.append((str(count), str(_("The new section (if you add one)"))))
        self.items = {str(item.pk): item for item in Item.objects.order_by("level", "code")}
        question_initial = []
        for index, section in enumerate(self.current.sections):
            for position, question in enumerate(section.questions, start=1):
                question_initial.append(
                    {
                        "pk": question.pk,
                        "section": str(index),
                        "item": str(question.item.pk),
                        "position": position,
                        "required": question.required,
                        "activity_types": list(question.activity_types),
                    }
                )
        self.questions = QuestionFormSet(
            data,
            prefix="question",
            initial=question_initial,
            form_kwargs={
                "sections": section_choices,
                "items": [(pk, _item_label(item)) for pk, item in self.items.items()],
            },
        )
        self._plan: services.InstrumentPlan | None = None

    # --- layout for the template ---

    def existing_sections(self) -> list[tuple[Any, list[Any]]]:
        """Each existing section's form with the forms of its questions."""
        count = len(self.current.sections)
        layout: list[tuple[Any, list[Any]]] = [(form, []) for form in self.sections.forms[:count]]
        for form in self.questions.forms[: self.questions.initial_form_count()]:
            index = int(form.initial.get("section", 0))
            item = self.items.get(str(form.initial.get("item")))
            layout[index][1].append((form, item.code if item else ""))
        return layout

    def new_questions(self) -> list[Any]:
        return list(self.questions.forms[self.questions.initial_form_count() :])

    def new_sections(self) -> list[Any]:
        return list(self.sections.forms[self.sections.initial_form_count() :])

    def has_errors(self) -> bool:
        return bool(
            self.header.errors
            or any(self.sections.errors)
            or any(self.questions.errors)
            or self.sections.non_form_errors()
            or self.questions.non_form_errors()
        )

    # --- checking ---

    def is_valid(self) -> bool:
        valid = all([self.header.is_valid(), self.sections.is_valid(), self.questions.is_valid()])
        if not valid:
            return False
        expected_sections = len(self.current.sections)
        expected_questions = sum(len(section.questions) for section in self.current.sections)
        if (
            self.sections.initial_form_count() != expected_sections
            or self.sections.total_form_count() < expected_sections
            or self.questions.initial_form_count() != expected_questions
            or self.questions.total_form_count() < expected_questions
        ):
            self.header.add_error(None, _("This form is out of date. Reload the page."))
            return False
        plan = self._build_plan()
        if self.has_errors() or plan is None:
            return False
        self._plan = plan
        return True

    def _build_plan(self) -> services.InstrumentPlan | None:
        header = self.header.cleaned_data
        initial_sections = self.sections.initial_form_count()
        kept: dict[int, tuple[tuple[int, int, int], services.SectionPlan]] = {}
        removed: set[int] = set()
        for index, section_form in enumerate(self.sections.forms):
            data = section_form.cleaned_data
            is_new = index >= initial_sections
            if is_new and not section_form.has_changed():
                continue
            if data.get("remove") and not is_new:
                removed.add(index)
                continue
            title = str(data.get("title") or "").strip()
            title_fr = str(data.get("title_fr") or "").strip()
            if not title:
                section_form.add_error("title", _("Give the section a title."))
            if not title_fr:
                section_form.add_error("title_fr", _("Give the section a French title."))
            pk = None if is_new else self.current.sections[index].pk
            kept[index] = (
                _sort_key(section_form, index, index + 1),
                services.SectionPlan(title, title_fr, pk=pk),
            )
        seen_items: set[str] = set()
        rows: dict[int, list[tuple[tuple[int, int, int], services.QuestionPlan]]] = {}
        initial_questions = self.questions.initial_form_count()
        existing_pks = [q.pk for s in self.current.sections for q in s.questions]
        for index, form in enumerate(self.questions.forms):
            data = form.cleaned_data
            is_new = index >= initial_questions
            if is_new and not form.has_changed():
                continue
            if data.get("remove") and not is_new:
                continue
            item = self.items.get(str(data.get("item") or ""))
            if item is None:
                form.add_error("item", _("Choose the item to ask."))
                continue
            if str(item.pk) in seen_items:
                form.add_error("item", _("This item is already asked in this instrument."))
            seen_items.add(str(item.pk))
            section_value = str(data.get("section") or "")
            if not section_value.isdigit():
                form.add_error("section", _("Choose a section."))
                continue
            section_index = int(section_value)
            if section_index in removed:
                form.add_error(
                    "section", _("This section is being removed: move the question or remove it.")
                )
                continue
            if section_index not in kept:
                form.add_error("section", _("Add the new section below, with its titles, first."))
                continue
            rows.setdefault(section_index, []).append(
                (
                    _sort_key(form, index, 99),
                    services.QuestionPlan(
                        item=item,
                        required=bool(data.get("required")),
                        activity_types=list(data.get("activity_types") or []),
                        pk=None if is_new else existing_pks[index],
                    ),
                )
            )
        for index, (_key, section) in kept.items():
            section.questions = [plan for _k, plan in sorted(rows.get(index, []), key=_first)]
            if not section.questions:
                self.sections.forms[index].add_error(
                    "title" if index >= initial_sections else "remove",
                    _("This section has no question: add one or remove the section."),
                )
        if not kept:
            self.sections.forms[0].add_error(None, _("An instrument needs at least one section."))
        if self.has_errors():
            return None
        ordered = [section for _k, section in sorted(kept.values(), key=_first)]
        return services.InstrumentPlan(
            title=str(header["title"]).strip(),
            title_fr=str(header["title_fr"]).strip(),
            introduction=str(header.get("introduction") or "").strip(),
            introduction_fr=str(header.get("introduction_fr") or "").strip(),
            sections=ordered,
        )

    @property
    def plan(self) -> services.InstrumentPlan:
        assert self._plan is not None, "call is_valid() first"
        return self._plan

    @property
    def stamp(self) -> str:
        return str(self.header.cleaned_data.get("version") or "")

    def add_errors(self, errors: dict[str | None, list[str]]) -> None:
        for messages in errors.values():
            for message in messages:
                self.header.add_error(None, message)

    def conflict(self, stamp: str, message: str) -> None:
        """Someone saved in between: keep the input, carry the new fingerprint."""
        self.header.add_error(None, message)
        data: Any = self.header.data.copy()  # type: ignore[attr-defined]
        data["version"] = stamp
        self.header.data = data


def _sort_key(form: Any, index: int, default: int) -> tuple[int, int, int]:
    """Rows in order of their number; a row the editor gave a new number goes
    before the row that already had it; then the order of the page."""
    position = form.cleaned_data.get("position")
    if position is None:
        return (default, 1, index)
    moved = position != form.initial.get("position")
    return (position, 0 if moved else 1, index)


def _first(row: tuple[tuple[int, int, int], Any]) -> tuple[int, int, int]:
    return row[0]
