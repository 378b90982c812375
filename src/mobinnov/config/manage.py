"""The ``mobinnov`` command: Django's management commands plus the project's own."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobinnov.config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        # Django would hide a settings error behind "Models aren't loaded yet".
        settings.INSTALLED_APPS  # noqa: B018
    except ImproperlyConfigured as error:
        sys.exit(
            f"mobinnov: {error}\nFor development on your own machine, set DEBUG=1 (make demo does)."
        )
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
