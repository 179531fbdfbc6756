"""Minor or material: a new version is a material change (everyone confirms again) unless the
author publishes it as a minor correction, for which earlier confirmations stay valid."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.factories import acknowledge
from wizard.models import AuditEvent, Policy
from wizard.policies import services as policy_services
from wizard.review import workflow
from wizard.rollout import selectors
from wizard.rollout import services as rollout_services
from wizard.rollout.links import personal_key
from wizard.rollout.models import StaffMember


def approved_new_version(policy, user):
    draft = policy_services.policy_new_version(policy=policy, user=user)
    content = dict(draft.content)
    content["conduct"] = {**content["conduct"], "own_text": "Vraag eerst je leidinggevende."}
    Policy.objects.filter(pk=draft.pk).update(content=content, status=Policy.Status.APPROVED)
    draft.refresh_from_db()
    return draft


def publish_version(published, editor, *, minor: bool):
    draft = approved_new_version(published, editor)
    workflow.policy_publish(policy=draft, user=editor, minor=minor)
    draft.refresh_from_db()
    return draft


def staff(published):
    return StaffMember.objects.create(
        organisation=published.organisation, name="Sanne Jansen", email="sanne@voorbeeldzorg.nl"
    )


def test_after_a_minor_correction_earlier_confirmations_stay_valid(published, editor):
    staff(published)
    acknowledge(published)
    newer = publish_version(published, editor, minor=True)
    assert selectors.round_progress(newer).total.done == 1


def test_after_a_material_change_everyone_confirms_again(published, editor):
    staff(published)
    acknowledge(published)
    newer = publish_version(published, editor, minor=False)
    assert selectors.round_progress(newer).total.pending == 1


def test_the_register_says_a_confirmation_is_still_valid_after_a_minor_correction(
    editor_client, published, editor
):
    staff(published)
    acknowledge(published)
    newer = publish_version(published, editor, minor=True)
    page = editor_client.get(
        reverse("acknowledgement_register", args=[newer.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "confirmed version 1.0, still valid after minor correction 1.1" in page


def test_the_choice_is_audited(published, editor):
    newer = publish_version(published, editor, minor=True)
    event = AuditEvent.objects.get(policy=newer, action=AuditEvent.Action.PUBLISH)
    assert event.detail == workflow.PUBLISH_MINOR


def test_a_new_version_is_a_material_change_unless_told(editor_client, published, editor):
    draft = approved_new_version(published, editor)
    editor_client.post(reverse("policy_publish", args=[draft.pk]))
    event = AuditEvent.objects.get(policy=draft, action=AuditEvent.Action.PUBLISH)
    assert event.detail == workflow.PUBLISH_MATERIAL


def test_publishing_asks_minor_or_material_with_material_first(editor_client, published, editor):
    draft = approved_new_version(published, editor)
    page = editor_client.get(
        reverse("policy_review", args=[draft.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Must staff confirm this version again?" in page
    material = re.search(r'<input type="radio" name="change" value="material"[^>]*>', page)
    assert material is not None and " checked" in material.group(0)


def test_the_author_publishes_a_minor_correction_from_the_review_page(
    editor_client, published, editor
):
    staff(published)
    acknowledge(published)
    draft = approved_new_version(published, editor)
    editor_client.post(reverse("policy_publish", args=[draft.pk]), {"change": "minor"})
    draft.refresh_from_db()
    assert draft.publication.minor_correction
    assert selectors.round_progress(draft).total.done == 1


def test_the_staff_page_says_an_earlier_confirmation_still_counts(client, published, editor):
    member = staff(published)
    acknowledge(published)
    newer = publish_version(published, editor, minor=True)
    url = reverse(
        "personal_policy", kwargs={"token": newer.share_token, "key": personal_key(member)}
    )
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You confirmed version 1.0 on" in page


def test_no_reminder_goes_to_someone_whose_confirmation_still_counts(
    published, editor, django_capture_on_commit_callbacks
):
    staff(published)
    acknowledge(published)
    newer = publish_version(published, editor, minor=True)
    with django_capture_on_commit_callbacks(execute=True):
        sent = rollout_services.round_reminders_send(today=selectors.round_of(newer).started_on)
    assert sent == 0
