"""Changes to these models are recorded in the audit log (django-auditlog)."""

from auditlog.registry import auditlog

from mobinnov.network.models import Membership, Organisation, PartnerApplication

auditlog.register(Organisation, m2m_fields={"sectors"})
auditlog.register(Membership)
auditlog.register(PartnerApplication)
