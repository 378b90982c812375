"""The common fact-sheet template as data: one definition drives the form,
the completeness indicator, revisions and their diff, translations, exports
and imports (shared/domain/factsheet-template.md).

``translatable`` text fields are those a translation covers; the others
(codes, numbers, dates, links) are the same in every language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class TemplateField:
    name: str
    label: Promise
    kind: str  # text | longtext | choice | multichoice | int | date | url | urls | keywords
    section: Promise
    required: bool = False
    max_length: int | None = None
    translatable: bool = False
    help_text: Promise | str = ""
    choices_from: str = ""  # name of a choices source (see forms.choice_sources)
    extra: dict[str, object] = field(default_factory=dict)


IDENTIFICATION = _("Identification")
CONTENT = _("Content")
EVIDENCE = _("Evidence")
TRANSFER = _("Transfer")
VISITORS = _("For visitors")
META = _("Contact and reuse")

FIELDS: tuple[TemplateField, ...] = (
    TemplateField(
        "title",
        _("Title"),
        "text",
        IDENTIFICATION,
        required=True,
        max_length=200,
        translatable=True,
    ),
    TemplateField(
        "summary",
        _("Short summary"),
        "longtext",
        IDENTIFICATION,
        required=True,
        max_length=500,
        translatable=True,
        help_text=_("At most 500 characters: what it is and why it works."),
    ),
    TemplateField(
        "other_organisations",
        _("Other organisations involved"),
        "longtext",
        IDENTIFICATION,
        max_length=1000,
    ),
    TemplateField("city", _("City (if not the host's)"), "text", IDENTIFICATION, max_length=120),
    TemplateField(
        "sectors",
        _("Sectors"),
        "multichoice",
        IDENTIFICATION,
        required=True,
        choices_from="sectors",
    ),
    TemplateField(
        "eqf_levels",
        _("EQF levels"),
        "multichoice",
        IDENTIFICATION,
        required=True,
        choices_from="eqf",
        help_text=_("European Qualifications Framework levels 1 to 8."),
    ),
    TemplateField(
        "vet_type",
        _("Initial or continuing VET"),
        "choice",
        IDENTIFICATION,
        required=True,
        choices_from="vet_type",
    ),
    TemplateField(
        "fields",
        _("Fields of excellence"),
        "multichoice",
        IDENTIFICATION,
        required=True,
        choices_from="fields",
        help_text=_("At least one, from the network's framework."),
    ),
    TemplateField(
        "keywords",
        _("Keywords"),
        "keywords",
        IDENTIFICATION,
        max_length=300,
        translatable=True,
        help_text=_("Separated by commas."),
    ),
    TemplateField(
        "stage", _("Stage"), "choice", IDENTIFICATION, required=True, choices_from="stage"
    ),
    TemplateField("start_date", _("Start date"), "date", IDENTIFICATION, required=True),
    TemplateField(
        "end_date",
        _("End date"),
        "date",
        IDENTIFICATION,
        help_text=_("Only when the practice has ended."),
    ),
    TemplateField(
        "context",
        _("Context: the problem or need addressed"),
        "longtext",
        CONTENT,
        required=True,
        max_length=4000,
        translatable=True,
    ),
    TemplateField(
        "objectives",
        _("Objectives"),
        "longtext",
        CONTENT,
        required=True,
        max_length=4000,
        translatable=True,
    ),
    TemplateField(
        "target_groups",
        _("Target groups"),
        "multichoice",
        CONTENT,
        required=True,
        choices_from="target_groups",
    ),
    TemplateField(
        "people_reached",
        _("Number of learners or staff reached"),
        "int",
        CONTENT,
        extra={"min": 0, "max": 10_000_000},
    ),
    TemplateField(
        "description",
        _("Description: activities, method, steps"),
        "longtext",
        CONTENT,
        required=True,
        max_length=10000,
        translatable=True,
        help_text=_("Markdown is allowed: lists, bold, links."),
    ),
    TemplateField(
        "resources",
        _("Resources needed"),
        "longtext",
        CONTENT,
        required=True,
        max_length=4000,
        translatable=True,
        help_text=_("Staff time, equipment, costs, funding source."),
    ),
    TemplateField(
        "stakeholders",
        _("Stakeholders involved"),
        "longtext",
        CONTENT,
        max_length=4000,
        translatable=True,
    ),
    TemplateField(
        "evaluation",
        _("How it was evaluated"),
        "longtext",
        EVIDENCE,
        required=True,
        max_length=4000,
        translatable=True,
        help_text=_("Who evaluated it, when and how."),
    ),
    TemplateField(
        "results",
        _("Results"),
        "longtext",
        EVIDENCE,
        required=True,
        max_length=4000,
        translatable=True,
        help_text=_("Outputs, outcomes and impact, with figures where they exist."),
    ),
    TemplateField(
        "evaluation_level",
        _("Highest evaluation level reached"),
        "choice",
        EVIDENCE,
        choices_from="evaluation_level",
    ),
    TemplateField(
        "transfer_conditions",
        _("Conditions for transfer and adaptations needed"),
        "longtext",
        TRANSFER,
        required=True,
        max_length=4000,
        translatable=True,
    ),
    TemplateField(
        "lessons_learned",
        _("Difficulties met and lessons learned"),
        "longtext",
        TRANSFER,
        max_length=4000,
        translatable=True,
    ),
    TemplateField(
        "visitor_activities",
        _("What a visiting staff member can observe or do"),
        "longtext",
        VISITORS,
        max_length=4000,
        translatable=True,
    ),
    TemplateField(
        "visitor_outcomes",
        _("Expected learning outcomes for a visitor"),
        "longtext",
        VISITORS,
        max_length=4000,
        translatable=True,
    ),
    TemplateField(
        "can_host",
        _("We can host visitors for this practice"),
        "choice",
        VISITORS,
        choices_from="yes_no",
    ),
    TemplateField(
        "visit_languages",
        _("Languages in which visits can be hosted"),
        "multichoice",
        VISITORS,
        choices_from="languages",
    ),
    TemplateField("contact_name", _("Contact person"), "text", META, required=True, max_length=150),
    TemplateField(
        "contact_email", _("Contact e-mail"), "email", META, required=True, max_length=254
    ),
    TemplateField(
        "links",
        _("Links (videos, websites)"),
        "urls",
        META,
        max_length=2000,
        help_text=_("One address per line."),
    ),
    TemplateField(
        "licence", _("Licence for reuse"), "choice", META, required=True, choices_from="licence"
    ),
)

BY_NAME = {f.name: f for f in FIELDS}
REQUIRED = tuple(f.name for f in FIELDS if f.required)
TRANSLATABLE = tuple(f.name for f in FIELDS if f.translatable)
SECTIONS = tuple(dict.fromkeys(f.section for f in FIELDS))
# Text that full-text search reads, in every language.
SEARCHED = ("title", "summary", "description", "keywords")


def is_filled(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | set | dict):
        return bool(value)
    return True


def completeness(content: dict[str, object]) -> tuple[int, list[str]]:
    """Percentage of required fields filled, and the names of those missing."""
    missing = [name for name in REQUIRED if not is_filled(content.get(name))]
    filled = len(REQUIRED) - len(missing)
    return round(100 * filled / len(REQUIRED)), missing
