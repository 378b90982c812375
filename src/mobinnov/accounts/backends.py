from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class EmailBackend(ModelBackend):
    """Authenticate with the e-mail address, whatever its letter case."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        email = username or kwargs.get("email")
        if email is not None:
            email = email.strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)
