"""Private iCalendar feeds of mobilities: one per person (their own
mobilities) and one per organisation for its coordinators (mobilities sent
and received).

A feed is read by calendar programs that cannot sign in, so its address
carries a signed token (:mod:`django.core.signing`, one salt per kind of
feed). Anyone holding the address can read the feed; the token is revoked:

* for both kinds, when the person changes their password or is deactivated:
  the token holds a fingerprint of the password hash (an HMAC of it, never the
  hash itself), which no longer matches once the password changes;
* for an organisation's feed, also when the person who took the address is no
  longer a coordinator of the organisation (or the organisation left the
  network): the token names both the organisation and that person.

A tampered or revoked token gives a 404, as an unknown address would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from mobinnov.accounts.models import User
from mobinnov.core.permissions import is_coordinator
from mobinnov.mobility.exports import activity_label
from mobinnov.mobility.models import Mobility
from mobinnov.network.models import Organisation

USER_SALT = "mobinnov.mobility.calendar.user"
ORGANISATION_SALT = "mobinnov.mobility.calendar.organisation"
PRODID = "-//MobInnov//Staff mobility calendar//EN"
CONFIRMED_STATUSES = frozenset(
    {
        Mobility.Status.AGREED,
        Mobility.Status.UNDER_WAY,
        Mobility.Status.COMPLETED,
        Mobility.Status.EVALUATED,
    }
)


def password_fingerprint(user: User) -> str:
    """Changes whenever the password (hash) changes; reveals nothing of it."""
    return salted_hmac("mobinnov.mobility.calendar.password", user.password).hexdigest()[:16]


def user_token(user: User) -> str:
    return signing.Signer(salt=USER_SALT).sign_object(
        {"u": user.pk, "p": password_fingerprint(user)}
    )


def organisation_token(user: User, organisation: Organisation) -> str:
    return signing.Signer(salt=ORGANISATION_SALT).sign_object(
        {"o": organisation.pk, "u": user.pk, "p": password_fingerprint(user)}
    )


def _unsign(token: str, salt: str) -> dict[str, Any] | None:
    try:
        data = signing.Signer(salt=salt).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def _holder(data: dict[str, Any]) -> User | None:
    """The active person the token was made for, if their password is unchanged."""
    pk = data.get("u")
    if not isinstance(pk, int):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or data.get("p") != password_fingerprint(user):
        return None
    return user


def user_from_token(token: str) -> User | None:
    data = _unsign(token, USER_SALT)
    return _holder(data) if data is not None else None


def organisation_from_token(token: str) -> tuple[Organisation, User] | None:
    """The organisation and the coordinator who took the address, while they
    still are its coordinator."""
    data = _unsign(token, ORGANISATION_SALT)
    if data is None:
        return None
    organisation_id = data.get("o")
    if not isinstance(organisation_id, int):
        return None
    user = _holder(data)
    if user is None or not is_coordinator(user, organisation_id):
        return None
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    return (organisation, user) if organisation is not None else None


# --- feeds ------------------------------------------------------------------------------


def _feed_mobilities(queryset: QuerySet[Mobility]) -> QuerySet[Mobility]:
    return (
        queryset.exclude(status=Mobility.Status.CANCELLED)
        .select_related("participant", "receiving_organisation")
        .order_by("start_date", "reference")
    )


def user_mobilities(user: User) -> QuerySet[Mobility]:
    return _feed_mobilities(Mobility.objects.filter(participant=user))


def organisation_mobilities(organisation: Organisation) -> QuerySet[Mobility]:
    return _feed_mobilities(
        Mobility.objects.filter(
            Q(sending_organisation=organisation) | Q(receiving_organisation=organisation)
        )
    )


def personal_summary(mobility: Mobility) -> str:
    return _("%(activity)s at %(organisation)s") % {
        "activity": activity_label(mobility.activity_type),
        "organisation": mobility.receiving_organisation.name,
    }


def organisation_summary(mobility: Mobility) -> str:
    return _("%(participant)s → %(organisation)s") % {
        "participant": mobility.participant.get_full_name(),
        "organisation": mobility.receiving_organisation.name,
    }


def _location(mobility: Mobility) -> str:
    receiving = mobility.receiving_organisation
    country = receiving.country.name if receiving.country else ""
    return ", ".join(part for part in (receiving.city, str(country)) if part)


def _mobility_url(mobility: Mobility, base: str) -> str:
    try:
        return base + mobility.get_absolute_url()
    except NoReverseMatch:  # the records pages are not installed
        return ""


def build_calendar(
    mobilities: Iterable[Mobility],
    *,
    name: str,
    summary: Callable[[Mobility], str],
    base: str,
) -> bytes:
    """A VCALENDAR with one all-day VEVENT per active mobility. ``base`` is the
    site's address (scheme and host) for the links to the mobilities."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    now = timezone.now()
    for mobility in mobilities:
        if mobility.status == Mobility.Status.CANCELLED:
            continue
        event = Event()
        event.add("uid", f"{mobility.reference}@mobinnov")
        event.add("dtstamp", now)
        event.add("last-modified", mobility.updated_at)
        event.add("dtstart", mobility.start_date)
        # All-day events end on the day after the last day (DTEND is exclusive).
        event.add("dtend", mobility.end_date + dt.timedelta(days=1))
        event.add("summary", summary(mobility))
        location = _location(mobility)
        if location:
            event.add("location", location)
        url = _mobility_url(mobility, base)
        lines = [
            _("Mobility %(reference)s (%(status)s).")
            % {"reference": mobility.reference, "status": mobility.get_status_display()}
        ]
        if url:
            lines.append(url)
            event.add("url", url)
        event.add("description", "\n".join(lines))
        event.add("status", "CONFIRMED" if mobility.status in CONFIRMED_STATUSES else "TENTATIVE")
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def user_feed(user: User, base: str) -> bytes:
    with translation.override(user.preferred_language or None):
        return build_calendar(
            user_mobilities(user),
            name=_("My mobilities"),
            summary=personal_summary,
            base=base,
        )


def organisation_feed(organisation: Organisation, holder: User, base: str) -> bytes:
    with translation.override(holder.preferred_language or None):
        return build_calendar(
            organisation_mobilities(organisation),
            name=_("Mobilities of %(organisation)s") % {"organisation": organisation.name},
            summary=organisation_summary,
            base=base,
        )
