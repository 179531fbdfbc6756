"""Which steps a person has checked (`Policy.checked_steps`): a step the intake, a copy or a
template filled in is "pre-filled, not yet checked" until someone goes on from it with Next
or Finish, or types in it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from tests.factories import form_data, step_url
from wizard.models import Policy
from wizard.policies.document import default_content
from wizard.policies.services import (
    content_hash,
    policy_autosave_step,
    policy_create,
    policy_new_version,
)
from wizard.policies.steps import STEP_KEYS, step_list
from wizard.review import workflow

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def checked(policy: Policy) -> list[str]:
    return Policy.objects.get(pk=policy.pk).checked_steps


def test_a_new_policy_has_no_step_checked(organisation, editor):
    policy = policy_create(organisation=organisation, user=editor)
    assert checked(policy) == []


def test_next_on_an_unchanged_step_checks_it(editor_client, policy):
    editor_client.post(step_url(policy, "conduct"), form_data(policy, "conduct"))
    assert checked(policy) == ["conduct"]


def test_finish_on_the_last_step_checks_it(editor_client, policy):
    editor_client.post(step_url(policy, "audience"), form_data(policy, "audience"))
    assert checked(policy) == ["audience"]


def test_going_to_another_step_without_typing_does_not_check_it(editor_client, policy):
    data = {**form_data(policy, "conduct"), "wizard_goto_step": "social_media"}
    editor_client.post(step_url(policy, "conduct"), data)
    assert checked(policy) == []


def test_typing_and_going_to_another_step_checks_it(editor_client, policy):
    data = form_data(policy, "conduct", own_text="Wees eerlijk.")
    data["wizard_goto_step"] = "audience"
    editor_client.post(step_url(policy, "conduct"), data)
    assert checked(policy) == ["conduct"]


def test_checked_steps_are_kept_in_the_order_of_the_steps(editor_client, policy):
    editor_client.post(step_url(policy, "audience"), form_data(policy, "audience"))
    editor_client.post(step_url(policy, "social_media"), form_data(policy, "social_media"))
    assert checked(policy) == ["social_media", "audience"]


def test_an_autosave_of_typed_text_checks_the_step(policy, editor):
    stored = policy.content["conduct"]
    policy_autosave_step(
        policy_id=policy.pk,
        user=editor,
        step="conduct",
        data={**stored, "own_text": "Getypt."},
        base_hash=content_hash(stored),
    )
    assert checked(policy) == ["conduct"]


def test_an_autosave_that_changes_nothing_does_not_check_the_step(policy, editor):
    stored = policy.content["conduct"]
    policy_autosave_step(
        policy_id=policy.pk,
        user=editor,
        step="conduct",
        data=stored,
        base_hash=content_hash(stored),
    )
    assert checked(policy) == []


def test_submitting_for_review_checks_every_step(policy, editor):
    workflow.policy_submit(policy=policy, user=editor)
    assert checked(policy) == STEP_KEYS


def test_a_new_version_starts_with_every_step_checked(policy, editor, reviewer):
    workflow.policy_submit(policy=policy, user=editor)
    workflow.policy_approve(policy=policy, user=reviewer)
    draft = policy_new_version(policy=policy, user=editor)
    assert checked(draft) == STEP_KEYS


def test_an_incomplete_step_does_not_count_as_checked(policy):
    Policy.objects.filter(pk=policy.pk).update(
        checked_steps=["social_media", "conduct"], incomplete_steps=["conduct"]
    )
    assert Policy.objects.get(pk=policy.pk).checked_step_count == 1


def test_the_step_list_tells_checked_from_pre_filled_steps(policy):
    policy.checked_steps = ["conduct"]
    steps = {s["key"]: s for s in step_list(policy, None)}
    assert (steps["conduct"]["checked"], steps["conduct"]["prefilled"]) == (True, False)
    assert (steps["audience"]["checked"], steps["audience"]["prefilled"]) == (False, True)


def test_a_new_policys_step_list_says_pre_filled_not_yet_checked(editor_client, policy):
    html = editor_client.get(step_url(policy, "conduct"), **EN).content.decode()
    assert html.count("pre-filled, not yet checked") == 6
    assert "0 of 6 checked" in html


def test_the_step_list_counts_the_checked_steps(editor_client, policy):
    Policy.objects.filter(pk=policy.pk).update(checked_steps=["social_media", "conduct"])
    html = editor_client.get(step_url(policy, "authentic"), **EN).content.decode()
    assert "2 of 6 checked" in html
    assert html.count("pre-filled, not yet checked") == 4


def test_the_step_list_says_it_in_dutch(editor_client, policy):
    html = editor_client.get(step_url(policy, "conduct"), HTTP_ACCEPT_LANGUAGE="nl")
    html = html.content.decode()
    assert "vooraf ingevuld, nog niet gecontroleerd" in html
    assert "0 van 6 gecontroleerd" in html


def test_the_review_page_shows_the_progress(editor_client, policy):
    Policy.objects.filter(pk=policy.pk).update(checked_steps=STEP_KEYS[:3])
    html = editor_client.get(reverse("policy_review", args=[policy.pk]), **EN).content.decode()
    assert "3 of 6 checked" in html


def test_a_pre_filled_step_asks_to_be_checked(editor_client, policy):
    html = editor_client.get(step_url(policy, "conduct"), **EN).content.decode()
    assert "This step is filled in for you already" in html


def test_a_checked_step_no_longer_asks_to_be_checked(editor_client, policy):
    Policy.objects.filter(pk=policy.pk).update(checked_steps=["conduct"])
    html = editor_client.get(step_url(policy, "conduct"), **EN).content.decode()
    assert "This step is filled in for you already" not in html


# --- Policies stored before steps were checked -------------------------------------------

BEFORE = [("wizard", "0024_consent_dossier")]
AFTER = [("wizard", "0025_policy_checked_steps")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_what_people_did_with_stored_policies_as_checked():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("wizard", "Organisation").objects.create(name="Oud", slug="oud")
    user = old.get_model("auth", "User").objects.create(username="oud")
    old_policy = old.get_model("wizard", "Policy")
    published = old_policy.objects.create(
        organisation=organisation, content=default_content(), status="published"
    )
    finished = old_policy.objects.create(
        organisation=organisation, content=default_content(), last_step="review"
    )
    fresh = old_policy.objects.create(
        organisation=organisation, content=default_content(), last_step="social_media"
    )
    # Went on from the first two steps with Next, and typed in the last one.
    started = old_policy.objects.create(
        organisation=organisation, content=default_content(), last_step="authentic"
    )
    old.get_model("wizard", "Revision").objects.create(
        policy=started, number=1, step="audience", content={}, author=user
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("wizard", "Policy")
    assert new.objects.get(pk=published.pk).checked_steps == STEP_KEYS
    assert new.objects.get(pk=finished.pk).checked_steps == STEP_KEYS
    assert new.objects.get(pk=fresh.pk).checked_steps == []
    assert new.objects.get(pk=started.pk).checked_steps == ["social_media", "conduct", "audience"]

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
