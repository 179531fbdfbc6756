"""Business actions on policies, called directly."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from wizard.models import AuditEvent, Policy
from wizard.policies.blocks import BLOCKS
from wizard.policies.document import default_content
from wizard.policies.services import (
    content_hash,
    policy_create,
    policy_save_step,
    policy_start_draft,
)


def conduct(own_text: str) -> dict:
    return {**default_content()["conduct"], "own_text": own_text}


def test_policy_create_starts_a_draft_with_the_default_clauses(organisation, editor):
    policy = policy_create(organisation=organisation, user=editor)
    assert policy.status == Policy.Status.DRAFT
    assert policy.content == default_content()
    assert policy.revisions.count() == 1
    assert AuditEvent.objects.filter(policy=policy, action="create").exists()


def test_a_started_draft_has_its_first_revision_and_says_how_it_began(organisation, editor):
    policy = policy_start_draft(
        organisation=organisation,
        user=editor,
        title="Copy",
        language="en",
        content=default_content(),
        action=AuditEvent.Action.COPY,
        detail="copied from policy #1",
    )
    assert list(policy.revisions.values_list("number", "author")) == [(1, editor.pk)]
    event = AuditEvent.objects.get(policy=policy)
    assert (event.action, event.detail, event.actor) == ("copy", "copied from policy #1", editor)


def test_policy_create_takes_the_organisations_contact_details(organisation, editor):
    policy = policy_create(organisation=organisation, user=editor)
    assert policy.contact_person == "Sanne de Vries"


def test_reviewers_cannot_create_policies(organisation, reviewer):
    with pytest.raises(PermissionDenied):
        policy_create(organisation=organisation, user=reviewer)


def test_saving_a_step_writes_the_block_and_raises_the_version(policy, editor):
    before = policy.version
    base = content_hash(policy.content["conduct"])
    result = policy_save_step(
        policy_id=policy.pk,
        user=editor,
        step="conduct",
        data=conduct("Wees aardig."),
        base_hash=base,
    )
    policy.refresh_from_db()
    assert result.saved
    assert policy.content["conduct"]["own_text"] == "Wees aardig."
    assert policy.version == before + 1
    assert policy.last_step == "conduct"
    assert policy.revisions.filter(step="conduct").count() == 1


def test_a_double_submit_saves_once(policy, editor):
    base = content_hash(policy.content["conduct"])
    kwargs = {"policy_id": policy.pk, "user": editor, "step": "conduct", "base_hash": base}
    first = policy_save_step(data=conduct("Twee keer."), **kwargs)
    second = policy_save_step(data=conduct("Twee keer."), **kwargs)
    assert first.saved and not second.saved and not second.conflict
    assert policy.revisions.filter(step="conduct").count() == 1


def test_a_stale_save_of_the_same_step_is_a_conflict_and_keeps_the_first(
    policy, editor, consultant
):
    base = content_hash(policy.content["conduct"])
    policy_save_step(
        policy_id=policy.pk, user=editor, step="conduct", data=conduct("Van Sanne."), base_hash=base
    )
    result = policy_save_step(
        policy_id=policy.pk,
        user=consultant,
        step="conduct",
        data=conduct("Van Piet."),
        base_hash=base,
    )
    policy.refresh_from_db()
    assert result.conflict
    assert result.theirs["own_text"] == "Van Sanne."
    assert policy.content["conduct"]["own_text"] == "Van Sanne."


def test_stale_saves_of_different_steps_both_survive(policy, editor, consultant):
    conduct_base = content_hash(policy.content["conduct"])
    audience_base = content_hash(policy.content["audience"])
    policy_save_step(
        policy_id=policy.pk, user=editor, step="conduct", data=conduct("A"), base_hash=conduct_base
    )
    audience = {**policy.content["audience"], "own_text": "B"}
    result = policy_save_step(
        policy_id=policy.pk,
        user=consultant,
        step="audience",
        data=audience,
        base_hash=audience_base,
    )
    policy.refresh_from_db()
    assert result.saved
    assert policy.content["conduct"]["own_text"] == "A"
    assert policy.content["audience"]["own_text"] == "B"


def test_force_saves_over_a_conflict(policy, editor):
    policy_save_step(
        policy_id=policy.pk,
        user=editor,
        step="conduct",
        data=conduct("Mine"),
        base_hash="stale",
        force=True,
    )
    policy.refresh_from_db()
    assert policy.content["conduct"]["own_text"] == "Mine"


def test_reviewers_cannot_save_steps(policy, reviewer):
    with pytest.raises(PermissionDenied):
        policy_save_step(
            policy_id=policy.pk, user=reviewer, step="conduct", data=conduct("x"), base_hash=""
        )


def test_default_content_covers_every_block():
    assert set(default_content()) == {block.key for block in BLOCKS}


def test_details_saved_over_a_colleagues_change_are_refused_and_change_nothing(policy, editor):
    from wizard.policies.services import DetailsConflict, details_hash, policy_save_details

    loaded = details_hash({"title": policy.title, "version_label": policy.version_label})
    policy_save_details(policy_id=policy.pk, user=editor, details={"title": "Eerst"}, base_hash="")
    with pytest.raises(DetailsConflict) as refused:
        policy_save_details(
            policy_id=policy.pk,
            user=editor,
            details={"title": "Daarna", "version_label": policy.version_label},
            base_hash=loaded,
        )
    assert refused.value.theirs["title"] == "Eerst"
    policy.refresh_from_db()
    assert policy.title == "Eerst"
    assert AuditEvent.objects.filter(policy=policy, action="save_details").count() == 1


def test_a_saved_step_records_who_and_when(policy, editor, outsider):
    Policy.objects.filter(pk=policy.pk).update(updated_by=outsider)
    before = Policy.objects.get(pk=policy.pk).updated_at
    result = policy_save_step(
        policy_id=policy.pk,
        user=editor,
        step="conduct",
        data=conduct("Wie en wanneer"),
        base_hash="",
    )
    stored = Policy.objects.get(pk=policy.pk)
    assert stored.updated_at > before
    assert stored.updated_by == editor
    assert stored.last_step == "conduct"
    assert result.policy.organisation.name == policy.organisation.name
