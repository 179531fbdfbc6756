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


@pytest.mark.django_db(transaction=True)
def test_existing_organisations_get_the_closest_staff_size_and_body():
    before = [("wizard", "0016_organisation_sign_in_rules")]
    after = [("wizard", "0017_intake_staff_size_and_body")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("wizard", "Organisation")
    old.objects.create(name="School", slug="school", participation_body="school_council")
    old.objects.create(
        name="Zorg", slug="zorg", staff_size="50_249", participation_body="works_council"
    )
    old.objects.create(name="Bakker", slug="bakker", staff_size="under_50")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("wizard", "Organisation")
    answers = {
        o.slug: (o.staff_size, o.participation_body, o.collective_agreement_settles)
        for o in new.objects.all()
    }
    assert answers == {
        "school": ("10_49", "mr_staff_section", False),
        "zorg": ("50_249", "works_council", False),
        "bakker": ("10_49", "none", False),
    }

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
