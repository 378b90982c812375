"""Languages people work in (not only the interface languages).

The 24 official EU languages plus the languages of the Erasmus+ programme
countries outside the EU that VET networks commonly meet (Icelandic,
Norwegian, Turkish, Macedonian, Serbian). Codes are ISO 639-1.
"""

from django.utils.translation import gettext_lazy as _

WORKING_LANGUAGES = [
    ("bg", _("Bulgarian")),
    ("cs", _("Czech")),
    ("da", _("Danish")),
    ("de", _("German")),
    ("el", _("Greek")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("et", _("Estonian")),
    ("fi", _("Finnish")),
    ("fr", _("French")),
    ("ga", _("Irish")),
    ("hr", _("Croatian")),
    ("hu", _("Hungarian")),
    ("is", _("Icelandic")),
    ("it", _("Italian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("mk", _("Macedonian")),
    ("mt", _("Maltese")),
    ("nl", _("Dutch")),
    ("no", _("Norwegian")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("sk", _("Slovak")),
    ("sl", _("Slovenian")),
    ("sr", _("Serbian")),
    ("sv", _("Swedish")),
    ("tr", _("Turkish")),
]
WORKING_LANGUAGE_CODES = frozenset(code for code, _name in WORKING_LANGUAGES)
