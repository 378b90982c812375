"""Settings for the test suite: production settings (DEBUG off) with what a
test run needs. The database comes from DATABASE_URL like everywhere else."""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-not-a-secret-" + "x" * 30)
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from mobinnov.config.settings import *  # noqa: F403
from mobinnov.config.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
