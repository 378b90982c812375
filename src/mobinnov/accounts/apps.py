from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "mobinnov.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from mobinnov.accounts import audit  # noqa: F401  (registers User with auditlog)
