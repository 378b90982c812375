"""sitemap.xml: the public pages, published practices and active partners only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from mobinnov.network.models import Organisation
from mobinnov.practices.models import Practice


class PublicPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "core:home",
            "practices:catalogue",
            "network:partner_list",
            "excellence:framework",
            "excellence:definitions",
            "network:join",
        ]

    def location(self, item: Any) -> str:
        return reverse(item)


class PracticeSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self) -> QuerySet[Practice]:
        return Practice.objects.filter(is_public=True).order_by("pk").only("slug", "published_at")

    def lastmod(self, item: Practice) -> datetime | None:
        return item.published_at


class PartnerSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Organisation]:
        return Organisation.objects.filter(is_active=True).order_by("pk").only("slug", "updated_at")

    def lastmod(self, item: Organisation) -> datetime:
        return item.updated_at


SITEMAPS = {"pages": PublicPagesSitemap, "practices": PracticeSitemap, "partners": PartnerSitemap}
