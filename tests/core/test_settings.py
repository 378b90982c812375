"""Settings come from the environment and fail loudly on bad values."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from mobinnov.config import env


def test_typed_helpers_parse_and_refuse(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.example, b.example,,")
    assert env.env_bool("X_BOOL", False) is True
    assert env.env_int("X_INT", 0) == 42
    assert env.env_list("X_LIST", []) == ["a.example", "b.example"]
    monkeypatch.setenv("X_BOOL", "maybe")
    monkeypatch.setenv("X_INT", "forty")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env.env_bool("X_BOOL", False)
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env.env_int("X_INT", 0)
    with pytest.raises(ImproperlyConfigured, match="MISSING_VAR"):
        env.env_str("MISSING_VAR")


def test_email_urls():
    smtp = env.parse_email_url("smtp://user%40x:p%3Ass@mail.example.org:587?tls=1")
    assert (smtp.host, smtp.port, smtp.user, smtp.password, smtp.use_tls) == (
        "mail.example.org",
        587,
        "user@x",
        "p:ss",
        True,
    )
    assert env.parse_email_url("smtps://mail.example.org").port == 465
    assert env.parse_email_url("console://").backend.endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured):
        env.parse_email_url("carrier-pigeon://home")


def _run(code: str, **environ: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "SECURE_SSL_REDIRECT",
            "ALLOWED_HOSTS",
        }
    }
    clean.update(environ)
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=120
    )


def test_secret_key_is_required_unless_debug():
    code = "import mobinnov.config.settings"
    failed = _run(code, DEBUG="0")
    assert failed.returncode != 0 and "SECRET_KEY is required" in failed.stderr
    assert _run(code, DEBUG="1").returncode == 0


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = _run(
        "from mobinnov.config.manage import main; import sys; sys.argv=['mobinnov','check','--deploy','--fail-level','WARNING']; main()",
        DEBUG="0",
        SECRET_KEY="a-very-long-random-production-secret-key-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="mobinnov.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path}/deploy.sqlite3",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_command_names_a_missing_secret_key():
    result = _run(
        "from mobinnov.config.manage import main; import sys; sys.argv=['mobinnov','check']; main()",
        DEBUG="0",
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr and "Traceback" not in result.stderr
