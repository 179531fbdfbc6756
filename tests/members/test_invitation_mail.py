"""The invitation e-mail as `make run` prints it: readable, with the link, in the language."""

from __future__ import annotations

from django.core import mail
from django.utils import translation

from tests.members.helpers import invite


def sent(organisation, editor, capture, language):
    with translation.override(language), capture(execute=True):
        invite(organisation, editor, email="anna@example.org", role="reviewer")
    (message,) = mail.outbox
    return message


def test_the_mail_names_the_organisation_the_inviter_and_the_role(
    organisation, editor, django_capture_on_commit_callbacks
):
    message = sent(organisation, editor, django_capture_on_commit_callbacks, "en")
    assert message.subject == "Invitation: work on the policies of Voorbeeld Zorg B.V."
    assert f"{editor.username} invites you to work on the policies of Voorbeeld Zorg B.V." in (
        message.body
    )
    assert "as reviewer." in message.body


def test_the_mail_carries_the_link_with_the_site_address(
    organisation, editor, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://policy.example.org"
    message = sent(organisation, editor, django_capture_on_commit_callbacks, "en")
    assert "https://policy.example.org/invitations/" in message.body


def test_the_mail_is_in_dutch_for_a_dutch_inviter(
    organisation, editor, django_capture_on_commit_callbacks
):
    message = sent(organisation, editor, django_capture_on_commit_callbacks, "nl")
    assert "nodigt je uit" in message.body


def test_the_mail_is_plain_text_without_escaped_characters(
    organisation, editor, django_capture_on_commit_callbacks
):
    organisation.name = "Zorg & Welzijn"
    organisation.save()
    message = sent(organisation, editor, django_capture_on_commit_callbacks, "en")
    assert "Zorg & Welzijn" in message.body
    assert "&amp;" not in message.body
