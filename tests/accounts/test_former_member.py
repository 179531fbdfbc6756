"""A deleted account is a "former member" ("voormalig lid") wherever pages name people."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.members.helpers import invite
from wizard.accounts.services import account_delete
from wizard.members import services as member_services
from wizard.models import AuditEvent, Membership, Revision
from wizard.organisations.names import member_name


@pytest.fixture
def colleague(organisation):
    """A second editor, who will delete their account."""
    return MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR).user


def test_the_dashboard_shows_a_former_member_instead_of_the_name(editor_client, policy, colleague):
    policy.updated_by = colleague
    policy.save()
    name = colleague.username
    account_delete(user=colleague)
    html = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "voormalig lid" in html
    assert name not in html
    assert "former-member-" not in html


def test_the_history_shows_a_former_member_instead_of_the_name(editor_client, policy, colleague):
    Revision.objects.create(policy=policy, number=1, step="intro", content={}, author=colleague)
    AuditEvent.objects.create(
        organisation=policy.organisation, policy=policy, actor=colleague, action="submit"
    )
    name = colleague.username
    account_delete(user=colleague)
    url = reverse("policy_history", kwargs={"pk": policy.pk})
    html = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert html.count("voormalig lid") == 2
    assert name not in html


def test_the_members_audit_trail_forgets_the_name_and_address(editor_client, organisation, editor):
    newcomer = UserFactory(email="nieuw.lid@example.org")
    invitation = invite(organisation, editor, email=newcomer.email, role="editor")
    member_services.invitation_accept(invitation=invitation, user=newcomer)
    member_services.membership_change_role(
        membership=newcomer.memberships.get(), user=editor, role="reviewer"
    )
    name, email = newcomer.username, newcomer.email
    account_delete(user=newcomer)
    url = reverse("member_list", kwargs={"pk": organisation.pk})
    html = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "former member: editor → reviewer" in html  # The role change
    assert "former member: editor<" in html  # The acceptance
    assert name not in html
    assert email not in html


def test_the_name_of_a_live_account_is_its_user_name(editor):
    assert member_name(editor) == editor.username


def test_sign_up_refuses_a_former_members_name(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nieuw@example.org",
            "username": "Former-Member-7",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
            "starts_as": "organisation",
        },
    )
    assert "username" in response.context["form"].errors
