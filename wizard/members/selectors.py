"""Reading an organisation's members, invitations and membership audit trail."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db.models import QuerySet
from django.urls import Resolver404, resolve

from wizard.members.models import Invitation
from wizard.organisations.models import Membership, Organisation
from wizard.policies.models import AuditEvent

Action = AuditEvent.Action
MEMBER_ACTIONS = [
    Action.INVITE,
    Action.RESEND_INVITATION,
    Action.REVOKE_INVITATION,
    Action.ACCEPT_INVITATION,
    Action.CHANGE_ROLE,
    Action.REMOVE_MEMBER,
    Action.LEAVE,
]
AUDIT_SHOWN = 30


def membership_of(*, user, organisation_id: int) -> Membership | None:
    """The user's own membership of the organisation (None for anyone else: a 404)."""
    return (
        Membership.objects.for_user(user)
        .select_related("organisation")
        .filter(organisation_id=organisation_id)
        .first()
    )


def member_list(*, organisation: Organisation) -> QuerySet[Membership]:
    """Everyone in the organisation with their role and last login."""
    return (
        organisation.memberships.select_related("user")
        .only("pk", "role", "organisation", "user__username", "user__email", "user__last_login")
        .order_by("user__username")
    )


def pending_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """The invitations not yet accepted or revoked, expired ones included (to send again)."""
    return (
        organisation.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by")
        .only(
            "pk",
            "organisation",
            "email",
            "role",
            "created_at",
            "expires_at",
            "accepted_at",
            "revoked_at",
            "invited_by__username",
        )
        .order_by("email")
    )


def member_audit_trail(*, organisation: Organisation) -> QuerySet[AuditEvent]:
    """The latest changes to who belongs to the organisation."""
    return (
        AuditEvent.objects.filter(
            organisation=organisation, policy__isnull=True, action__in=MEMBER_ACTIONS
        )
        .select_related("actor")
        .only("action", "detail", "created_at", "actor__username")[:AUDIT_SHOWN]
    )


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation a link's token opens, whatever its state (None when no link matches)."""
    return Invitation.objects.by_token(token).select_related("organisation").first()


def invitation_token_in(url: str | None) -> str | None:
    """The token of the invitation link `url` points to, if it is one (a provider sign-in
    started from the invitation page comes back with that page as its `next`)."""
    if not url:
        return None
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.kwargs.get("token") if match.url_name == "invitation_accept" else None


def invitation_for_verified_address(
    *, token: str | None, verified_emails: list[str]
) -> Invitation | None:
    """The pending invitation of `token`, if it is for one of these verified addresses
    (compared case-insensitively): whoever proved the address may accept it."""
    if not token:
        return None
    invitation = Invitation.objects.by_token(token).pending().select_related("organisation").first()
    if invitation is None:
        return None
    if invitation.email.lower() not in {email.strip().lower() for email in verified_emails}:
        return None
    return invitation
