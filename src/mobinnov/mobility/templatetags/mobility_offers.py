"""``{% offers_for practice=... %}`` / ``{% offers_for organisation=... %}``:
the open host offers around a practice or of a partner, for their pages;
``|language_names`` spells out working-language codes."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Prefetch
from django.utils import timezone

from mobinnov.core.languages import WORKING_LANGUAGES
from mobinnov.mobility.models import HostOffer, OfferPeriod

register = template.Library()


@register.filter
def language_names(codes: Any) -> str:
    """ "en, fr" -> "English, French" (unknown codes are shown as they are)."""
    names = {code: str(name) for code, name in WORKING_LANGUAGES}
    return ", ".join(names.get(code, str(code)) for code in codes or [])


@register.inclusion_tag("mobility/offers/_offers_for.html")
def offers_for(practice: Any = None, organisation: Any = None) -> dict[str, Any]:
    """Open offers showing ``practice``, or of ``organisation``, with their
    periods to come (three queries whatever the number of offers)."""
    if practice is not None:
        offers = HostOffer.objects.filter(practices=practice)
    elif organisation is not None:
        offers = HostOffer.objects.filter(organisation=organisation)
    else:
        offers = HostOffer.objects.none()
    offers = (
        offers.filter(status=HostOffer.Status.OPEN, organisation__is_active=True)
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "periods",
                queryset=OfferPeriod.objects.filter(end__gte=timezone.localdate()),
                to_attr="upcoming_periods",
            )
        )
        .order_by("title", "pk")
    )
    return {"offers": list(offers), "show_host": organisation is None}
