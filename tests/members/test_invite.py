"""Inviting people by e-mail in a role, from the members page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import MembershipFactory, UserFactory
from tests.members.helpers import invite, token_in_mail
from wizard.members import services
from wizard.members.models import Invitation, token_digest
from wizard.models import AuditEvent, Membership


def post_invite(client, url, email="anna@example.org", role="reviewer", capture=None):
    with capture(execute=True):
        return client.post(url, {"email": email, "role": role})


def test_an_editor_invites_a_reviewer(
    editor_client, organisation, members_url, django_capture_on_commit_callbacks
):
    response = post_invite(editor_client, members_url, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Invitation.objects.get(organisation=organisation).role == "reviewer"


def test_the_invitation_mail_goes_to_the_address_with_its_link(
    editor_client, members_url, django_capture_on_commit_callbacks
):
    post_invite(editor_client, members_url, capture=django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert Invitation.objects.get().token_digest == token_digest(token_in_mail(message))


def test_the_address_is_stored_in_lower_case(organisation, editor):
    assert invite(organisation, editor, email="  Anna.De.Vries@Example.ORG ").email == (
        "anna.de.vries@example.org"
    )


def test_only_a_digest_of_the_token_is_stored(organisation, editor):
    made = invite(organisation, editor)
    stored = Invitation.objects.get(pk=made.pk)
    assert made.token not in stored.token_digest
    assert stored.token_digest == token_digest(made.token)


def test_the_invitation_is_valid_for_seven_days(organisation, editor):
    made = invite(organisation, editor)
    assert (made.expires_at - made.created_at).days == 7


def test_an_invitation_is_in_the_audit_trail(organisation, editor):
    invite(organisation, editor, email="anna@example.org", role="editor")
    event = AuditEvent.objects.get(action=AuditEvent.Action.INVITE)
    assert (event.organisation, event.actor, event.policy) == (organisation, editor, None)
    assert event.detail == "anna@example.org: editor"


def test_a_reviewer_cannot_invite(client, reviewer, members_url):
    client.force_login(reviewer)
    response = client.post(members_url, {"email": "anna@example.org", "role": "reviewer"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_an_editor_cannot_invite_a_consultant(editor_client, members_url):
    response = editor_client.post(members_url, {"email": "anna@example.org", "role": "consultant"})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_the_service_refuses_a_role_above_the_inviters(organisation, editor):
    with pytest.raises(PermissionDenied):
        invite(organisation, editor, role="consultant")


@pytest.mark.parametrize("role", ["editor", "reviewer", "consultant"])
def test_a_consultant_invites_for_a_client_in_any_role(client, consultant, members_url, role):
    client.force_login(consultant)
    client.post(members_url, {"email": "anna@example.org", "role": role})
    assert Invitation.objects.get().role == role


def test_an_unknown_role_is_refused(editor_client, members_url):
    editor_client.post(members_url, {"email": "anna@example.org", "role": "owner"})
    assert not Invitation.objects.exists()


def test_the_invite_form_offers_only_the_roles_the_editor_may_give(editor_client, members_url):
    html = editor_client.get(members_url).content.decode()
    assert 'value="reviewer"' in html
    assert '<option value="consultant"' not in html


def test_a_member_cannot_be_invited_again_whatever_the_case(
    editor_client, organisation, members_url
):
    MembershipFactory(
        organisation=organisation, user=UserFactory(email="anna@example.org"), role="reviewer"
    )
    response = editor_client.post(
        members_url, {"email": "ANNA@example.org", "role": "reviewer"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "already a member" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_address_with_an_open_invitation_is_not_invited_twice(
    editor_client, invitation, members_url
):
    response = editor_client.post(
        members_url,
        {"email": invitation.email.upper(), "role": "editor"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "already invited" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_the_members_page_lists_open_invitations(editor_client, invitation, members_url):
    assert invitation.email in editor_client.get(members_url).content.decode()


def test_the_invite_button_is_labelled_invite(editor_client, members_url):
    assert (
        ">Invite</button>"
        in editor_client.get(members_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_a_reviewer_sees_no_invite_form(client, reviewer, members_url):
    client.force_login(reviewer)
    assert (
        ">Invite</button>"
        not in client.get(members_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_an_organisation_keeps_at_most_its_limit_of_open_invitations(
    organisation, editor, monkeypatch
):
    monkeypatch.setattr(services, "MAX_PENDING_INVITATIONS", 2)
    invite(organisation, editor, email="a@example.org")
    invite(organisation, editor, email="b@example.org")
    with pytest.raises(ValidationError):
        invite(organisation, editor, email="c@example.org")


def test_a_member_of_another_organisation_with_the_address_can_be_invited(organisation, editor):
    MembershipFactory(user=UserFactory(email="anna@example.org"), role=Membership.Role.EDITOR)
    assert invite(organisation, editor, email="anna@example.org").pk
