from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Any, per_page: int = 25) -> Page[Any]:
    """The requested page; a missing, invalid or too large number gives the
    nearest valid page instead of an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
