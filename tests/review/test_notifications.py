"""E-mail notices on submit and decision (wizard/review/notifications.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from tests.factories import MembershipFactory
from wizard.models import Membership, Policy
from wizard.review import workflow


@pytest.fixture
def in_review(policy, editor):
    Policy.objects.filter(pk=policy.pk).update(status=Policy.Status.IN_REVIEW, submitted_by=editor)
    policy.refresh_from_db()
    return policy


def test_submitting_mails_each_reviewer_separately(
    policy, editor, reviewer, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    second = MembershipFactory(organisation=organisation, role=Membership.Role.REVIEWER).user
    with django_capture_on_commit_callbacks(execute=True):
        workflow.policy_submit(policy=policy, user=editor)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([reviewer.email, second.email])
    assert all(len(m.to) == 1 for m in mailoutbox)


def test_the_submit_notice_names_the_policy_and_links_to_it(
    policy, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.policy_submit(policy=policy, user=editor)
    message = mailoutbox[0]
    assert policy.title in message.subject
    assert f"/policies/{policy.pk}/review/" in message.body


def test_reviewers_of_other_organisations_get_no_notice(
    policy, editor, mailoutbox, django_capture_on_commit_callbacks
):
    MembershipFactory(role=Membership.Role.REVIEWER)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.policy_submit(policy=policy, user=editor)
    assert mailoutbox == []


def test_no_notice_is_sent_when_the_submit_is_refused(
    policy, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        workflow.policy_submit(policy=policy, user=reviewer)
    assert mailoutbox == []


def test_approval_mails_the_author(
    in_review, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.policy_approve(policy=in_review, user=reviewer)
    assert [m.to for m in mailoutbox] == [[editor.email]]


def test_requested_changes_mail_the_author_with_the_note(
    in_review, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.policy_request_changes(policy=in_review, user=reviewer, note="Stap 3 is te lang.")
    assert "Stap 3 is te lang." in mailoutbox[0].body


def test_the_notice_is_in_the_policys_language(
    in_review, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    Policy.objects.filter(pk=in_review.pk).update(language="en")
    in_review.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.policy_approve(policy=in_review, user=reviewer)
    assert mailoutbox[0].subject.startswith("Approved")


def test_a_title_with_a_line_break_stays_a_one_line_subject(
    in_review, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    Policy.objects.filter(pk=in_review.pk).update(title="Beleid\r\nBcc: evil@example.org")
    in_review.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.policy_approve(policy=in_review, user=reviewer)
    assert "\n" not in mailoutbox[0].subject
    assert mailoutbox[0].bcc == []


def test_an_author_without_an_address_gets_no_mail(
    in_review, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    get_user_model().objects.filter(pk=editor.pk).update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.policy_approve(policy=in_review, user=reviewer)
    assert mailoutbox == []
