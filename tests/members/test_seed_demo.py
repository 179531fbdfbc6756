"""`seed_demo` leaves one open invitation: a reviewer for Voorbeeld Zorg B.V."""

from __future__ import annotations

from io import StringIO

from django.core import mail
from django.core.management import call_command

from wizard.members.models import Invitation


def test_seed_demo_leaves_one_open_reviewer_invitation(db):
    call_command("seed_demo", verbosity=0, stdout=StringIO())
    invitation = Invitation.objects.pending().get()
    assert (invitation.organisation.name, invitation.role, invitation.invited_by.username) == (
        "Voorbeeld Zorg B.V.",
        "reviewer",
        "hr",
    )


def test_seed_demo_mails_the_invitation(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", verbosity=0, stdout=StringIO())
    invited = [m for m in mail.outbox if m.to == ["nieuwe.beoordelaar@voorbeeldzorg.example"]]
    assert len(invited) == 1


def test_seed_demo_prints_the_invitation_link(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "http://127.0.0.1:8000/invitations/" in out.getvalue()


def test_seed_demo_run_again_keeps_one_invitation(db):
    call_command("seed_demo", verbosity=0, stdout=StringIO())
    call_command("seed_demo", verbosity=0, stdout=StringIO())
    assert Invitation.objects.count() == 1
