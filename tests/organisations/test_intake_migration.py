"""The intake migration turns has_works_council into the participation body."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("wizard", "0009_logo_store")]
AFTER = [("wizard", "0010_intake")]


@pytest.mark.django_db(transaction=True)
def test_a_works_council_becomes_the_participation_body():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("wizard", "Organisation")
    old.objects.create(name="Met OR", slug="met-or", has_works_council=True)
    old.objects.create(name="Zonder OR", slug="zonder-or", has_works_council=False)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("wizard", "Organisation")
    bodies = dict(new.objects.values_list("slug", "participation_body"))
    assert bodies == {"met-or": "works_council", "zonder-or": "none"}

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
