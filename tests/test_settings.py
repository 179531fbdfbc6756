"""Settings come from the environment with safe defaults; production passes --deploy."""

from __future__ import annotations

import pytest


def test_production_settings_pass_the_deploy_check(run_manage, production_env):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(run_manage, production_env):
    env = {**production_env, "DJANGO_SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_site_url(run_manage, production_env):
    env = {key: value for key, value in production_env.items() if key != "DJANGO_SITE_URL"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SITE_URL must be set" in result.stderr


def test_production_takes_the_site_url_without_a_trailing_slash(run_manage, production_env):
    env = {**production_env, "DJANGO_SITE_URL": "https://policy.example.org/"}
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.strip() == "https://policy.example.org"


@pytest.mark.parametrize(("proxies", "header"), [("0", "None"), ("1", "HTTP_X_FORWARDED_PROTO")])
def test_the_https_header_is_trusted_only_behind_a_proxy(
    run_manage, production_env, proxies, header
):
    env = {**production_env, "DJANGO_TRUSTED_PROXY_COUNT": proxies}
    code = "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert header in result.stdout


def test_database_url_selects_postgresql(run_manage):
    env = {"DATABASE_URL": "postgres://user:pw@db.example:5432/policies"}
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'])"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=env)
    assert result.stdout.split() == ["django.db.backends.postgresql", "policies", "600"]


def test_sqlite_is_the_default_database(run_manage):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = run_manage("shell", "--no-imports", "-c", code, env={})
    assert result.stdout.strip() == "django.db.backends.sqlite3"
