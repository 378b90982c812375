"""Changes to these models are recorded in the audit log (django-auditlog)."""

from auditlog.registry import auditlog

from mobinnov.excellence.models import Cluster, Definition, FieldOfExcellence

auditlog.register(Cluster)
auditlog.register(FieldOfExcellence)
auditlog.register(Definition)
