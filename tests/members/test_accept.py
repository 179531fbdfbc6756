"""Accepting an invitation by its link: with a new account, or logged in with the address."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory
from tests.members.helpers import accept_url, invite
from wizard.members import services
from wizard.members.models import Invitation
from wizard.models import AuditEvent, Membership

User = get_user_model()
NEW_ACCOUNT = {"username": "nieuwlid", "password1": PASSWORD, "password2": PASSWORD}


def test_the_link_shows_the_organisation_and_role(client, invitation):
    html = client.get(accept_url(invitation.token), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Voorbeeld Zorg B.V." in html
    assert "as reviewer" in html


def test_opening_the_link_creates_nothing(client, invitation):
    client.get(accept_url(invitation.token))
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not User.objects.filter(username="nieuwlid").exists()


def test_logged_out_accepting_creates_the_account_with_the_invited_address(client, invitation):
    client.post(accept_url(invitation.token), NEW_ACCOUNT)
    assert User.objects.get(username="nieuwlid").email == "nieuw.lid@example.org"


def test_the_new_accounts_address_is_already_verified(client, invitation):
    client.post(accept_url(invitation.token), NEW_ACCOUNT)
    address = EmailAddress.objects.get(user__username="nieuwlid")
    assert (address.email, address.verified, address.primary) == (
        "nieuw.lid@example.org",
        True,
        True,
    )


def test_the_new_account_becomes_a_member_in_the_invited_role(client, invitation, organisation):
    client.post(accept_url(invitation.token), NEW_ACCOUNT)
    membership = Membership.objects.get(user__username="nieuwlid")
    assert (membership.organisation, membership.role) == (organisation, "reviewer")


def test_the_new_account_is_logged_in_on_the_dashboard(client, invitation):
    response = client.post(accept_url(invitation.token), NEW_ACCOUNT, follow=True)
    assert response.wsgi_request.user.username == "nieuwlid"
    assert response.redirect_chain[0][0] == reverse("dashboard")


def test_a_posted_email_field_cannot_change_the_accounts_address(client, invitation):
    client.post(accept_url(invitation.token), {**NEW_ACCOUNT, "email": "ander@example.org"})
    assert User.objects.get(username="nieuwlid").email == "nieuw.lid@example.org"


def test_a_weak_password_creates_nothing(client, invitation):
    data = {"username": "nieuwlid", "password1": "123", "password2": "123"}
    response = client.post(accept_url(invitation.token), data)
    assert response.status_code == 200
    assert not User.objects.filter(username="nieuwlid").exists()


def test_a_taken_user_name_creates_nothing(client, invitation):
    UserFactory(username="NieuwLid")
    client.post(accept_url(invitation.token), NEW_ACCOUNT)
    assert not Membership.objects.filter(role="reviewer").exists()


def test_an_address_with_an_account_is_asked_to_log_in_instead(client, invitation):
    UserFactory(username="bestaand", email="NIEUW.LID@example.org")
    response = client.post(accept_url(invitation.token), NEW_ACCOUNT, HTTP_ACCEPT_LANGUAGE="en")
    assert "Log in with it to accept" in response.content.decode()
    assert not User.objects.filter(username="nieuwlid").exists()


def test_logged_in_with_the_address_in_another_case_joins(client, invitation, organisation):
    user = UserFactory(email="Nieuw.Lid@EXAMPLE.org")
    client.force_login(user)
    client.post(accept_url(invitation.token))
    assert Membership.objects.get(user=user).organisation == organisation


def test_logged_in_with_an_allauth_address_of_the_user_joins(client, invitation):
    user = UserFactory(email="ander@example.org")
    EmailAddress.objects.create(user=user, email="nieuw.lid@example.org", verified=True)
    client.force_login(user)
    client.post(accept_url(invitation.token))
    assert Membership.objects.filter(user=user).exists()


def test_logged_in_with_another_address_is_refused_with_a_clear_message(client, invitation):
    client.force_login(UserFactory(email="ander@example.org"))
    response = client.post(accept_url(invitation.token), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "logged in with another address" in response.content.decode()


def test_logged_in_with_another_address_creates_no_membership(client, invitation):
    user = UserFactory(email="ander@example.org")
    client.force_login(user)
    client.post(accept_url(invitation.token))
    invitation.refresh_from_db()
    assert not Membership.objects.filter(user=user).exists()
    assert invitation.accepted_at is None


def test_an_accepted_link_cannot_be_used_again(client, invitation):
    client.post(accept_url(invitation.token), NEW_ACCOUNT)
    client.logout()
    again = {**NEW_ACCOUNT, "username": "tweede"}
    response = client.post(accept_url(invitation.token), again)
    assert response.status_code == 410
    assert not User.objects.filter(username="tweede").exists()


def test_an_expired_link_is_a_clear_page_that_creates_nothing(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    response = client.post(accept_url(invitation.token), NEW_ACCOUNT, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not User.objects.filter(username="nieuwlid").exists()


def test_a_revoked_link_is_a_clear_page_that_creates_nothing(client, invitation, editor):
    services.invitation_revoke(invitation=invitation, user=editor)
    response = client.post(accept_url(invitation.token), NEW_ACCOUNT, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert not User.objects.filter(username="nieuwlid").exists()


@pytest.mark.parametrize("change", [lambda t: t[:-1], lambda t: t[:-1] + "A", lambda t: "x" + t])
def test_a_tampered_link_is_404_and_creates_nothing(client, invitation, change):
    tampered = change(invitation.token)
    if tampered == invitation.token:
        tampered = tampered[:-1] + "B"
    response = client.post(accept_url(tampered), NEW_ACCOUNT, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert not User.objects.filter(username="nieuwlid").exists()


def test_the_accepting_person_keeps_an_existing_role(client, invitation, organisation, editor):
    editor.email = "nieuw.lid@example.org"
    editor.save()
    client.force_login(editor)
    client.post(accept_url(invitation.token))
    assert Membership.objects.get(user=editor, organisation=organisation).role == "editor"


def test_an_acceptance_is_in_the_audit_trail(client, invitation, organisation):
    client.post(accept_url(invitation.token), NEW_ACCOUNT)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACCEPT_INVITATION)
    assert (event.organisation, event.actor.username) == (organisation, "nieuwlid")


def test_the_service_refuses_an_expired_invitation(organisation, editor):
    made = invite(organisation, editor, now=timezone.now() - timedelta(days=8))
    user = UserFactory(email=made.email)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=made, user=user)


def test_the_new_member_works_in_the_invited_organisation(client, invitation, organisation):
    response = client.post(accept_url(invitation.token), NEW_ACCOUNT, follow=True)
    assert response.context["current_membership"].organisation == organisation


def test_the_page_offers_to_log_in_and_come_back(client, invitation):
    html = client.get(accept_url(invitation.token)).content.decode()
    back = accept_url(invitation.token).replace("/", "%2F")
    assert f'href="/accounts/login/?next={back}"' in html


def test_a_former_members_name_is_refused_and_creates_nothing(client, invitation):
    data = {**NEW_ACCOUNT, "username": "former-member-3"}
    response = client.post(accept_url(invitation.token), data)
    assert "username" in response.context["form"].errors
    assert not User.objects.filter(username="former-member-3").exists()
