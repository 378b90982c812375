from typing import Any

from django.conf import settings
from django.http import HttpRequest

from mobinnov.core import permissions


def platform(request: HttpRequest) -> dict[str, Any]:
    """Network name and the role flags the navigation needs."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "NETWORK_NAME": settings.NETWORK_NAME,
        "nav": {
            "signed_in": signed_in,
            "is_admin": signed_in and permissions.is_admin(user),
            "is_editor": signed_in and permissions.is_editor(user),
            "coordinates": signed_in and bool(permissions.coordinated_organisation_ids(user)),
        },
    }
