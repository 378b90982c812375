from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "mobinnov.network"
    label = "network"
    verbose_name = _("Partner network")

    def ready(self) -> None:
        from mobinnov.network import audit, permissions  # noqa: F401  (registrations)
