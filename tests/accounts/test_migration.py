"""Existing accounts keep working under mandatory verification: their address is verified."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

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
