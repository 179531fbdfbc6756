"""Open invitations: sent again with a new link, or revoked."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.members.helpers import accept_url, invite, token_in_mail
from wizard.members.models import Invitation
from wizard.models import AuditEvent, Membership


def resend_url(organisation) -> str:
    return reverse("invitation_resend", kwargs={"pk": organisation.pk})


def revoke_url(organisation) -> str:
    return reverse("invitation_revoke", kwargs={"pk": organisation.pk})


def resend(client, invitation, capture):
    with capture(execute=True):
        return client.post(resend_url(invitation.organisation), {"invitation": invitation.pk})


def test_sending_again_mails_a_new_link(
    editor_client, invitation, django_capture_on_commit_callbacks
):
    resend(editor_client, invitation, django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert token_in_mail(message) != invitation.token


def test_sending_again_kills_the_old_link(
    editor_client, invitation, django_capture_on_commit_callbacks
):
    resend(editor_client, invitation, django_capture_on_commit_callbacks)
    assert Client().get(accept_url(invitation.token)).status_code == 404


def test_the_new_link_works(editor_client, invitation, django_capture_on_commit_callbacks):
    resend(editor_client, invitation, django_capture_on_commit_callbacks)
    assert Client().get(accept_url(token_in_mail(mail.outbox[0]))).status_code == 200


def test_sending_again_gives_seven_new_days(
    organisation, editor, editor_client, django_capture_on_commit_callbacks
):
    old = invite(organisation, editor, now=timezone.now() - timedelta(days=10))
    resend(editor_client, old, django_capture_on_commit_callbacks)
    old.refresh_from_db()
    assert old.status() == Invitation.Status.PENDING
    assert old.expires_at > timezone.now() + timedelta(days=6)


def test_sending_again_is_in_the_audit_trail(
    editor_client, invitation, django_capture_on_commit_callbacks
):
    resend(editor_client, invitation, django_capture_on_commit_callbacks)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.RESEND_INVITATION).exists()


def test_revoking_stops_the_link(editor_client, invitation):
    editor_client.post(revoke_url(invitation.organisation), {"invitation": invitation.pk})
    assert Client().get(accept_url(invitation.token)).status_code == 410


def test_revoking_is_in_the_audit_trail(editor_client, invitation, editor):
    editor_client.post(revoke_url(invitation.organisation), {"invitation": invitation.pk})
    event = AuditEvent.objects.get(action=AuditEvent.Action.REVOKE_INVITATION)
    assert (event.actor, event.detail) == (editor, "nieuw.lid@example.org: reviewer")


def test_a_revoked_invitation_leaves_the_list(editor_client, invitation, members_url):
    editor_client.post(revoke_url(invitation.organisation), {"invitation": invitation.pk})
    assert list(editor_client.get(members_url).context["invitations"]) == []


def test_a_revoked_invitation_cannot_be_sent_again(
    editor_client, invitation, django_capture_on_commit_callbacks
):
    editor_client.post(revoke_url(invitation.organisation), {"invitation": invitation.pk})
    resend(editor_client, invitation, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_reviewer_cannot_revoke(client, reviewer, invitation):
    client.force_login(reviewer)
    response = client.post(revoke_url(invitation.organisation), {"invitation": invitation.pk})
    invitation.refresh_from_db()
    assert response.status_code == 403
    assert invitation.revoked_at is None


def test_an_editor_cannot_revoke_a_consultants_invitation(editor_client, organisation, consultant):
    theirs = invite(organisation, consultant, email="c@example.org", role="consultant")
    response = editor_client.post(revoke_url(organisation), {"invitation": theirs.pk})
    assert response.status_code == 403


def test_another_organisations_invitation_is_404(editor_client, organisation, outsider):
    theirs_org = Membership.objects.get(user=outsider).organisation
    theirs = invite(theirs_org, outsider)
    response = editor_client.post(revoke_url(organisation), {"invitation": theirs.pk})
    theirs.refresh_from_db()
    assert response.status_code == 404
    assert theirs.revoked_at is None
