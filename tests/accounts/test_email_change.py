"""Changing the e-mail address: the new one is verified before it replaces the old."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.urls import reverse

from tests.accounts.conftest import link_in_last_mail


def test_a_new_address_gets_a_confirmation_mail_and_the_old_one_stays(editor_client, editor):
    editor_client.post(reverse("account_email"), {"email": "Nieuw@Example.org", "action_add": ""})
    assert link_in_last_mail("/accounts/confirm-email/")
    assert EmailAddress.objects.get(user=editor, primary=True).email == editor.email
    assert EmailAddress.objects.filter(user=editor, email="nieuw@example.org", verified=False)


def test_the_confirmed_new_address_replaces_the_old(editor_client, editor):
    editor_client.post(reverse("account_email"), {"email": "nieuw@example.org", "action_add": ""})
    editor_client.post(link_in_last_mail("/accounts/confirm-email/"))
    editor.refresh_from_db()
    assert editor.email == "nieuw@example.org"
    assert list(EmailAddress.objects.filter(user=editor).values_list("email", flat=True)) == [
        "nieuw@example.org"
    ]
