"""Invitations to join an organisation in a role."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.fields import user_reference
from wizard.organisations.models import Role, organisation_key

INVITATION_VALID_DAYS = 7

# A role inside a sentence ("… as reviewer"), where the labels of Role would be capitalised.
ROLE_NOUNS = {
    Role.EDITOR: _("editor"),
    Role.REVIEWER: _("reviewer"),
    Role.CONSULTANT: _("consultant"),
    Role.COUNCIL_MEMBER: _("council member"),
}


def invitation_token() -> str:
    """A new secret for an invitation link (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What is stored of a token: its SHA-256, so a copy of the database opens no invitation."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_expiry(now: datetime) -> datetime:
    return now + timedelta(days=INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def pending(self, *, now: datetime | None = None) -> InvitationQuerySet:
        """Invitations that can still be accepted: not used, not revoked, not expired."""
        return self.filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=now or timezone.now(),
        )

    def by_token(self, token: str) -> InvitationQuerySet:
        return self.filter(token_digest=token_digest(token))


class Invitation(models.Model):
    """An invitation by e-mail to join `organisation` in `role`, valid for a week, used once.

    Only the token's digest is kept; resending gives a new token, so the old link stops working.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    organisation = organisation_key("invitations")
    # Always stored in lower case: addresses are compared case-insensitively.
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    invited_by = user_reference(_("invited by"), blank=False)
    token_digest = models.CharField(_("token digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = user_reference(_("accepted by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # An organisation's invitations to one address (is someone invited already?).
            models.Index(fields=["organisation", "email"], name="invitation_org_email"),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"

    def get_absolute_url(self) -> str:
        return reverse("member_list", kwargs={"pk": self.organisation_id})

    @property
    def role_noun(self) -> str:
        return str(ROLE_NOUNS.get(self.role, self.get_role_display()))

    def status(self, now: datetime | None = None) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= (now or timezone.now()):
            return self.Status.EXPIRED
        return self.Status.PENDING
