"""Which steps are incomplete is stored with the content by every write of it, and read as a
field (`Policy.incomplete_steps`)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from wizard.models import Policy
from wizard.policies.document import default_content
from wizard.policies.services import (
    content_hash,
    policy_autosave_step,
    policy_create,
    policy_new_version,
    policy_save_step,
    policy_set_content,
)
from wizard.policies.steps import CONFLICT_SESSION_KEY

EMPTY_CONDUCT = {**default_content()["conduct"], "clauses": [], "own_text": ""}


def stored(policy: Policy) -> list[str]:
    return Policy.objects.get(pk=policy.pk).incomplete_steps


def test_a_new_policy_is_stored_with_every_step_complete(organisation, editor):
    policy = policy_create(organisation=organisation, user=editor)
    assert stored(policy) == []


def test_a_policy_written_by_no_service_counts_every_step_as_incomplete(organisation):
    policy = Policy.objects.create(organisation=organisation, content=default_content())
    assert len(stored(policy)) == 6


@pytest.mark.parametrize("save", [policy_save_step, policy_autosave_step], ids=["save", "autosave"])
def test_saving_a_step_stores_whether_it_is_complete(policy, editor, save):
    save(
        policy_id=policy.pk,
        user=editor,
        step="conduct",
        data=EMPTY_CONDUCT,
        base_hash=content_hash(policy.content["conduct"]),
    )
    assert stored(policy) == ["conduct"]


def test_keeping_my_version_in_a_conflict_stores_whether_it_is_complete(editor_client, policy):
    session = editor_client.session
    session[CONFLICT_SESSION_KEY.format(pk=policy.pk, step="conduct")] = EMPTY_CONDUCT
    session.save()
    editor_client.post(
        reverse("conflict_resolve", kwargs={"pk": policy.pk, "step": "conduct"}),
        {"choice": "mine"},
    )
    assert stored(policy) == ["conduct"]


def test_a_new_version_is_stored_with_the_completeness_of_its_content(policy, editor):
    Policy.objects.filter(pk=policy.pk).update(
        status=Policy.Status.APPROVED, incomplete_steps=["conduct"]
    )
    policy.refresh_from_db()
    draft = policy_new_version(policy=policy, user=editor)
    assert stored(draft) == []


def test_setting_content_works_out_its_incomplete_steps(policy):
    policy_set_content(policy, {**policy.content, "conduct": {}, "audience": EMPTY_CONDUCT})
    assert policy.incomplete_steps == ["conduct", "audience"]


def test_the_step_page_reads_the_stored_field(editor_client, policy):
    Policy.objects.filter(pk=policy.pk).update(incomplete_steps=["audience"])
    page = editor_client.get(reverse("wizard_step", kwargs={"pk": policy.pk, "step": "conduct"}))
    assert page.content.decode().count("steps__item--complete") == 5


BEFORE = [("wizard", "0019_freeze_published_policies")]
AFTER = [("wizard", "0020_policy_incomplete_steps")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_works_out_the_incomplete_steps_of_stored_policies():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("wizard", "Organisation").objects.create(name="Oud", slug="oud")
    old_policy = old.get_model("wizard", "Policy")
    complete = old_policy.objects.create(organisation=organisation, content=default_content())
    skipped = old_policy.objects.create(
        organisation=organisation, content={**default_content(), "conduct": EMPTY_CONDUCT}
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("wizard", "Policy")
    assert new.objects.get(pk=complete.pk).incomplete_steps == []
    assert new.objects.get(pk=skipped.pk).incomplete_steps == ["conduct"]

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
