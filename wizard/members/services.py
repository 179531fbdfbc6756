"""Writing memberships and invitations: plain functions that views, commands and tests call.

Each checks who may do it (`PermissionDenied`, a 403 in a view) and refuses what would break
the organisation (`ValidationError`, shown as a message); each writes the organisation's audit
trail (AuditEvent without a policy).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.mail import queue_email
from wizard.members.models import Invitation, invitation_expiry, invitation_token, token_digest
from wizard.organisations.models import AUTHOR_ROLES, Membership, Organisation, Role
from wizard.policies.models import AuditEvent
from wizard.policies.services import audit

Action = AuditEvent.Action

# Who may give which role: editors bring in editors and reviewers; a consultant, working for
# the organisation, also brings in other consultants. Reviewers give none.
GRANTABLE_ROLES: dict[str, frozenset[str]] = {
    Role.EDITOR: frozenset({Role.EDITOR, Role.REVIEWER, Role.COUNCIL_MEMBER}),
    Role.CONSULTANT: frozenset({Role.EDITOR, Role.REVIEWER, Role.CONSULTANT, Role.COUNCIL_MEMBER}),
}
# Who manages the members: the same people who write the policies.
MANAGER_ROLES = AUTHOR_ROLES
# Invitations send mail to any address: an organisation has at most this many open at once.
MAX_PENDING_INVITATIONS = 50

NOT_A_MANAGER = _("Only editors and consultants of this organisation can manage its members.")
ROLE_NOT_YOURS = _("You cannot give this role.")
MEMBER_NOT_YOURS = _("You cannot change the role of this member.")
ALREADY_MEMBER = _("%(email)s is already a member of this organisation.")
ALREADY_INVITED = _("%(email)s is already invited. You can send the invitation again below.")
TOO_MANY_INVITATIONS = _("This organisation has too many open invitations. Revoke some first.")
LAST_EDITOR = _("An organisation keeps at least one editor. Make someone else editor first.")
LAST_CONSULTANT = _(
    "This organisation has no editor, so it keeps at least one consultant. Invite an editor first."
)
NOT_PENDING = _("This invitation can no longer be used.")
CANNOT_RESEND = _("An accepted or revoked invitation cannot be sent again. Invite again instead.")
OTHER_ADDRESS = _(
    "This invitation is for %(email)s, but you are logged in with another address. Log out and "
    "open the link again, or ask for an invitation to your own address."
)
ACCOUNT_EXISTS = _(
    "There is already an account with the address %(email)s. Log in with it to accept."
)


def grantable_roles(role: str | None) -> frozenset[str]:
    """The roles a member in `role` may give to others (none for a reviewer or outsider)."""
    return GRANTABLE_ROLES.get(role, frozenset())


def normalise_email(email: str) -> str:
    """Addresses are kept and compared in lower case (nobody has two mailboxes by case)."""
    return email.strip().lower()


def manager_role(*, user, organisation: Organisation) -> str:
    """The user's role in the organisation, if it lets them manage members; else refused."""
    role = Membership.objects.role_of(user, organisation.pk)
    if role not in MANAGER_ROLES:
        raise PermissionDenied(NOT_A_MANAGER)
    return role


def email_has_account(email: str) -> bool:
    """Whether any account already uses this address (as its address or one of allauth's)."""
    email = normalise_email(email)
    return (
        get_user_model().objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email).exists()
    )


def user_has_address(user, email: str) -> bool:
    """Whether `email` is one of the user's addresses, compared case-insensitively."""
    email = normalise_email(email)
    if normalise_email(user.email or "") == email:
        return True
    return EmailAddress.objects.filter(user=user, email__iexact=email).exists()


def invitation_link(token: str) -> str:
    """The link in the mail, on the site's address (SITE_URL: a mail has no request)."""
    return settings.SITE_URL.rstrip("/") + reverse("invitation_accept", kwargs={"token": token})


def invitation_email_send(*, invitation: Invitation, token: str) -> None:
    """Queue the invitation mail, in the language the inviter is using."""
    inviter = invitation.invited_by
    context = {
        "organisation": invitation.organisation.name,
        "role": invitation.role_noun,
        "inviter": (inviter.get_full_name() or inviter.username) if inviter else "",
        "expires_at": invitation.expires_at,
        "link": invitation_link(token),
    }
    subject = render_to_string("members/invitation_subject.txt", context)
    body = render_to_string("members/invitation_body.txt", context)
    # One line, whatever the organisation's name holds.
    queue_email(subject=" ".join(subject.split()), body=body, recipients=[invitation.email])


def _issue_token(invitation: Invitation, now: datetime) -> str:
    token = invitation_token()
    invitation.token_digest = token_digest(token)
    invitation.expires_at = invitation_expiry(now)
    return token


def _send_after_commit(invitation: Invitation, token: str) -> None:
    # Queued once the invitation is stored; still inside the request, so in its language.
    transaction.on_commit(
        partial(invitation_email_send, invitation=invitation, token=token), robust=True
    )


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, invited_by, email: str, role: str, now: datetime | None = None
) -> Invitation:
    """Invite `email` to join in `role` and mail the link. The returned invitation carries the
    link's `token`, which is stored nowhere else."""
    now = now or timezone.now()
    if role not in grantable_roles(manager_role(user=invited_by, organisation=organisation)):
        raise PermissionDenied(ROLE_NOT_YOURS)
    email = normalise_email(email)
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(ALREADY_MEMBER, code="already_member", params={"email": email})
    pending = Invitation.objects.select_for_update().filter(organisation=organisation)
    pending = pending.pending(now=now)
    if pending.filter(email=email).exists():
        raise ValidationError(ALREADY_INVITED, code="already_invited", params={"email": email})
    if pending.count() >= MAX_PENDING_INVITATIONS:
        raise ValidationError(TOO_MANY_INVITATIONS, code="too_many_invitations")
    invitation = Invitation(
        organisation=organisation, email=email, role=role, invited_by=invited_by, created_at=now
    )
    token = _issue_token(invitation, now)
    invitation.save()
    audit(
        organisation=organisation, actor=invited_by, action=Action.INVITE, detail=f"{email}: {role}"
    )
    _send_after_commit(invitation, token)
    invitation.token = token
    return invitation


def _managed_invitation(*, invitation: Invitation, user) -> Invitation:
    """The invitation, locked, if the user may manage invitations to its role."""
    role = manager_role(user=user, organisation=invitation.organisation)
    if invitation.role not in grantable_roles(role):
        raise PermissionDenied(ROLE_NOT_YOURS)
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def invitation_resend(*, invitation: Invitation, user, now: datetime | None = None) -> Invitation:
    """Send the invitation again with a new link, valid 7 days from now; the old link dies."""
    now = now or timezone.now()
    locked = _managed_invitation(invitation=invitation, user=user)
    if locked.accepted_at or locked.revoked_at:
        raise ValidationError(CANNOT_RESEND, code="cannot_resend")
    token = _issue_token(locked, now)
    locked.save(update_fields=["token_digest", "expires_at"])
    audit(
        organisation=locked.organisation,
        actor=user,
        action=Action.RESEND_INVITATION,
        detail=f"{locked.email}: {locked.role}",
    )
    _send_after_commit(locked, token)
    locked.token = token
    return locked


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, user, now: datetime | None = None) -> Invitation:
    """The invitation's link stops working at once."""
    locked = _managed_invitation(invitation=invitation, user=user)
    if locked.accepted_at or locked.revoked_at:
        raise ValidationError(NOT_PENDING, code="not_pending")
    locked.revoked_at = now or timezone.now()
    locked.save(update_fields=["revoked_at"])
    audit(
        organisation=locked.organisation,
        actor=user,
        action=Action.REVOKE_INVITATION,
        detail=f"{locked.email}: {locked.role}",
    )
    return locked


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user, now: datetime | None = None) -> Membership:
    """The logged-in user joins by the invitation to their own address; the link is used up.

    Someone who is a member already keeps their role.
    """
    now = now or timezone.now()
    locked = Invitation.objects.select_for_update().select_related("organisation")
    locked = locked.get(pk=invitation.pk)
    if locked.status(now) != Invitation.Status.PENDING:
        raise ValidationError(NOT_PENDING, code="not_pending")
    if not user_has_address(user, locked.email):
        raise ValidationError(OTHER_ADDRESS, code="other_address", params={"email": locked.email})
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=locked.organisation, defaults={"role": locked.role}
    )
    locked.accepted_at = now
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    audit(
        organisation=locked.organisation,
        actor=user,
        action=Action.ACCEPT_INVITATION,
        detail=f"{locked.email}: {membership.role}",
    )
    return membership


@transaction.atomic
def invitation_accept_new_user(
    *, invitation: Invitation, username: str, password: str, now: datetime | None = None
):
    """Create the invited person's account, its address already verified (the link proves
    it), and accept the invitation with it. Nothing is created if the link is no longer valid."""
    if email_has_account(invitation.email):
        raise ValidationError(
            ACCOUNT_EXISTS, code="account_exists", params={"email": invitation.email}
        )
    user = get_user_model().objects.create_user(
        username=username, email=invitation.email, password=password
    )
    EmailAddress.objects.create(user=user, email=invitation.email, verified=True, primary=True)
    invitation_accept(invitation=invitation, user=user, now=now)
    return user


def _keeps_a_manager(before: list[str], after: list[str]) -> str | None:
    """Why the roles `after` a change leave the organisation without who manages it (or None).

    An organisation with an editor keeps one; one without (a client a consultant set up) keeps
    a consultant or gets an editor.
    """
    if Role.EDITOR in before and Role.EDITOR not in after:
        return LAST_EDITOR
    if Role.CONSULTANT in before and not set(after) & MANAGER_ROLES:
        return LAST_CONSULTANT
    return None


def _roles_of(organisation: Organisation) -> dict[int, str]:
    """Every membership's role, the rows locked so two changes cannot both remove the last."""
    memberships = Membership.objects.select_for_update().filter(organisation=organisation)
    return dict(memberships.values_list("pk", "role"))


@transaction.atomic
def membership_change_role(*, membership: Membership, user, role: str) -> Membership:
    """Give a member another role: only a role the user may give, to a member whose role the
    user may give, never taking the organisation's last editor away."""
    organisation = membership.organisation
    allowed = grantable_roles(manager_role(user=user, organisation=organisation))
    if role not in allowed:
        raise PermissionDenied(ROLE_NOT_YOURS)
    roles = _roles_of(organisation)
    previous = roles.get(membership.pk)
    if previous is None:
        raise Membership.DoesNotExist
    if previous not in allowed:
        raise PermissionDenied(MEMBER_NOT_YOURS)
    if previous == role:
        return membership
    after = {**roles, membership.pk: role}
    problem = _keeps_a_manager(list(roles.values()), list(after.values()))
    if problem:
        raise ValidationError(problem, code="last_manager")
    Membership.objects.filter(pk=membership.pk).update(role=role)
    membership.role = role
    audit(
        organisation=organisation,
        actor=user,
        action=Action.CHANGE_ROLE,
        detail=f"{membership.user.username}: {previous} → {role}",
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, user) -> None:
    """Remove a member (an editor or consultant does), or leave (anyone, for themselves).

    The organisation's last editor can do neither. The removed person loses the organisation
    at their next request: each request reads the user's memberships afresh
    (wizard/organisations/middleware.py).
    """
    organisation = membership.organisation
    leaving = membership.user_id == user.pk
    if not leaving:
        manager_role(user=user, organisation=organisation)
    roles = _roles_of(organisation)
    if membership.pk not in roles:
        raise Membership.DoesNotExist
    after = {pk: role for pk, role in roles.items() if pk != membership.pk}
    problem = _keeps_a_manager(list(roles.values()), list(after.values()))
    if problem:
        raise ValidationError(problem, code="last_manager")
    Membership.objects.filter(pk=membership.pk).delete()
    audit(
        organisation=organisation,
        actor=user,
        action=Action.LEAVE if leaving else Action.REMOVE_MEMBER,
        detail=f"{membership.user.username}: {roles[membership.pk]}",
    )
