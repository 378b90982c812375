from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

from mobinnov.core.sitemaps import SITEMAPS
from mobinnov.core.views import robots_txt

urlpatterns: list[URLPattern | URLResolver] = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("mobinnov.core.urls")),
    path("accounts/", include("mobinnov.accounts.urls")),
    path("", include("mobinnov.network.urls")),
    path("excellence/", include("mobinnov.excellence.urls")),
    path("practices/", include("mobinnov.practices.urls")),
    path("", include("mobinnov.mobility.urls")),
    path("", include("mobinnov.impact.urls")),
    path("api/v1/", include("mobinnov.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("technical-admin/", admin.site.urls),
]

# Uploaded media (logos). In production a proxy or object storage serves them;
# the app serves them itself only when told to (the demo, small installs).
if settings.DEBUG or settings.SERVE_MEDIA:
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

handler400 = "mobinnov.core.views.error_400"
handler403 = "mobinnov.core.views.error_403"
handler404 = "mobinnov.core.views.error_404"
handler500 = "mobinnov.core.views.error_500"
