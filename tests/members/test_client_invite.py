"""A consultant who creates a client can invite the client's HR manager in the same form."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse

from tests.factories import INTAKE_ANSWERS
from wizard.members.models import Invitation

NEW_CLIENT = {"name": "Nieuwe Klant", "policy_language": "nl", "brand_colour": "#112233"}


def create_client(client, consultant, capture, **extra):
    client.force_login(consultant)
    with capture(execute=True):
        return client.post(reverse("organisation_new"), {**NEW_CLIENT, **INTAKE_ANSWERS, **extra})


def test_the_hr_manager_is_invited_as_the_clients_editor(
    client, consultant, django_capture_on_commit_callbacks
):
    create_client(
        client, consultant, django_capture_on_commit_callbacks, invite_email="HR@Klant.example"
    )
    invitation = Invitation.objects.get()
    assert (invitation.organisation.name, invitation.email, invitation.role) == (
        "Nieuwe Klant",
        "hr@klant.example",
        "editor",
    )


def test_the_hr_manager_gets_the_invitation_mail(
    client, consultant, django_capture_on_commit_callbacks
):
    create_client(
        client, consultant, django_capture_on_commit_callbacks, invite_email="hr@klant.example"
    )
    assert [message.to for message in mail.outbox] == [["hr@klant.example"]]


def test_the_invitation_is_optional(client, consultant, django_capture_on_commit_callbacks):
    response = create_client(client, consultant, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_a_wrong_address_creates_no_client(client, consultant, django_capture_on_commit_callbacks):
    response = create_client(
        client, consultant, django_capture_on_commit_callbacks, invite_email="geen-adres"
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()
    assert not consultant.memberships.filter(organisation__name="Nieuwe Klant").exists()
