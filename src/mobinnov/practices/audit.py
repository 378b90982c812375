"""Workflow changes of practices are recorded in the audit log."""

from auditlog.registry import auditlog

from mobinnov.practices.models import LabelRule, Practice, Review, RubricCriterion

auditlog.register(Practice, include_fields=["status", "is_public", "label", "host", "slug"])
auditlog.register(Review, include_fields=["reviewer", "scores", "submitted_at"])
auditlog.register(RubricCriterion)
auditlog.register(LabelRule)
