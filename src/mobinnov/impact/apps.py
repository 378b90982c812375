from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "mobinnov.impact"
    label = "impact"
    verbose_name = _("Impact evaluation")

    def ready(self) -> None:
        from mobinnov.impact import permissions  # noqa: F401  (registrations)
