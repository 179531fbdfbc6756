"""Parts a master policy locks: no save path changes them, and the step says why."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import form_data, step_url
from wizard.models import Policy
from wizard.policies.services import (
    content_hash,
    policy_autosave_step,
    policy_new_version,
    policy_save_step,
)

LOCKS = {
    "audience": {"own_text": "Wettelijk verplicht"},
    "conduct": {"clause:privacy": "Verplicht onder de AVG"},
}


@pytest.fixture
def locked(policy):
    content = dict(policy.content)
    content["audience"] = {**content["audience"], "own_text": "Praat niet over cliënten."}
    Policy.objects.filter(pk=policy.pk).update(content=content, locks=LOCKS)
    policy.refresh_from_db()
    return policy


def save(policy, user, step, *, autosave=False, **changes):
    data = {**policy.content[step], **changes}
    save_step = policy_autosave_step if autosave else policy_save_step
    return save_step(
        policy_id=policy.pk,
        user=user,
        step=step,
        data=data,
        base_hash=content_hash(policy.content[step]),
    )


def test_saving_a_step_refuses_to_remove_a_locked_clause(locked, editor):
    clauses = [c for c in locked.content["conduct"]["clauses"] if c != "privacy"]
    with pytest.raises(ValidationError):
        save(locked, editor, "conduct", clauses=clauses)


def test_saving_a_step_refuses_to_change_locked_own_words(locked, editor):
    with pytest.raises(ValidationError):
        save(locked, editor, "audience", own_text="Iets anders.")


def test_an_autosave_refuses_to_change_locked_own_words(locked, editor):
    with pytest.raises(ValidationError):
        save(locked, editor, "audience", autosave=True, own_text="Iets anders.")


def test_an_open_part_of_a_locked_block_can_change(locked, editor):
    result = save(locked, editor, "conduct", own_text="Onze eigen woorden.")
    assert result.saved


def test_a_new_version_keeps_the_locks(locked, editor):
    Policy.objects.filter(pk=locked.pk).update(status=Policy.Status.PUBLISHED)
    locked.refresh_from_db()
    assert policy_new_version(policy=locked, user=editor).locks == LOCKS


def test_the_step_form_says_which_part_is_locked_and_why(locked, editor_client):
    data = form_data(locked, "audience", own_text="Iets anders.")
    response = editor_client.post(step_url(locked, "audience"), data)
    assert response.status_code == 200
    assert "Wettelijk verplicht" in response.text
    assert Policy.objects.get(pk=locked.pk).content["audience"]["own_text"] != "Iets anders."


def test_the_step_shows_the_locked_parts_with_their_reason(locked, editor_client):
    response = editor_client.get(step_url(locked, "conduct"))
    assert 'id="locked-parts-title"' in response.text
    assert "Verplicht onder de AVG" in response.text


def test_a_locked_clause_of_another_sector_shows_its_words_not_its_key(
    locked, organisation, editor_client
):
    # The master leaves its "privacy" clause out, and care is not offered it: the lock still
    # says which clause it keeps out, in the clause's words.
    organisation.sector = "care"
    organisation.save(update_fields=["sector"])
    content = dict(locked.content)
    clauses = [key for key in content["conduct"]["clauses"] if key != "privacy"]
    content["conduct"] = {**content["conduct"], "clauses": clauses}
    Policy.objects.filter(pk=locked.pk).update(content=content)
    page = editor_client.get(step_url(locked, "conduct"), HTTP_ACCEPT_LANGUAGE="en").text
    assert "Left out: privacy" not in page
    assert "Left out: Deel foto&#x27;s, namen of verhalen van collega&#x27;s of cliënten" in page


def test_the_autosave_endpoint_answers_a_locked_change_with_its_message(locked, editor_client):
    data = form_data(locked, "audience", own_text="Iets anders.")
    response = editor_client.post(
        reverse("policy_autosave", args=[locked.pk, "audience"]),
        data,
        HTTP_ACCEPT="application/json",
    )
    assert (response.status_code, response.json()["error"]) == (400, "locked")
