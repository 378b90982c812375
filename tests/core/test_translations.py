"""English and French are complete: every message has a French translation,
and the compiled catalogue the application loads matches the source."""

import gettext
import re
from pathlib import Path

import mobinnov

LOCALE = Path(mobinnov.__file__).parent / "locale" / "fr" / "LC_MESSAGES"


def _entries(po_text: str) -> list[dict[str, str]]:
    """A small .po reader: msgid (with context and plural) -> msgstr(s)."""
    entries, current, key = [], {}, None
    for line in [*po_text.splitlines(), ""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, key = {}, None
            continue
        if line.startswith("#,"):
            current["flags"] = line
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
        if match:
            key = match.group(1)
            current[key] = match.group(2)
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
    return entries


def test_every_french_message_is_translated_and_not_fuzzy():
    entries = [
        e for e in _entries((LOCALE / "django.po").read_text(encoding="utf-8")) if e.get("msgid")
    ]
    assert len(entries) > 200
    untranslated = [
        e["msgid"] for e in entries if not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", "")]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_survive_translation():
    entries = [
        e for e in _entries((LOCALE / "django.po").read_text(encoding="utf-8")) if e.get("msgid")
    ]
    for entry in entries:
        expected = set(re.findall(r"%\(\w+\)s", entry["msgid"] + entry.get("msgid_plural", "")))
        for key, value in entry.items():
            if key.startswith("msgstr"):
                assert set(re.findall(r"%\(\w+\)s", value)) <= expected, entry["msgid"]
                if not entry.get("msgid_plural"):
                    assert set(re.findall(r"%\(\w+\)s", value)) == expected, entry["msgid"]


def test_the_compiled_catalogue_is_up_to_date():
    with (LOCALE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    missing = []
    for entry in _entries((LOCALE / "django.po").read_text(encoding="utf-8")):
        msgid = entry.get("msgid")
        if not msgid or "msgid_plural" in entry:
            continue
        source = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if "msgctxt" in entry:
            context = (
                entry["msgctxt"].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            )
            translated = compiled.pgettext(context, source)
        else:
            translated = compiled.gettext(source)
        if translated == source and entry.get("msgstr") != msgid:
            missing.append(msgid)
    assert missing == [], "run `make messages` to recompile the catalogue"
