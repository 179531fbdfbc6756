"""Every role against every action of the review workflow and the workspace, through the views.

A member with the wrong role gets 403 with a reason; a reviewer of *another* organisation gets
404, exactly as for a policy that does not exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import CommentFactory, MembershipFactory
from wizard.models import AuditEvent, Comment, Membership, Policy

Status = Policy.Status
ROLES = ("editor", "consultant", "reviewer", "reviewer_elsewhere")


@pytest.fixture
def reviewer_elsewhere(db):
    """A reviewer, but of another organisation than the policy's."""
    return MembershipFactory(role=Membership.Role.REVIEWER).user


@dataclass(frozen=True)
class Case:
    method: str
    url: Callable[[Policy], str]
    expected: tuple[int, int, int, int]  # editor, consultant, reviewer, reviewer_elsewhere
    status: str = Status.DRAFT
    data: Callable[[Policy], dict] = lambda policy: {}
    needs_comment: bool = False


def on(name: str, *args) -> Callable[[Policy], str]:
    return lambda policy: reverse(name, args=[policy.pk, *args])


def first_comment(policy: Policy) -> dict:
    return {"comment": Comment.objects.get(policy=policy).pk}


CASES = {
    "read the review page": Case("get", on("policy_review"), (200, 200, 200, 404)),
    "open a wizard step": Case("get", on("wizard_step", "conduct"), (200, 200, 403, 404)),
    "submit": Case("post", on("policy_submit"), (302, 302, 403, 404)),
    "request changes": Case(
        "post", on("policy_request_changes"), (403, 403, 302, 404), Status.IN_REVIEW
    ),
    "approve": Case("post", on("policy_approve"), (403, 403, 302, 404), Status.IN_REVIEW),
    "publish": Case("post", on("policy_publish"), (302, 302, 403, 404), Status.APPROVED),
    "archive": Case("post", on("policy_archive"), (302, 302, 403, 404)),
    "edit as a new version": Case(
        "post", on("policy_new_version"), (302, 302, 403, 404), Status.APPROVED
    ),
    "comment": Case(
        "post",
        on("comment_add"),
        (403, 403, 302, 404),
        Status.IN_REVIEW,
        lambda policy: {"block_key": "conduct", "text": "Korter."},
    ),
    "resolve a comment": Case(
        "post", on("comment_resolve"), (302, 302, 403, 404), data=first_comment, needs_comment=True
    ),
    "read the history": Case("get", on("policy_history"), (200, 200, 200, 404)),
    "compare revisions": Case("get", on("policy_compare"), (200, 200, 200, 404)),
    "restore a revision": Case(
        "post", on("revision_restore"), (302, 302, 403, 404), data=lambda p: {"revision": 1}
    ),
    "read the audit trail": Case("get", on("policy_audit"), (403, 403, 200, 404)),
    "export": Case("get", on("policy_export", "md"), (200, 200, 200, 404)),
    "copy to another client": Case("get", on("policy_copy"), (200, 200, 403, 404)),
    "save as template": Case("post", on("template_save"), (403, 302, 403, 404)),
    "create the staff link": Case(
        "post", on("policy_share"), (302, 302, 403, 404), Status.PUBLISHED
    ),
    "revoke the staff link": Case(
        "post", on("policy_share_revoke"), (302, 302, 403, 404), Status.PUBLISHED
    ),
    "open the review queue": Case("get", lambda p: reverse("review_queue"), (403, 403, 200, 200)),
    "open the workspace": Case("get", lambda p: reverse("workspace"), (403, 200, 403, 403)),
}


@pytest.fixture
def revisioned_policy(policy, editor):
    policy.revisions.create(number=1, step="", content=policy.content, author=editor)
    return policy


@pytest.mark.parametrize("role_index", range(len(ROLES)), ids=ROLES)
@pytest.mark.parametrize("action", list(CASES))
def test_role_against_action(
    request, client, revisioned_policy, editor, consultant, reviewer, action, role_index
):
    case = CASES[action]
    policy = revisioned_policy
    Policy.objects.filter(pk=policy.pk).update(status=case.status)
    policy.refresh_from_db()
    if case.needs_comment:
        CommentFactory(policy=policy, author=reviewer)
    client.force_login(request.getfixturevalue(ROLES[role_index]))
    response = getattr(client, case.method)(case.url(policy), case.data(policy))
    assert response.status_code == case.expected[role_index]


def test_a_forbidden_action_changes_nothing(client, policy, reviewer):
    client.force_login(reviewer)
    client.post(reverse("policy_archive", args=[policy.pk]))
    assert Policy.objects.get(pk=policy.pk).status == Status.DRAFT
    assert not AuditEvent.objects.filter(action="archive").exists()


def test_anonymous_visitors_are_sent_to_log_in(client, policy):
    response = client.post(reverse("policy_submit", args=[policy.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- The admin: comments and the audit trail are read-only, even for staff -------------------


@pytest.fixture
def admin_client(client, db):
    superuser = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 16)
    client.force_login(superuser)
    return client


def test_staff_cannot_edit_a_comment_in_the_admin(admin_client, policy, reviewer):
    comment = CommentFactory(policy=policy, author=reviewer, text="Origineel.")
    admin_client.post(
        reverse("admin:wizard_comment_change", args=[comment.pk]), {"text": "Vervalst."}
    )
    comment.refresh_from_db()
    assert comment.text == "Origineel."


def test_staff_cannot_add_a_comment_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:wizard_comment_add")).status_code == 403
