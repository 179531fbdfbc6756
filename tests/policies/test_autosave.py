"""Autosave while typing: the service (conflicts, revisions, audit) and its JSON endpoint."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_ratelimit.exceptions import Ratelimited

from tests.factories import MembershipFactory
from wizard.models import AuditEvent, Membership, Policy, Revision
from wizard.policies import views
from wizard.policies.document import default_content
from wizard.policies.services import (
    content_hash,
    policy_autosave_step,
    policy_save_step,
)
from wizard.policies.steps import CONFLICT_SESSION_KEY
from wizard.review import workflow

STEP = "conduct"


def conduct(own_text: str) -> dict:
    return {**default_content()[STEP], "own_text": own_text}


def autosave(policy: Policy, user, own_text: str, base_hash: str | None = None):
    if base_hash is None:
        base_hash = content_hash(Policy.objects.get(pk=policy.pk).content[STEP])
    return policy_autosave_step(
        policy_id=policy.pk, user=user, step=STEP, data=conduct(own_text), base_hash=base_hash
    )


def age(policy: Policy, seconds: int) -> None:
    """Move the policy's revisions `seconds` into the past, as if that much time went by."""
    for revision in policy.revisions.all():
        revision.created_at -= timedelta(seconds=seconds)
        if revision.autosaved_at:
            revision.autosaved_at -= timedelta(seconds=seconds)
        revision.save()


def step_saves(policy: Policy) -> int:
    return AuditEvent.objects.filter(policy=policy, action=AuditEvent.Action.SAVE_STEP).count()


# --- The service ---------------------------------------------------------------------------


def test_an_autosave_stores_the_block(policy, editor):
    result = autosave(policy, editor, "Wees aardig.")
    policy.refresh_from_db()
    assert result.saved
    assert policy.content[STEP]["own_text"] == "Wees aardig."
    assert policy.updated_by == editor


def test_autosaves_within_the_window_update_one_revision(policy, editor, settings):
    settings.AUTOSAVE_REVISION_WINDOW_SECONDS = 300
    for text in ("W", "We", "Wees", "Wees aardig."):
        autosave(policy, editor, text)
    revisions = Revision.objects.filter(policy=policy, step=STEP)
    assert revisions.count() == 1
    assert revisions.get().content[STEP]["own_text"] == "Wees aardig."


def test_an_autosave_after_the_window_starts_a_new_revision(policy, editor, settings):
    settings.AUTOSAVE_REVISION_WINDOW_SECONDS = 300
    autosave(policy, editor, "Eerste versie.")
    age(policy, 301)
    autosave(policy, editor, "Tweede versie.")
    texts = [r.content[STEP]["own_text"] for r in policy.revisions.order_by("number")]
    assert texts == ["Eerste versie.", "Tweede versie."]


def test_one_audit_event_per_editing_stretch(policy, editor, settings):
    settings.AUTOSAVE_REVISION_WINDOW_SECONDS = 300
    autosave(policy, editor, "Een.")
    autosave(policy, editor, "Een twee.")
    autosave(policy, editor, "Een twee drie.")
    assert step_saves(policy) == 1


def test_a_long_pause_starts_a_new_editing_stretch(policy, editor, settings):
    settings.AUTOSAVE_REVISION_WINDOW_SECONDS = 300
    autosave(policy, editor, "Voor de pauze.")
    age(policy, 400)
    autosave(policy, editor, "Na de pauze.")
    assert step_saves(policy) == 2


def test_steady_typing_past_the_window_is_still_one_stretch(policy, editor, settings):
    # A new revision every window, but the audit trail says "edited" once while typing goes on.
    settings.AUTOSAVE_REVISION_WINDOW_SECONDS = 300
    autosave(policy, editor, "Begin.")
    revision = policy.revisions.get()
    revision.created_at -= timedelta(seconds=301)  # started long ago, last autosave just now
    revision.save()
    autosave(policy, editor, "Begin en verder.")
    assert policy.revisions.count() == 2
    assert step_saves(policy) == 1


def test_another_users_autosave_starts_its_own_revision(policy, editor, organisation):
    colleague = MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR).user
    autosave(policy, editor, "Van mij.")
    autosave(policy, colleague, "Van mijn collega.")
    assert list(policy.revisions.order_by("number").values_list("author", flat=True)) == [
        editor.pk,
        colleague.pk,
    ]
    assert step_saves(policy) == 2


def test_an_autosave_from_an_old_version_is_a_conflict(policy, editor):
    old_hash = content_hash(policy.content[STEP])
    autosave(policy, editor, "Opgeslagen in het andere tabblad.")
    result = autosave(policy, editor, "Getypt in dit tabblad.", base_hash=old_hash)
    policy.refresh_from_db()
    assert result.conflict and not result.saved
    assert result.theirs["own_text"] == "Opgeslagen in het andere tabblad."
    assert policy.content[STEP]["own_text"] == "Opgeslagen in het andere tabblad."


def test_an_unchanged_autosave_writes_nothing(policy, editor):
    autosave(policy, editor, "Hetzelfde.")
    version = Policy.objects.get(pk=policy.pk).version
    result = autosave(policy, editor, "Hetzelfde.")
    assert not result.saved and not result.conflict
    assert Policy.objects.get(pk=policy.pk).version == version


def test_a_reviewer_cannot_autosave(policy, reviewer):
    with pytest.raises(PermissionDenied):
        autosave(policy, reviewer, "Niet van mij.")


def test_next_after_autosaves_closes_their_revision(policy, editor):
    autosave(policy, editor, "Getypt.")
    stored = Policy.objects.get(pk=policy.pk).content[STEP]
    result = policy_save_step(
        policy_id=policy.pk,
        user=editor,
        step=STEP,
        data=stored,
        base_hash=content_hash(stored),
        reopen_at="privacy",
    )
    assert not result.saved
    revision = policy.revisions.get()
    assert revision.autosaved_at is None
    assert revision.content[STEP]["own_text"] == "Getypt."
    # Typing again after Next makes a new revision: the one of Next stays as it was.
    autosave(policy, editor, "Getypt en meer.")
    assert policy.revisions.count() == 2
    assert policy.revisions.order_by("number").first().content[STEP]["own_text"] == "Getypt."


def test_a_status_change_closes_the_autosave_revision(policy, editor):
    autosave(policy, editor, "Klaar voor beoordeling.")
    workflow.policy_submit(policy=policy, user=editor)
    revision = policy.revisions.get()
    assert revision.autosaved_at is None
    assert revision.content == Policy.objects.get(pk=policy.pk).content


# --- The endpoint --------------------------------------------------------------------------


def autosave_url(policy: Policy, step: str = STEP) -> str:
    return reverse("policy_autosave", kwargs={"pk": policy.pk, "step": step})


def form_data(policy: Policy, own_text: str, base_hash: str | None = None) -> dict:
    stored = policy.content[STEP]
    return {
        f"{STEP}-clauses": stored["clauses"],
        f"{STEP}-own_text": own_text,
        f"{STEP}-base_hash": content_hash(stored) if base_hash is None else base_hash,
    }


JSON = {"HTTP_ACCEPT": "application/json"}


def test_the_endpoint_saves_and_answers_the_time_and_new_hash(editor_client, policy):
    before = timezone.localtime().strftime("%H:%M")
    response = editor_client.post(autosave_url(policy), form_data(policy, "Wees aardig."), **JSON)
    after = timezone.localtime().strftime("%H:%M")
    assert response.status_code == 200
    payload = response.json()
    policy.refresh_from_db()
    assert policy.content[STEP]["own_text"] == "Wees aardig."
    assert payload["base_hash"] == content_hash(policy.content[STEP])
    # The minute it was saved in, which may have turned during the request.
    assert payload["saved_at"] in {before, after}


def test_the_endpoint_keeps_the_declared_fields_only(editor_client, policy):
    data = {**form_data(policy, "Tekst."), f"{STEP}-evil": "x"}
    editor_client.post(autosave_url(policy), data, **JSON)
    policy.refresh_from_db()
    assert "evil" not in policy.content[STEP]


def test_the_endpoint_answers_a_conflict_with_409_and_the_choice(editor_client, policy, editor):
    old_hash = content_hash(policy.content[STEP])
    autosave(policy, editor, "Van de collega.")
    response = editor_client.post(
        autosave_url(policy), form_data(policy, "Van mij.", base_hash=old_hash), **JSON
    )
    assert response.status_code == 409
    payload = response.json()
    assert payload["theirs"]["own_text"] == "Van de collega."
    assert "Keep my version" in payload["html"] or "Mijn versie houden" in payload["html"]
    key = CONFLICT_SESSION_KEY.format(pk=policy.pk, step=STEP)
    assert editor_client.session[key]["own_text"] == "Van mij."


def test_the_conflict_choice_in_the_answer_is_escaped(editor_client, policy, editor):
    old_hash = content_hash(policy.content[STEP])
    autosave(policy, editor, "Van de collega.")
    response = editor_client.post(
        autosave_url(policy), form_data(policy, "<script>x</script>", base_hash=old_hash), **JSON
    )
    html = response.json()["html"]
    assert "<script>x" not in html
    assert "&lt;script&gt;x" in html


def test_an_ended_session_gets_401_json_not_a_redirect(client, policy):
    response = client.post(autosave_url(policy), form_data(policy, "Tekst."), **JSON)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "login"


def test_a_stale_csrf_token_gets_403_json(editor, policy):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(
        autosave_url(policy),
        {**form_data(policy, "Tekst."), "csrfmiddlewaretoken": "x" * 64},
        **JSON,
    )
    assert response.status_code == 403
    assert response.json()["error"] == "csrf"


def test_a_stale_csrf_token_on_a_page_form_still_gets_the_page(editor, policy):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    step_url = reverse("wizard_step", kwargs={"pk": policy.pk, "step": STEP})
    response = client.post(step_url, form_data(policy, "Tekst."))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_a_stale_csrf_token_gets_json_even_without_asking_for_it(editor, policy):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(autosave_url(policy), form_data(policy, "Tekst."))
    assert response.status_code == 403
    assert response.json()["error"] == "csrf"


def test_an_autosave_without_base_hash_is_400_and_saves_nothing(editor_client, policy):
    before = policy.content[STEP]
    data = {k: v for k, v in form_data(policy, "Tekst.").items() if not k.endswith("base_hash")}
    response = editor_client.post(autosave_url(policy), data, **JSON)
    assert response.status_code == 400
    assert response.json()["error"] == "base_hash"
    policy.refresh_from_db()
    assert policy.content[STEP] == before


def test_an_autosave_with_none_of_the_steps_fields_is_400_and_saves_nothing(editor_client, policy):
    before = policy.content[STEP]
    data = {f"{STEP}-base_hash": content_hash(before), "other-own_text": "x"}
    response = editor_client.post(autosave_url(policy), data, **JSON)
    assert response.status_code == 400
    assert response.json()["error"] == "no_fields"
    policy.refresh_from_db()
    assert policy.content[STEP] == before


def test_a_json_body_does_not_empty_the_step(editor_client, policy):
    before = policy.content[STEP]
    assert before["clauses"]
    body = json.dumps({"base_hash": content_hash(before), "own_text": "x"})
    response = editor_client.post(
        autosave_url(policy), body, content_type="application/json", **JSON
    )
    assert response.status_code == 400
    policy.refresh_from_db()
    assert policy.content[STEP] == before


def test_a_policy_in_review_answers_403_json(editor_client, policy, editor):
    workflow.policy_submit(policy=policy, user=editor)
    response = editor_client.post(autosave_url(policy), form_data(policy, "Tekst."), **JSON)
    assert response.status_code == 403
    assert response.json()["error"] == "refused"


def test_a_reader_cannot_autosave(client, policy, reviewer):
    client.force_login(reviewer)
    response = client.post(autosave_url(policy), form_data(policy, "Tekst."), **JSON)
    assert response.status_code == 403
    policy.refresh_from_db()
    assert policy.content[STEP]["own_text"] != "Tekst."


def test_another_organisations_policy_is_404_json(client, policy, outsider):
    client.force_login(outsider)
    response = client.post(autosave_url(policy), form_data(policy, "Tekst."))
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_an_unknown_step_is_404_json(editor_client, policy):
    response = editor_client.post(autosave_url(policy, "nope"), {})
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_get_is_refused_with_405_json(editor_client, policy):
    response = editor_client.get(autosave_url(policy))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["error"] == "method"


def test_a_refusal_without_asking_for_json_is_403_json(client, policy, reviewer):
    client.force_login(reviewer)
    response = client.post(autosave_url(policy), form_data(policy, "Tekst."))
    assert response.status_code == 403
    assert response.json()["error"] == "refused"


def test_an_oversized_body_is_400_json(editor_client, policy, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = editor_client.post(autosave_url(policy), form_data(policy, "x" * 2000))
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


def test_a_rate_limited_autosave_is_429_json(editor_client, policy, monkeypatch):
    def refuse(**kwargs):
        raise Ratelimited

    monkeypatch.setattr(views, "policy_autosave_step", refuse)
    response = editor_client.post(autosave_url(policy), form_data(policy, "Tekst."))
    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"


def test_the_session_state_says_logged_in_and_gives_a_token(editor_client):
    payload = json.loads(editor_client.get(reverse("session_state")).content)
    assert payload["authenticated"] is True
    assert len(payload["csrf_token"]) == 64


def test_the_session_state_says_logged_out(client, db):
    assert client.get(reverse("session_state")).json()["authenticated"] is False


def test_the_step_page_carries_the_autosave_hooks(editor_client, policy):
    response = editor_client.get(reverse("wizard_step", kwargs={"pk": policy.pk, "step": STEP}))
    html = response.content.decode()
    assert f'data-autosave-url="{autosave_url(policy)}"' in html
    # What the script sends with every autosave (the whole form): the version it started from.
    assert f'name="{STEP}-base_hash"' in html
    assert 'aria-live="polite"' in html
    assert "data-autosave-restore" in html
