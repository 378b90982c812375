from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilityConfig(AppConfig):
    name = "mobinnov.mobility"
    label = "mobility"
    verbose_name = _("Staff mobility")

    def ready(self) -> None:
        from mobinnov.mobility import permissions  # noqa: F401  (registrations)
