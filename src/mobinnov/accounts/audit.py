"""Role changes of people are recorded in the audit log (never their password)."""

from auditlog.registry import auditlog

from mobinnov.accounts.models import User

auditlog.register(
    User, include_fields=["email", "full_name", "is_network_admin", "is_editor", "is_active"]
)
