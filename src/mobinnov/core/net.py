"""Who is asking: the client address when the app runs behind a trusted proxy."""

from django.http import HttpRequest


def client_ip_behind_proxy(request: HttpRequest) -> str:
    """The address the proxy saw, i.e. the last entry it appended to
    X-Forwarded-For (earlier entries come from the client and can be forged)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else str(request.META.get("REMOTE_ADDR", ""))
