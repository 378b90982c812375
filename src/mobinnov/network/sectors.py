"""Sectors of organisations: the narrow fields of ISCED-F 2013.

Source: UNESCO Institute for Statistics, "ISCED Fields of Education and
Training 2013 (ISCED-F 2013)", 2014, ISBN 978-92-9189-150-4. The Erasmus+
reporting tools classify fields of education with the same codes. The codes
are data (stored in the Sector table by a data migration); the names are
translated through the interface catalogues.
"""

from django.utils.translation import gettext_lazy as _

ISCED_F_2013_NARROW = [
    ("001", _("Basic programmes and qualifications")),
    ("011", _("Education")),
    ("021", _("Arts")),
    ("022", _("Humanities")),
    ("023", _("Languages")),
    ("031", _("Social and behavioural sciences")),
    ("032", _("Journalism and information")),
    ("041", _("Business and administration")),
    ("042", _("Law")),
    ("051", _("Biological and related sciences")),
    ("052", _("Environment")),
    ("053", _("Physical sciences")),
    ("054", _("Mathematics and statistics")),
    ("061", _("Information and communication technologies")),
    ("071", _("Engineering and engineering trades")),
    ("072", _("Manufacturing and processing")),
    ("073", _("Architecture and construction")),
    ("081", _("Agriculture")),
    ("082", _("Forestry")),
    ("083", _("Fisheries")),
    ("084", _("Veterinary")),
    ("091", _("Health")),
    ("092", _("Welfare")),
    ("101", _("Personal services (hospitality, tourism, hair and beauty)")),
    ("102", _("Hygiene and occupational health services")),
    ("103", _("Security services")),
    ("104", _("Transport services")),
]
SECTOR_NAMES = dict(ISCED_F_2013_NARROW)
