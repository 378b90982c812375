"""Reads in the partner network."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from mobinnov.accounts.models import User
from mobinnov.core.worldmap import MapPoint, is_on_map
from mobinnov.network.models import Membership, Organisation, PartnerApplication


def active_partners() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_active=True)


def partner_directory(
    *, q: str = "", country: str = "", org_type: str = "", sector: str = ""
) -> QuerySet[Organisation]:
    """Active partners matching the directory filters, with sectors prefetched."""
    partners = active_partners()
    if q:
        partners = partners.filter(Q(name__icontains=q) | Q(city__icontains=q))
    if country:
        partners = partners.filter(country=country)
    if org_type:
        partners = partners.filter(org_type=org_type)
    if sector:
        partners = partners.filter(sectors__code=sector)
    return partners.prefetch_related("sectors").order_by("name").distinct()


def directory_facets() -> dict[str, list[str]]:
    """Countries and sectors present among active partners (for the filter lists)."""
    partners = active_partners()
    return {
        "countries": sorted({str(c) for c in partners.values_list("country", flat=True)}),
        "sectors": sorted(
            {s for s in partners.values_list("sectors__code", flat=True) if s is not None}
        ),
    }


def map_points(partners: QuerySet[Organisation]) -> list[MapPoint]:
    """The partners the map of Europe can draw (with coordinates, inside its frame)."""
    rows = partners.filter(latitude__isnull=False, longitude__isnull=False).values(
        "name", "slug", "city", "country", "latitude", "longitude"
    )
    from django.urls import reverse

    points = [
        MapPoint(
            label=row["name"],
            url=reverse("network:partner_detail", kwargs={"slug": row["slug"]}),
            latitude=cast(float, row["latitude"]),  # filtered: never null here
            longitude=cast(float, row["longitude"]),
            detail=f"{row['city']} ({row['country']})",
        )
        for row in rows
    ]
    return [point for point in points if is_on_map(point)]


def network_overview() -> dict[str, Any]:
    partners = active_partners()
    return {
        "partners": partners.count(),
        "countries": partners.values("country").distinct().count(),
        "people": Membership.objects.filter(organisation__is_active=True)
        .values("user")
        .distinct()
        .count(),
    }


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    # "coordinator" sorts before "staff": coordinators first.
    return organisation.memberships.select_related("user").order_by("role", "user__full_name")


def application_queue(
    status: str = PartnerApplication.Status.PENDING,
) -> QuerySet[PartnerApplication]:
    applications = PartnerApplication.objects.select_related("decided_by", "organisation")
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("-created_at")


def application_counts() -> dict[str, int]:
    counts = dict(
        PartnerApplication.objects.values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in PartnerApplication.Status.values}


def map_description(count: int) -> str:
    return _(
        "%(count)s partners are shown as points on the map; the same partners are listed below."
    ) % {"count": count}


def people_directory(q: str = "") -> QuerySet[User]:
    """Everyone with an account, with their memberships, for the admins' roles page."""
    people = User.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation"))
    ).order_by("email")
    if q:
        people = people.filter(Q(email__icontains=q) | Q(full_name__icontains=q))
    return people
