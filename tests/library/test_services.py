"""Taking or declining an updated clause of the library in one policy."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import publish
from tests.library.conftest import CLAUSE, NEW_SENTENCE, OLD_SENTENCE, OWN_WORDING, printed
from wizard.library import services
from wizard.masters.services import COMBINED, OURS, THEIRS
from wizard.policies.document import outdated_clauses
from wizard.policies.models import AuditEvent, Policy
from wizard.policies.releases import current_release


def test_an_unchanged_clause_merges_to_the_new_text(outdated):
    (change,) = services.clause_changes(outdated)
    assert (NEW_SENTENCE in change.merged, change.conflict) == (True, False)


def test_accepting_an_unchanged_clause_prints_the_new_text(outdated, editor):
    services.clause_updates_accept(policy=outdated, user=editor)
    outdated.refresh_from_db()
    assert NEW_SENTENCE in printed(outdated)


def test_accepting_records_the_new_release(outdated, editor):
    services.clause_updates_accept(policy=outdated, user=editor)
    outdated.refresh_from_db()
    assert outdated.clause_releases == {CLAUSE: {"at": current_release()}}


def test_accepting_hides_the_notice(outdated, editor):
    changed = services.clause_updates_accept(policy=outdated, user=editor)
    assert outdated_clauses(changed) == []


def test_accepting_is_audited(outdated, editor):
    services.clause_updates_accept(policy=outdated, user=editor)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACCEPT_CLAUSE_UPDATE)
    assert (event.policy_id, CLAUSE in event.detail) == (outdated.pk, True)


def test_an_edited_clause_both_changed_is_a_conflict(reworded):
    (change,) = services.clause_changes(reworded)
    assert (change.conflict, change.update.ours) == (True, OWN_WORDING)


def test_accepting_an_edited_clause_needs_a_choice(reworded, editor):
    with pytest.raises(ValidationError):
        services.clause_updates_accept(policy=reworded, user=editor)


def test_keeping_our_text_keeps_the_own_wording_at_the_new_release(reworded, editor):
    services.clause_updates_accept(policy=reworded, user=editor, choices={CLAUSE: OURS})
    reworded.refresh_from_db()
    assert (OWN_WORDING in printed(reworded), outdated_clauses(reworded)) == (True, [])


def test_taking_the_librarys_text_drops_the_own_wording(reworded, editor):
    services.clause_updates_accept(policy=reworded, user=editor, choices={CLAUSE: THEIRS})
    reworded.refresh_from_db()
    assert (NEW_SENTENCE in printed(reworded), OWN_WORDING in printed(reworded)) == (True, False)


def test_a_combined_text_becomes_the_clauses_wording(reworded, editor):
    combined = "Een datalek meld je meteen; wij melden het binnen 72 uur na ontdekking."
    choices = {CLAUSE: (COMBINED, combined)}
    services.clause_updates_accept(policy=reworded, user=editor, choices=choices)
    reworded.refresh_from_db()
    assert combined in printed(reworded)


def test_declining_keeps_the_text(outdated, editor):
    services.clause_updates_decline(policy=outdated, user=editor)
    outdated.refresh_from_db()
    assert OLD_SENTENCE in printed(outdated)


def test_declining_hides_the_notice(outdated, editor):
    services.clause_updates_decline(policy=outdated, user=editor)
    outdated.refresh_from_db()
    assert outdated_clauses(outdated) == []


def test_declining_is_audited(outdated, editor):
    services.clause_updates_decline(policy=outdated, user=editor)
    event = AuditEvent.objects.get(action=AuditEvent.Action.DECLINE_CLAUSE_UPDATE)
    assert (event.policy_id, event.actor_id) == (outdated.pk, editor.pk)


def test_declining_twice_is_refused(outdated, editor):
    services.clause_updates_decline(policy=outdated, user=editor)
    outdated.refresh_from_db()
    with pytest.raises(ValidationError):
        services.clause_updates_decline(policy=outdated, user=editor)


def test_a_reviewer_cannot_accept(outdated, reviewer):
    with pytest.raises(PermissionDenied):
        services.clause_updates_accept(policy=outdated, user=reviewer)


def test_accepting_for_a_published_policy_leaves_it_unchanged(outdated, editor):
    published = publish(outdated, editor)
    frozen = published.publication.document
    services.clause_updates_accept(policy=published, user=editor)
    published.refresh_from_db()
    assert (published.publication.document, OLD_SENTENCE in printed(published)) == (frozen, True)


def test_accepting_for_a_published_policy_goes_into_a_new_draft_version(outdated, editor):
    published = publish(outdated, editor)
    changed = services.clause_updates_accept(policy=published, user=editor)
    assert (changed.based_on_id, changed.status) == (published.pk, Policy.Status.DRAFT)
    assert NEW_SENTENCE in printed(changed)
