"""Leaving: a user downloads their account data and deletes their account."""

from __future__ import annotations

import json

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, CommentFactory, MembershipFactory
from wizard.models import AuditEvent, Membership


def test_the_account_data_is_a_json_download_of_the_users_own(editor_client, editor):
    response = editor_client.get(reverse("account_data_download"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["username"] == editor.username
    assert data["email_addresses"][0]["email"] == editor.email
    assert data["memberships"][0]["role"] == "editor"


def test_the_account_data_holds_the_users_comments(editor_client, editor, policy):
    CommentFactory(policy=policy, author=editor, text="Korter graag")
    data = json.loads(editor_client.get(reverse("account_data_download")).content)
    assert [comment["text"] for comment in data["comments"]] == ["Korter graag"]


def test_a_reviewer_deletes_their_account_and_cannot_log_in(client, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert response["Location"] == reverse("account_login")
    assert "_auth_user_id" not in client.session
    assert not Membership.objects.filter(user=reviewer).exists()
    assert not EmailAddress.objects.filter(user=reviewer).exists()
    login = Client().post(
        reverse("account_login"), {"login": reviewer.username, "password": PASSWORD}
    )
    assert login.status_code == 200


def test_deleting_asks_for_the_password(client, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("account_delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert Membership.objects.filter(user=reviewer).exists()


def test_the_only_editor_of_an_organisation_cannot_delete_their_account(editor_client, editor):
    response = editor_client.post(
        reverse("account_delete"), {"password": PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 200
    assert Membership.objects.filter(user=editor).exists()
    assert "Voorbeeld Zorg B.V." in response.content.decode()


def test_an_editor_with_a_fellow_editor_can_leave(client, organisation, editor):
    MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR)
    client.force_login(editor)
    client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})
    assert not Membership.objects.filter(user=editor).exists()


def test_the_audit_trail_keeps_a_former_member_instead_of_the_name(client, policy, reviewer):
    AuditEvent.objects.create(
        organisation=policy.organisation, policy=policy, actor=reviewer, action="approve"
    )
    name = reviewer.username
    client.force_login(reviewer)
    client.post(reverse("account_delete"), {"password": PASSWORD, "confirm": "on"})
    former = get_user_model().objects.get(pk=reviewer.pk)
    assert former.username == f"former-member-{reviewer.pk}"
    assert former.email == ""
    assert not former.is_active
    event = AuditEvent.objects.get(policy=policy, action="approve")
    assert event.actor_id == reviewer.pk
    assert name not in str(event)
