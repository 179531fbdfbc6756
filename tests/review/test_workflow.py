"""The status workflow, comments and new versions, called directly (wizard/review/workflow.py)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import CommentFactory, PolicyFactory
from wizard.models import POLICY_CONTENT_LOCKED, AuditEvent, Comment, Policy
from wizard.policies import services as policy_services
from wizard.policies.document import default_content
from wizard.policies.services import (
    content_hash,
    policy_save_details,
    policy_save_step,
    policy_set_content,
)
from wizard.review import workflow

Status = Policy.Status


def in_status(policy: Policy, status: str) -> Policy:
    Policy.objects.filter(pk=policy.pk).update(status=status)
    policy.refresh_from_db()
    return policy


def refusal(excinfo) -> str:
    return str(excinfo.value)


# --- Submit ---------------------------------------------------------------------------------


def test_submit_sends_a_draft_to_review(policy, editor):
    workflow.policy_submit(policy=policy, user=editor)
    policy.refresh_from_db()
    assert policy.status == Status.IN_REVIEW


def test_submit_records_who_submitted_and_when(policy, editor):
    workflow.policy_submit(policy=policy, user=editor)
    policy.refresh_from_db()
    assert policy.submitted_by == editor
    assert policy.submitted_at is not None


def test_submit_is_in_the_audit_trail(policy, editor):
    workflow.policy_submit(policy=policy, user=editor)
    assert AuditEvent.objects.filter(policy=policy, action="submit", actor=editor).exists()


def test_a_consultant_may_submit(policy, consultant):
    workflow.policy_submit(policy=policy, user=consultant)
    assert Policy.objects.get(pk=policy.pk).status == Status.IN_REVIEW


def test_a_policy_with_requested_changes_can_be_submitted_again(policy, editor):
    in_status(policy, Status.CHANGES_REQUESTED)
    workflow.policy_submit(policy=policy, user=editor)
    assert Policy.objects.get(pk=policy.pk).status == Status.IN_REVIEW


def test_a_reviewer_cannot_submit(policy, reviewer):
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_submit(policy=policy, user=reviewer)
    assert refusal(excinfo) == str(workflow.ONLY_AUTHORS_SUBMIT)


def test_someone_outside_the_organisation_cannot_submit(policy, outsider):
    with pytest.raises(PermissionDenied):
        workflow.policy_submit(policy=policy, user=outsider)


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.APPROVED, Status.PUBLISHED])
def test_only_drafts_can_be_submitted(policy, editor, status):
    in_status(policy, status)
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_submit(policy=policy, user=editor)
    assert refusal(excinfo) == str(workflow.CANNOT_SUBMIT)


def test_an_incomplete_policy_cannot_be_submitted_and_stays_a_draft(policy, editor):
    content = default_content()
    content["conduct"] = {**content["conduct"], "clauses": [], "own_text": ""}
    policy_set_content(policy, content)
    policy.save()
    with pytest.raises(PermissionDenied):
        workflow.policy_submit(policy=policy, user=editor)
    assert policy.status == Status.DRAFT
    assert Policy.objects.get(pk=policy.pk).status == Status.DRAFT


# --- Decisions ------------------------------------------------------------------------------


def test_a_reviewer_requests_changes(policy, reviewer):
    in_status(policy, Status.IN_REVIEW)
    workflow.policy_request_changes(policy=policy, user=reviewer)
    assert Policy.objects.get(pk=policy.pk).status == Status.CHANGES_REQUESTED


def test_the_note_with_requested_changes_becomes_a_comment_on_the_whole_policy(policy, reviewer):
    in_status(policy, Status.IN_REVIEW)
    workflow.policy_request_changes(policy=policy, user=reviewer, note="Korter graag.")
    comment = Comment.objects.get(policy=policy)
    assert (comment.block_key, comment.text, comment.author) == ("", "Korter graag.", reviewer)


def test_an_editor_cannot_request_changes(policy, editor):
    in_status(policy, Status.IN_REVIEW)
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_request_changes(policy=policy, user=editor)
    assert refusal(excinfo) == str(workflow.ONLY_REVIEWERS_DECIDE)


def test_changes_cannot_be_requested_on_a_draft(policy, reviewer):
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_request_changes(policy=policy, user=reviewer)
    assert refusal(excinfo) == str(workflow.NOT_IN_REVIEW)


def test_a_reviewer_approves(policy, reviewer):
    in_status(policy, Status.IN_REVIEW)
    workflow.policy_approve(policy=policy, user=reviewer)
    assert Policy.objects.get(pk=policy.pk).status == Status.APPROVED
    assert AuditEvent.objects.filter(policy=policy, action="approve", actor=reviewer).exists()


def test_approval_sets_a_past_review_date_one_year_ahead(policy, reviewer):
    Policy.objects.filter(pk=policy.pk).update(
        status=Status.IN_REVIEW, next_review_date=datetime.date(2000, 1, 1)
    )
    workflow.policy_approve(policy=policy, user=reviewer)
    expected = timezone.localdate() + datetime.timedelta(days=365)
    got = Policy.objects.get(pk=policy.pk).next_review_date
    assert abs((got - expected).days) <= 1


def test_approval_keeps_a_review_date_the_author_chose(policy, reviewer):
    chosen = timezone.localdate() + datetime.timedelta(days=100)
    Policy.objects.filter(pk=policy.pk).update(status=Status.IN_REVIEW, next_review_date=chosen)
    workflow.policy_approve(policy=policy, user=reviewer)
    assert Policy.objects.get(pk=policy.pk).next_review_date == chosen


def test_a_consultant_cannot_approve(policy, consultant):
    in_status(policy, Status.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        workflow.policy_approve(policy=policy, user=consultant)
    assert Policy.objects.get(pk=policy.pk).status == Status.IN_REVIEW


def test_a_draft_cannot_be_approved(policy, reviewer):
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_approve(policy=policy, user=reviewer)
    assert refusal(excinfo) == str(workflow.NOT_IN_REVIEW)


# --- Publish and archive --------------------------------------------------------------------


def test_an_editor_publishes_an_approved_policy_with_a_staff_link(policy, editor):
    in_status(policy, Status.APPROVED)
    workflow.policy_publish(policy=policy, user=editor)
    policy.refresh_from_db()
    assert policy.status == Status.PUBLISHED
    assert len(policy.share_token) >= 40


def test_a_draft_cannot_be_published(policy, editor):
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_publish(policy=policy, user=editor)
    assert refusal(excinfo) == str(workflow.CANNOT_PUBLISH)


def test_a_reviewer_cannot_publish(policy, reviewer):
    in_status(policy, Status.APPROVED)
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_publish(policy=policy, user=reviewer)
    assert refusal(excinfo) == str(workflow.ONLY_AUTHORS_PUBLISH)


def test_publishing_a_new_version_archives_the_old_one_and_keeps_the_link(policy, editor):
    in_status(policy, Status.APPROVED)
    workflow.policy_publish(policy=policy, user=editor)
    link = Policy.objects.get(pk=policy.pk).share_token
    draft = policy_services.policy_new_version(policy=policy, user=editor)
    in_status(draft, Status.APPROVED)
    workflow.policy_publish(policy=draft, user=editor)
    policy.refresh_from_db()
    draft.refresh_from_db()
    assert policy.status == Status.ARCHIVED
    assert policy.share_token == ""
    assert draft.share_token == link


def test_archiving_a_published_policy_revokes_its_link(policy, editor):
    Policy.objects.filter(pk=policy.pk).update(status=Status.PUBLISHED, share_token="abc" * 15)
    workflow.policy_archive(policy=policy, user=editor)
    policy.refresh_from_db()
    assert (policy.status, policy.share_token) == (Status.ARCHIVED, "")


def test_an_archived_policy_cannot_be_archived_again(policy, editor):
    in_status(policy, Status.ARCHIVED)
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_archive(policy=policy, user=editor)
    assert refusal(excinfo) == str(workflow.ALREADY_ARCHIVED)


def test_a_reviewer_cannot_archive(policy, reviewer):
    with pytest.raises(PermissionDenied):
        workflow.policy_archive(policy=policy, user=reviewer)


# --- Which buttons ------------------------------------------------------------------------


def test_allowed_transitions_for_an_editor_of_a_draft(policy):
    names = [t.name for t in workflow.allowed_transitions(policy, "editor")]
    assert names == ["submit", "archive"]


def test_allowed_transitions_for_a_reviewer_of_a_policy_in_review(policy):
    in_status(policy, Status.IN_REVIEW)
    names = [t.name for t in workflow.allowed_transitions(policy, "reviewer")]
    assert names == ["request_changes", "approve"]


def test_no_transitions_for_a_non_member(policy):
    assert workflow.allowed_transitions(policy, None) == []


# --- New versions -------------------------------------------------------------------------


def test_a_new_version_is_a_draft_with_the_same_content(policy, editor):
    in_status(policy, Status.APPROVED)
    draft = policy_services.policy_new_version(policy=policy, user=editor)
    assert draft.pk != policy.pk
    assert (draft.status, draft.content, draft.based_on) == (Status.DRAFT, policy.content, policy)


def test_a_new_version_raises_the_version_label(policy, editor):
    in_status(policy, Status.PUBLISHED)
    draft = policy_services.policy_new_version(policy=policy, user=editor)
    assert draft.version_label == "1.1"


def test_a_new_version_leaves_the_approved_policy_intact(policy, editor):
    in_status(policy, Status.APPROVED)
    before = (policy.content, policy.version, policy.status)
    policy_services.policy_new_version(policy=policy, user=editor)
    policy.refresh_from_db()
    assert (policy.content, policy.version, policy.status) == before


def test_starting_a_new_version_twice_gives_the_same_draft(policy, editor):
    in_status(policy, Status.APPROVED)
    first = policy_services.policy_new_version(policy=policy, user=editor)
    second = policy_services.policy_new_version(policy=policy, user=editor)
    assert first == second


def test_a_draft_gets_no_new_version(policy, editor):
    with pytest.raises(PermissionDenied):
        policy_services.policy_new_version(policy=policy, user=editor)


def test_a_reviewer_cannot_start_a_new_version(policy, reviewer):
    in_status(policy, Status.APPROVED)
    with pytest.raises(PermissionDenied):
        policy_services.policy_new_version(policy=policy, user=reviewer)


def test_no_second_new_version_is_started_while_one_is_approved(policy, editor):
    in_status(policy, Status.PUBLISHED)
    first = policy_services.policy_new_version(policy=policy, user=editor)
    in_status(first, Status.APPROVED)
    with pytest.raises(PermissionDenied) as excinfo:
        policy_services.policy_new_version(policy=policy, user=editor)
    assert refusal(excinfo) == str(policy_services.NEW_VERSION_AWAITS_PUBLISHING)
    assert policy.new_versions.count() == 1


def test_a_version_whose_original_was_replaced_meanwhile_is_not_published(policy, editor):
    # Two new versions of one published policy, as the fault above could make them.
    in_status(policy, Status.PUBLISHED)
    first = in_status(policy_services.policy_new_version(policy=policy, user=editor), "approved")
    second = in_status(
        PolicyFactory(organisation=policy.organisation, based_on=policy), Status.APPROVED
    )
    workflow.policy_publish(policy=first, user=editor)
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_publish(policy=second, user=editor)
    assert refusal(excinfo) == str(workflow.REPLACED_MEANWHILE)
    published = Policy.objects.filter(organisation=policy.organisation, status=Status.PUBLISHED)
    assert list(published) == [first]


def test_the_editable_version_of_a_draft_is_the_draft(policy, editor):
    assert policy_services.policy_editable_version(policy=policy, user=editor) == policy


def test_the_editable_version_of_an_approved_policy_is_a_new_draft(policy, editor):
    in_status(policy, Status.APPROVED)
    draft = policy_services.policy_editable_version(policy=policy, user=editor)
    assert draft.based_on == policy


def test_a_policy_in_review_has_no_editable_version(policy, editor):
    in_status(policy, Status.IN_REVIEW)
    with pytest.raises(PermissionDenied) as excinfo:
        policy_services.policy_editable_version(policy=policy, user=editor)
    assert refusal(excinfo) == str(policy_services.IN_REVIEW_LOCKED)


def test_an_archived_policy_has_no_editable_version(policy, editor):
    in_status(policy, Status.ARCHIVED)
    with pytest.raises(PermissionDenied) as excinfo:
        policy_services.policy_editable_version(policy=policy, user=editor)
    assert refusal(excinfo) == str(policy_services.ARCHIVED_READ_ONLY)


def test_next_version_label():
    assert [policy_services.next_version_label(x) for x in ("1.0", "2.9", "v3")] == [
        "1.1",
        "2.10",
        "v3",
    ]


# --- The save functions respect the status --------------------------------------------------


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.APPROVED, Status.PUBLISHED])
def test_a_step_cannot_be_saved_unless_the_policy_is_a_draft(policy, editor, status):
    in_status(policy, status)
    with pytest.raises(PermissionDenied) as excinfo:
        policy_save_step(
            policy_id=policy.pk,
            user=editor,
            step="conduct",
            data={**policy.content["conduct"], "own_text": "Nieuw."},
            base_hash=content_hash(policy.content["conduct"]),
        )
    assert refusal(excinfo) == str(POLICY_CONTENT_LOCKED)


def test_the_details_cannot_be_saved_while_in_review(policy, editor):
    in_status(policy, Status.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        policy_save_details(policy_id=policy.pk, user=editor, details={"title": "Anders"})


def test_a_step_can_be_saved_when_changes_are_requested(policy, editor):
    in_status(policy, Status.CHANGES_REQUESTED)
    result = policy_save_step(
        policy_id=policy.pk,
        user=editor,
        step="conduct",
        data={**policy.content["conduct"], "own_text": "Nieuw."},
        base_hash=content_hash(policy.content["conduct"]),
    )
    assert result.saved


# --- Comments -------------------------------------------------------------------------------


def test_a_reviewer_comments_on_a_block(policy, reviewer):
    comment = workflow.comment_add(policy=policy, user=reviewer, block_key="conduct", text="Kort!")
    assert (comment.block_key, comment.text, comment.author) == ("conduct", "Kort!", reviewer)
    assert AuditEvent.objects.filter(policy=policy, action="comment").exists()


def test_a_comment_is_stored_without_control_characters(policy, reviewer):
    comment = workflow.comment_add(
        policy=policy, user=reviewer, block_key="conduct", text="Let op\u202e 👍\x07"
    )
    assert comment.text == "Let op 👍"


def test_an_editor_cannot_comment(policy, editor):
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.comment_add(policy=policy, user=editor, block_key="conduct", text="Hm")
    assert refusal(excinfo) == str(workflow.ONLY_REVIEWERS_COMMENT)


def test_a_comment_on_an_unknown_block_is_refused(policy, reviewer):
    with pytest.raises(ValidationError):
        workflow.comment_add(policy=policy, user=reviewer, block_key="nope", text="Hm")


def test_an_empty_comment_is_refused(policy, reviewer):
    with pytest.raises(ValidationError):
        workflow.comment_add(policy=policy, user=reviewer, block_key="conduct", text=" \x07 ")


def test_an_archived_policy_gets_no_comments(policy, reviewer):
    in_status(policy, Status.ARCHIVED)
    with pytest.raises(PermissionDenied):
        workflow.comment_add(policy=policy, user=reviewer, block_key="conduct", text="Hm")


def test_an_author_resolves_a_comment(policy, editor, reviewer):
    comment = CommentFactory(policy=policy, author=reviewer)
    workflow.comment_resolve(comment=comment, user=editor)
    comment.refresh_from_db()
    assert comment.resolved_by == editor
    assert comment.resolved_at is not None


def test_a_reviewer_cannot_resolve_a_comment(policy, reviewer):
    comment = CommentFactory(policy=policy, author=reviewer)
    with pytest.raises(PermissionDenied):
        workflow.comment_resolve(comment=comment, user=reviewer)


def test_resolving_twice_is_recorded_once(policy, editor, reviewer):
    comment = CommentFactory(policy=policy, author=reviewer)
    workflow.comment_resolve(comment=comment, user=editor)
    workflow.comment_resolve(comment=comment, user=editor)
    assert AuditEvent.objects.filter(policy=policy, action="resolve_comment").count() == 1


# --- Review dates ---------------------------------------------------------------------------

TODAY = datetime.date(2026, 6, 1)


@pytest.mark.parametrize(
    ("status", "next_review", "expected"),
    [
        (Status.APPROVED, datetime.date(2026, 5, 31), "overdue"),
        (Status.PUBLISHED, datetime.date(2026, 6, 20), "due"),
        (Status.PUBLISHED, datetime.date(2026, 12, 1), ""),
        (Status.DRAFT, datetime.date(2020, 1, 1), ""),
        (Status.APPROVED, None, ""),
    ],
)
def test_review_due_state(status, next_review, expected):
    policy = PolicyFactory.build(status=status, next_review_date=next_review)
    assert policy.review_due(today=TODAY) == expected
