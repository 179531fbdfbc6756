"""Council members: invited in a role of their own; they read, comment and see the request."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wizard.members.models import Invitation
from wizard.members.services import grantable_roles, invitation_create
from wizard.models import Comment, Membership
from wizard.review import workflow

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.mark.parametrize("role", [Membership.Role.EDITOR, Membership.Role.CONSULTANT])
def test_editors_and_consultants_may_invite_council_members(role):
    assert Membership.Role.COUNCIL_MEMBER in grantable_roles(role)


def test_an_editor_invites_a_council_member(council_organisation, council_editor):
    invitation_create(
        organisation=council_organisation,
        invited_by=council_editor,
        email="or-lid@example.org",
        role=Membership.Role.COUNCIL_MEMBER,
    )
    assert Invitation.objects.get().role == Membership.Role.COUNCIL_MEMBER


def test_a_council_member_invites_nobody():
    assert grantable_roles(Membership.Role.COUNCIL_MEMBER) == frozenset()


def test_a_council_member_reads_the_draft(client, council_member, checked_policy):
    client.force_login(council_member)
    response = client.get(reverse("policy_review", args=[checked_policy.pk]), **EN)
    assert response.status_code == 200


def test_a_council_member_comments_on_a_block(client, council_member, checked_policy):
    client.force_login(council_member)
    client.post(
        reverse("comment_add", args=[checked_policy.pk]),
        {"block_key": "conduct", "text": "Wat telt als privéaccount?"},
    )
    assert Comment.objects.get().author == council_member


def test_a_council_member_sees_the_comment_form(client, council_member, checked_policy):
    client.force_login(council_member)
    response = client.get(reverse("policy_review", args=[checked_policy.pk]), **EN)
    assert reverse("comment_add", args=[checked_policy.pk]) in response.text


def test_a_council_member_sees_the_request(client, council_member, checked_policy):
    client.force_login(council_member)
    response = client.get(reverse("consent_request", args=[checked_policy.pk]), **EN)
    assert "The proposed decision" in response.text
    assert reverse("consent_decision", args=[checked_policy.pk]) not in response.text


def test_a_council_member_cannot_submit_the_policy(council_member, checked_policy):
    with pytest.raises(PermissionDenied):
        workflow.policy_submit(policy=checked_policy, user=council_member)


def test_a_council_member_gets_no_register(client, council_member, checked_policy):
    client.force_login(council_member)
    response = client.get(reverse("acknowledgement_register", args=[checked_policy.pk]))
    assert response.status_code == 404


def test_a_council_member_gets_no_history(client, council_member, checked_policy):
    client.force_login(council_member)
    response = client.get(reverse("policy_history", args=[checked_policy.pk]))
    assert response.status_code == 403


def test_a_council_member_gets_no_comparison(client, council_member, checked_policy):
    client.force_login(council_member)
    response = client.get(reverse("policy_compare", args=[checked_policy.pk]))
    assert response.status_code == 403
