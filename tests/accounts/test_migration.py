"""Existing accounts keep working under allauth: users, passwords, memberships, and their
address counts as verified (mandatory verification)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from tests.factories import PASSWORD
from wizard.models import Membership

BEFORE = [("wizard", "0014_consultant"), ("account", "0009_emailaddress_unique_primary_email")]
AFTER = [("wizard", "0015_verified_email_addresses")]


@pytest.mark.django_db(transaction=True)
def test_every_user_with_an_address_gets_it_verified_and_keeps_the_rest():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    User = apps.get_model("auth", "User")
    User.objects.create(username="hr", email="HR@Example.org", password="kept-hash")
    User.objects.create(username="nomail", email="")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    addresses = list(
        apps.get_model("account", "EmailAddress").objects.values_list(
            "user__username", "email", "verified", "primary"
        )
    )
    assert addresses == [("hr", "hr@example.org", True, True)]
    assert apps.get_model("auth", "User").objects.get(username="hr").password == "kept-hash"

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


BEFORE_ALLAUTH = [
    ("wizard", "0011_reminders"),
    ("account", None),
    ("mfa", None),
    ("socialaccount", None),
    ("usersessions", None),
]


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_allauth_keeps_its_users_passwords_and_memberships(client):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_ALLAUTH)
    apps = executor.loader.project_state(BEFORE_ALLAUTH[0]).apps
    user = apps.get_model("auth", "User").objects.create(
        username="sanne", email="Sanne@Voorbeeldzorg.example", password=make_password(PASSWORD)
    )
    organisation = apps.get_model("wizard", "Organisation").objects.create(
        name="Voorbeeld Zorg B.V.", slug="voorbeeld-zorg"
    )
    apps.get_model("wizard", "Membership").objects.create(
        user_id=user.pk, organisation_id=organisation.pk, role="editor"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    response = client.post(reverse("account_login"), {"login": "sanne", "password": PASSWORD})
    assert response["Location"] == reverse("dashboard")
    assert Membership.objects.get(user__username="sanne").role == "editor"
    assert EmailAddress.objects.get(user__username="sanne").verified
