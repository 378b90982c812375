"""Open Badges 2.0 for completed mobilities (hosted verification).

A mobility that is completed (or evaluated) and whose return questionnaire
(T1) is submitted earns one badge: :func:`award` creates its
:class:`BadgeAssertion` once and returns the same one afterwards. The JSON
documents follow the Open Badges 2.0 specification
(https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html):

- the issuer profile (``type`` "Issuer") at ``/badges/issuer.json``;
- the badge class at ``/badges/class.json`` with its image ``/badges/badge.svg``;
- one hosted assertion per award at ``/badges/<uid>.json``, which answers
  410 Gone with ``{"revoked": true}`` once revoked.

The recipient is identified by the participant's e-mail address, hashed:
``identity = "sha256$" + sha256(email.lower() + salt)``, with a salt derived
from the assertion's uid (stable, published in the assertion as the
specification requires). Texts are written in the site's default language:
a hosted document must not change with the visitor's language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from email.utils import parseaddr
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mobinnov.impact.models import BadgeAssertion, Invitation, Wave

CONTEXT = "https://w3id.org/openbadges/v2"
ELIGIBLE_STATUSES = ("completed", "evaluated")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class NotEligible(Exception):
    """The mobility does not earn a badge (yet); ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def issuer_url() -> str:
    return absolute(reverse("impact:badge_issuer"))


def class_url() -> str:
    return absolute(reverse("impact:badge_class"))


def image_url() -> str:
    return absolute(reverse("impact:badge_image"))


def assertion_url(assertion: BadgeAssertion) -> str:
    return absolute(reverse("impact:badge_assertion", kwargs={"uid": assertion.uid}))


def verify_url(assertion: BadgeAssertion) -> str:
    return absolute(reverse("impact:badge_verify", kwargs={"uid": assertion.uid}))


def badge_name() -> str:
    return _("Erasmus+ staff mobility — %(network)s") % {"network": settings.NETWORK_NAME}


# --- eligibility and award ---------------------------------------------------------


def t1_submitted(mobility: Any) -> bool:
    return Invitation.objects.filter(
        mobility_id=mobility.pk, wave=Wave.T1, status=Invitation.Status.SUBMITTED
    ).exists()


def ineligibility_reason(mobility: Any, *, t1_done: bool | None = None) -> str:
    """Why ``mobility`` earns no badge ("" when it does). ``t1_done`` saves
    the query when the caller already knows whether T1 is submitted."""
    if mobility.status not in ELIGIBLE_STATUSES:
        return _("The badge is awarded once the mobility is completed.")
    if t1_done is None:
        t1_done = t1_submitted(mobility)
    if not t1_done:
        return _("The badge is awarded once the questionnaire on return (T1) is submitted.")
    if not (mobility.participant.email or "").strip():
        return _("The participant has no e-mail address to award the badge to.")
    return ""


def award(mobility: Any) -> BadgeAssertion:
    """The badge of ``mobility``, created on the first call (idempotent).
    Raises :class:`NotEligible` with the reason otherwise."""
    from mobinnov.mobility.models import Mobility

    with transaction.atomic():
        # Two clicks at the same moment: the second waits, then finds the first.
        locked = (
            Mobility.objects.select_for_update().select_related("participant").get(pk=mobility.pk)
        )
        existing = BadgeAssertion.objects.filter(mobility_id=locked.pk).first()
        if existing is not None:
            if existing.revoked:
                raise NotEligible(_("The badge of this mobility was revoked."))
            return existing
        reason = ineligibility_reason(locked)
        if reason:
            raise NotEligible(reason)
        assertion = BadgeAssertion(mobility=locked)
        assertion.recipient_identity = hashed_identity(
            locked.participant.email, salt_for(assertion)
        )
        assertion.save()
        return assertion


# --- recipient identity ------------------------------------------------------------


def salt_for(assertion: BadgeAssertion) -> str:
    return hashlib.sha256(f"mobinnov-badge-salt:{assertion.uid}".encode()).hexdigest()[:16]


def hashed_identity(email: str, salt: str) -> str:
    normalised = email.strip().lower()
    return "sha256$" + hashlib.sha256((normalised + salt).encode("utf-8")).hexdigest()


def recipient_identity(assertion: BadgeAssertion) -> str:
    """The identity frozen at issue (older assertions: the current address)."""
    return assertion.recipient_identity or hashed_identity(
        assertion.mobility.participant.email, salt_for(assertion)
    )


def identity_matches(assertion: BadgeAssertion, email: str) -> bool:
    return bool(email.strip()) and hashed_identity(email, salt_for(assertion)) == (
        recipient_identity(assertion)
    )


# --- JSON documents ----------------------------------------------------------------


def _issuer_email() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL


def issuer_json() -> dict[str, Any]:
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "@context": CONTEXT,
            "type": "Issuer",
            "id": issuer_url(),
            "name": settings.NETWORK_NAME,
            "url": settings.SITE_URL.rstrip("/") + "/",
            "email": _issuer_email(),
            "description": _(
                "%(network)s, a network of vocational education and training providers "
                "that exchange staff to learn from each other's practices."
            )
            % {"network": settings.NETWORK_NAME},
        }


def criteria_narrative() -> str:
    return _(
        "A staff mobility of the network completed: the mobility agreement approved "
        "by the three parties (the participant, the sending and the receiving "
        "organisation), the activity carried out, and the participant's return "
        "questionnaire (T1) submitted."
    )


def badge_class_json() -> dict[str, Any]:
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "@context": CONTEXT,
            "type": "BadgeClass",
            "id": class_url(),
            "name": badge_name(),
            "description": _(
                "Awarded to a member of staff of a vocational education and training "
                "provider who took part in an Erasmus+ staff mobility (job shadowing, "
                "teaching or training assignment, course) with a partner of the network "
                "and reflected on it on return."
            ),
            "image": image_url(),
            "criteria": {"narrative": criteria_narrative()},
            "issuer": issuer_url(),
            "tags": ["Erasmus+", "staff mobility", "VET"],
        }


def activity_label(code: str) -> str:
    from mobinnov.mobility.models import Format

    return str(dict(Format.choices).get(code, code))


def evidence_narrative(mobility: Any, practices: list[str]) -> str:
    host = mobility.receiving_organisation
    text = _("%(activity)s at %(host)s (%(city)s, %(country)s) from %(start)s to %(end)s.") % {
        "activity": activity_label(mobility.activity_type),
        "host": host.name,
        "city": host.city,
        "country": host.country.name,
        "start": mobility.start_date.strftime("%d/%m/%Y"),
        "end": mobility.end_date.strftime("%d/%m/%Y"),
    }
    if practices:
        text += " " + _("Practices studied: %(practices)s.") % {"practices": ", ".join(practices)}
    return text


def public_practices(mobility: Any) -> list[str]:
    """Titles of the mobility's practices that are public (others stay private)."""
    return [
        p.title or p.slug for p in mobility.practices.filter(is_public=True).order_by("title", "pk")
    ]


def _iso(moment: dt.datetime) -> str:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat()


def assertion_json(assertion: BadgeAssertion) -> dict[str, Any]:
    """The hosted assertion; for a revoked one, only what says it is revoked."""
    if assertion.revoked:
        return revoked_json(assertion)
    mobility = assertion.mobility
    salt = salt_for(assertion)
    with translation.override(settings.LANGUAGE_CODE):
        narrative = evidence_narrative(mobility, public_practices(mobility))
        evidence_name = _("Mobility %(reference)s") % {"reference": mobility.reference}
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(assertion),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": salt,
            "identity": recipient_identity(assertion),
        },
        "badge": class_url(),
        "issuedOn": _iso(assertion.issued_on),
        "verification": {"type": "hosted"},
        "evidence": [{"id": verify_url(assertion), "name": evidence_name, "narrative": narrative}],
    }


def revoked_json(assertion: BadgeAssertion) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(assertion),
        "revoked": True,
        **(
            {"revocationReason": assertion.revocation_reason} if assertion.revocation_reason else {}
        ),
    }


# --- the image ---------------------------------------------------------------------


def _svg_text(value: str) -> str:
    return escape(_XML_INVALID.sub("", value), {'"': "&quot;"})


def badge_svg() -> str:
    """The badge image: a square SVG medallion, generic fonts only (nothing
    fetched), the network's name escaped."""
    network = settings.NETWORK_NAME
    short = network if len(network) <= 30 else network[:29] + "…"
    with translation.override(settings.LANGUAGE_CODE):
        name = badge_name()
        staff = _("STAFF MOBILITY")
        desc = _("A blue round medal with a yellow ring of twelve dots, reading %(text)s.") % {
            "text": f"Erasmus+ {staff.lower()}, {network}"
        }
    dots = []
    for index in range(12):
        angle = math.radians(index * 30 - 90)
        dots.append(
            f'<circle cx="{200 + 150 * math.cos(angle):.1f}" cy="{200 + 150 * math.sin(angle):.1f}"'
            ' r="7" fill="#ffcc00"/>'
        )
    font = 'font-family="DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"'
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400"'
        ' role="img" aria-labelledby="badge-title badge-desc">'
        f'<title id="badge-title">{_svg_text(name)}</title>'
        f'<desc id="badge-desc">{_svg_text(desc)}</desc>'
        '<circle cx="200" cy="200" r="196" fill="#ffffff"/>'
        '<circle cx="200" cy="200" r="190" fill="#003399"/>'
        '<circle cx="200" cy="200" r="172" fill="none" stroke="#ffcc00" stroke-width="4"/>'
        + "".join(dots)
        + f'<text x="200" y="190" text-anchor="middle" {font} font-size="44"'
        ' font-weight="700" fill="#ffffff">Erasmus+</text>'
        f'<text x="200" y="228" text-anchor="middle" {font} font-size="22"'
        f' font-weight="700" fill="#ffcc00">{_svg_text(staff)}</text>'
        f'<text x="200" y="266" text-anchor="middle" {font} font-size="16"'
        f' fill="#ffffff">{_svg_text(short)}</text>'
        "</svg>"
    )
