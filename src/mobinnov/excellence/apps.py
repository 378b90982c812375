from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExcellenceConfig(AppConfig):
    name = "mobinnov.excellence"
    label = "excellence"
    verbose_name = _("Excellence framework")

    def ready(self) -> None:
        from mobinnov.excellence import audit, permissions  # noqa: F401  (registrations)
