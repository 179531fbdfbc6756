"""Master policies: making, locking, starting client policies, proposing and accepting."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import MembershipFactory, OrganisationFactory
from tests.masters.conftest import edit_client, edit_working_copy
from wizard.masters import services
from wizard.masters.models import MasterVersion, PolicyOrigin, ProposedUpdate, UpdateSend
from wizard.models import AuditEvent, Membership, Policy
from wizard.review import workflow


def test_a_consultant_makes_a_master_from_their_policy(working_copy, adviser):
    master = services.master_make(policy=working_copy, user=adviser, title="Zorg standaard")
    assert master.owner == adviser
    assert master.versions.get().content == working_copy.content


def test_an_editor_cannot_make_a_master(policy, editor):
    with pytest.raises(PermissionDenied):
        services.master_make(policy=policy, user=editor)


def test_a_policy_started_from_a_master_records_its_origin(derived, master):
    origin = PolicyOrigin.objects.get(policy=derived)
    assert (origin.master, origin.version.number) == (master, 1)


def test_a_policy_started_from_a_master_carries_its_locks(derived):
    assert derived.locks == {
        "audience": {"own_text": "Wettelijk verplicht"},
        "conduct": {"clause:privacy": ""},
    }


def test_a_policy_started_from_a_master_has_the_clients_name(derived):
    assert derived.content["conduct"]["own_text"].endswith("Meld fouten bij Voorbeeld Zorg B.V.")


def test_a_master_starts_policies_only_where_its_owner_is_the_consultant(master, adviser):
    elsewhere = OrganisationFactory()
    MembershipFactory(user=adviser, organisation=elsewhere, role=Membership.Role.EDITOR)
    with pytest.raises(PermissionDenied):
        services.master_start_policy(master=master, organisation=elsewhere, user=adviser)


def test_publishing_a_version_proposes_an_update_to_each_derived_policy(
    derived, master, adviser, working_copy, django_capture_on_commit_callbacks
):
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    with django_capture_on_commit_callbacks(execute=True):
        version = services.master_publish_version(master=master, user=adviser)
    update = ProposedUpdate.objects.get(policy=derived)
    assert (update.from_version.number, update.to_version, update.status) == (1, version, "open")


def test_publishing_reaches_no_client_the_consultant_no_longer_advises(
    derived, master, adviser, working_copy, django_capture_on_commit_callbacks
):
    Membership.objects.filter(user=adviser, organisation=derived.organisation).delete()
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    with django_capture_on_commit_callbacks(execute=True):
        services.master_publish_version(master=master, user=adviser)
    assert not ProposedUpdate.objects.exists()


def test_publishing_an_unchanged_master_is_refused(master, adviser):
    with pytest.raises(ValidationError):
        services.master_publish_version(master=master, user=adviser)


@pytest.fixture
def publish(master, adviser, working_copy, django_capture_on_commit_callbacks):
    def publish(**blocks) -> ProposedUpdate:
        for block_key, values in blocks.items():
            edit_working_copy(working_copy, block_key, **values)
        with django_capture_on_commit_callbacks(execute=True):
            version = services.master_publish_version(master=master, user=adviser)
        return ProposedUpdate.objects.get(to_version=version)

    return publish


def test_nothing_changes_in_the_clients_policy_until_accepted(derived, publish):
    before = Policy.objects.get(pk=derived.pk).content
    publish(social_media={"own_text": "Nieuw."})
    assert Policy.objects.get(pk=derived.pk).content == before


def test_accepting_takes_the_new_text_where_the_client_changed_nothing(
    derived, publish, client_editor
):
    update = publish(social_media={"own_text": "Nieuw."})
    services.update_accept(proposal=update, user=client_editor)
    derived.refresh_from_db()
    assert derived.content["social_media"]["own_text"] == "Nieuw."
    assert PolicyOrigin.objects.get(policy=derived).version == update.to_version


def test_accepting_takes_a_locked_part_whatever_the_client_had(derived, publish, client_editor):
    edit_client(derived, "audience", own_text="Onze versie.")
    update = publish(audience={"own_text": "Nieuwe verplichte tekst."})
    services.update_accept(proposal=update, user=client_editor)
    derived.refresh_from_db()
    assert derived.content["audience"]["own_text"] == "Nieuwe verplichte tekst."


def test_accepting_a_conflict_needs_a_choice(derived, publish, client_editor):
    edit_client(derived, "conduct", own_text="Onze tekst.")
    update = publish(conduct={"own_text": "Tekst van de master."})
    with pytest.raises(ValidationError):
        services.update_accept(proposal=update, user=client_editor)


def test_accepting_a_conflict_keeps_the_combined_text(derived, publish, client_editor):
    edit_client(derived, "conduct", own_text="Onze tekst.")
    update = publish(conduct={"own_text": "Tekst van de master."})
    choices = {("conduct", "own_text"): ("combined", "Onze tekst. Tekst van de master.")}
    services.update_accept(proposal=update, user=client_editor, choices=choices)
    derived.refresh_from_db()
    assert derived.content["conduct"]["own_text"] == "Onze tekst. Tekst van de master."


def test_accepting_is_audited(derived, publish, client_editor):
    update = publish(social_media={"own_text": "Nieuw."})
    services.update_accept(proposal=update, user=client_editor)
    assert derived.audit_events.filter(action=AuditEvent.Action.ACCEPT_UPDATE).exists()


def test_accepting_for_a_published_policy_makes_a_new_draft_version(
    derived, publish, client_editor, adviser
):
    Policy.objects.filter(pk=derived.pk).update(status=Policy.Status.PUBLISHED)
    update = publish(social_media={"own_text": "Nieuw."})
    changed = services.update_accept(proposal=update, user=client_editor)
    derived.refresh_from_db()
    assert (changed.status, changed.based_on) == (Policy.Status.DRAFT, derived)
    assert changed.content["social_media"]["own_text"] == "Nieuw."
    assert derived.content["social_media"]["own_text"] == ""
    assert PolicyOrigin.objects.get(master=update.to_version.master).policy == changed


def test_the_new_draft_of_an_accepted_update_goes_through_review(derived, publish, client_editor):
    Policy.objects.filter(pk=derived.pk).update(status=Policy.Status.PUBLISHED)
    changed = services.update_accept(
        proposal=publish(social_media={"own_text": "Nieuw."}), user=client_editor
    )
    workflow.policy_submit(policy=changed, user=client_editor)
    assert Policy.objects.get(pk=changed.pk).status == Policy.Status.IN_REVIEW


def test_declining_changes_nothing_and_is_audited(derived, publish, client_editor):
    update = publish(social_media={"own_text": "Nieuw."})
    services.update_decline(proposal=update, user=client_editor)
    derived.refresh_from_db()
    assert derived.content["social_media"]["own_text"] == ""
    assert derived.audit_events.filter(action=AuditEvent.Action.DECLINE_UPDATE).exists()


def test_a_declined_update_cannot_be_accepted(derived, publish, client_editor):
    update = publish(social_media={"own_text": "Nieuw."})
    services.update_decline(proposal=update, user=client_editor)
    with pytest.raises(PermissionDenied):
        services.update_accept(proposal=update, user=client_editor)


def test_detaching_unlocks_the_policy_and_ends_its_updates(derived, client_editor):
    services.master_detach(policy=derived, user=client_editor)
    derived.refresh_from_db()
    assert derived.locks == {}
    assert not PolicyOrigin.objects.filter(policy=derived).exists()
    assert derived.audit_events.filter(action=AuditEvent.Action.DETACH_MASTER).exists()


def test_locks_saved_after_clients_derived_wait_for_the_next_version(derived, master, adviser):
    applied = services.master_set_locks(master=master, user=adviser, locks={})
    assert applied is False
    assert MasterVersion.objects.get(master=master, number=1).locks != {}


def test_a_failure_for_one_client_does_not_stop_the_others(
    derived, master, adviser, working_copy, monkeypatch, django_capture_on_commit_callbacks
):
    other = OrganisationFactory()
    MembershipFactory(user=adviser, organisation=other, role=Membership.Role.CONSULTANT)
    second = services.master_start_policy(master=master, organisation=other, user=adviser)
    real = services.propose_to

    def failing_for_first(*, origin, version):
        if origin.policy_id == derived.pk:
            raise RuntimeError("boom")
        return real(origin=origin, version=version)

    monkeypatch.setattr(services, "propose_to", failing_for_first)
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    with django_capture_on_commit_callbacks(execute=True):
        services.master_publish_version(master=master, user=adviser)
    assert list(ProposedUpdate.objects.values_list("policy", flat=True)) == [second.pk]


def test_publishing_queues_the_proposals_instead_of_making_them_in_the_request(
    derived, master, adviser, working_copy, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    with django_capture_on_commit_callbacks(execute=True):
        services.master_publish_version(master=master, user=adviser)
    sending = UpdateSend.objects.get()
    queued = services.send_master_update.get_backend().results
    assert [result.kwargs for result in queued] == [{"send_id": sending.pk}]
    assert not ProposedUpdate.objects.exists()


def test_the_clients_editors_get_an_email_about_the_proposed_update(
    derived,
    master,
    adviser,
    working_copy,
    client_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    with django_capture_on_commit_callbacks(execute=True):
        services.master_publish_version(master=master, user=adviser)
    update = ProposedUpdate.objects.get(policy=derived)
    assert [message.to for message in mailoutbox] == [[client_editor.email]]
    assert f"/updates/{update.pk}/" in mailoutbox[0].body
