"""Settings come from the environment with safe defaults; production passes --deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "DJANGO_ALLOWED_HOSTS": "policy.example.org",
    "DJANGO_SITE_URL": "https://policy.example.org",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    full_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_")) and key != "DATABASE_URL"
    }
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_site_url():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_SITE_URL"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SITE_URL must be set" in result.stderr


def test_production_takes_the_site_url_without_a_trailing_slash():
    env = {**PRODUCTION_ENV, "DJANGO_SITE_URL": "https://policy.example.org/"}
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.strip() == "https://policy.example.org"


@pytest.mark.parametrize(("proxies", "header"), [("0", "None"), ("1", "HTTP_X_FORWARDED_PROTO")])
def test_the_https_header_is_trusted_only_behind_a_proxy(proxies, header):
    env = {**PRODUCTION_ENV, "DJANGO_TRUSTED_PROXY_COUNT": proxies}
    code = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert header in result.stdout


def test_database_url_selects_postgresql():
    env = {"DATABASE_URL": "postgres://user:pw@db.example:5432/policies"}
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'])"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.split() == ["django.db.backends.postgresql", "policies", "600"]


def test_sqlite_is_the_default_database():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = run_manage("shell", "--no-imports", "-c", code, env={})
    assert result.stdout.strip() == "django.db.backends.sqlite3"
