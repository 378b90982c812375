from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "mobinnov.practices"
    label = "practices"
    verbose_name = _("Innovative practices")

    def ready(self) -> None:
        from mobinnov.practices import audit, permissions  # noqa: F401  (registrations)
