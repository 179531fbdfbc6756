from __future__ import annotations

import pytest

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory
from wizard.models import Membership


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture(autouse=True)
def _tasks_run_immediately(settings):
    # Background tasks (e-mail) run inside the test, as soon as they are queued; one test in
    # tests/review/test_tasks.py queues in the database and runs the real worker instead.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
