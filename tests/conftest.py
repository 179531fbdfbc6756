from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory, give_logo
from wizard.models import Membership


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file (in this run's temporary directory), not memory.

    Django's in-memory test database is shared-cache memory. pytest-django's live server
    (tests/browser) either hands its request threads the test thread's one connection (when
    the database was set up before the server started) or lets each open its own to that
    memory (when the server started first). Either way concurrent requests (a preview, an
    autosave, the page itself) and the test's own ORM calls collide: one connection's
    transactions interleave across threads, and shared-cache connections lock whole tables
    without waiting ("database table is locked"). A file gives every thread its own
    connection, ordered by SQLite's locks and the busy timeout (WAL, settings.DATABASES).
    """
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = tmp_path_factory.mktemp("database") / "test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    # Each test starts in the site's default language (Dutch), whatever a test before it
    # activated in this thread.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _rate_limit_clock_stands_still():
    # django-ratelimit counts in fixed windows of the wall clock (`time.time()` in
    # django_ratelimit.core): N requests of one test could straddle a window's end on a slow
    # machine, and the count would start again. Its clock stands still during each test, so a
    # test's requests all fall in one window (and the test server's, in the same process).
    now = int(time.time())
    with mock.patch("django_ratelimit.core.time", SimpleNamespace(time=lambda: now)):
        yield


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Voorbeeld Zorg B.V.", slug="voorbeeld-zorg")


@pytest.fixture
def editor(organisation):
    return MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR).user


@pytest.fixture
def reviewer(organisation):
    return MembershipFactory(organisation=organisation, role=Membership.Role.REVIEWER).user


@pytest.fixture
def consultant(organisation):
    return MembershipFactory(organisation=organisation, role=Membership.Role.CONSULTANT).user


@pytest.fixture
def policy(organisation, editor):
    return PolicyFactory(organisation=organisation, created_by=editor, updated_by=editor)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def outsider(db):
    """A user with an organisation of their own, and no link to `organisation`."""
    return MembershipFactory(role=Membership.Role.EDITOR).user


ROOT = Path(__file__).resolve().parent.parent


def _run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
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


@pytest.fixture(scope="session")
def run_manage() -> Callable[..., subprocess.CompletedProcess]:
    """`run_manage(*args, env=...)` runs manage.py in a new process that reads its settings
    from `env` alone: none of this run's DJANGO_*, PYTEST_* or DATABASE_URL variables."""
    return _run_manage


@pytest.fixture(scope="session")
def production_env() -> dict[str, str]:
    """The least a production process is given: DEBUG off, a secret key, its host name and
    the address links in e-mails start with."""
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
        "DJANGO_ALLOWED_HOSTS": "policy.example.org",
        "DJANGO_SITE_URL": "https://policy.example.org",
    }


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    # Background tasks (e-mail) run inside the test, as soon as they are queued; one test in
    # tests/review/test_tasks.py queues in the database and runs the real worker instead.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def organisation_with_logo(organisation):
    give_logo(organisation, size=(240, 80), colour="#c0392b")
    return organisation
