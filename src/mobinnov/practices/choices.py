"""Closed lists of the fact-sheet template (shared/domain/factsheet-template.md).

Labels are translated through the interface catalogues; the codes are what
the database, the exports and the API carry.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    PILOT = "pilot", _("Pilot")
    IMPLEMENTED = "implemented", _("Implemented")
    MAINSTREAMED = "mainstreamed", _("Mainstreamed")
    DISCONTINUED = "discontinued", _("Discontinued")


class VetType(models.TextChoices):
    IVET = "ivet", _("Initial VET")
    CVET = "cvet", _("Continuing VET")
    BOTH = "both", _("Initial and continuing VET")


class TargetGroup(models.TextChoices):
    IVET_LEARNERS = "ivet_learners", _("Learners in initial VET")
    APPRENTICES = "apprentices", _("Apprentices")
    ADULT_LEARNERS = "adult_learners", _("Adult learners")
    FEWER_OPPORTUNITIES = "fewer_opportunities", _("Learners with fewer opportunities")
    TEACHERS = "teachers", _("Teachers and trainers")
    TUTORS = "tutors", _("In-company tutors")
    LEADERS = "leaders", _("Managers of VET providers")
    COMPANIES = "companies", _("Companies and employers")


class EvaluationLevel(models.IntegerChoices):
    """Kirkpatrick levels (shared/domain/impact-evaluation.md)."""

    REACTION = 1, _("1 Reaction")
    LEARNING = 2, _("2 Learning")
    BEHAVIOUR = 3, _("3 Behaviour")
    RESULTS = 4, _("4 Results")


class Label(models.TextChoices):
    EXPERIENCE = "experience", _("Experience")
    PROMISING = "promising_practice", _("Promising practice")
    GOOD = "good_practice", _("Good practice")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", _("CC BY 4.0 (reuse with attribution)")
    CC_BY_SA = "CC-BY-SA-4.0", _("CC BY-SA 4.0 (share alike)")
    CC_BY_NC = "CC-BY-NC-4.0", _("CC BY-NC 4.0 (non-commercial)")
    ALL_RIGHTS = "all-rights-reserved", _("All rights reserved")
