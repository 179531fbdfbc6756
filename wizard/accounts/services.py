"""Writing accounts' own data: plain functions that views and tests call directly."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace

from wizard.accounts.models import FORMER_MEMBER_PREFIX, Consultant
from wizard.accounts.selectors import sole_editor_of
from wizard.members.models import Invitation
from wizard.organisations.models import Membership, Organisation
from wizard.organisations.services import organisation_create
from wizard.policies.models import AuditEvent, Policy
from wizard.policies.services import policy_create
from wizard.workspace.models import PolicyTemplate


def email_address_verify(*, user) -> EmailAddress | None:
    """The user's own e-mail address as their verified primary address (vouched for by
    whoever created the account: the demo, the admin)."""
    if not user.email:
        return None
    address, _created = EmailAddress.objects.update_or_create(
        user=user, email=user.email.lower(), defaults={"verified": True, "primary": True}
    )
    return address


def consultant_register(*, user) -> Consultant:
    """The user advises clients: they may create client organisations."""
    consultant, _created = Consultant.objects.get_or_create(user=user)
    return consultant


@transaction.atomic
def organisation_start(*, user, **fields) -> tuple[Organisation, Policy]:
    """A new HR manager's organisation (from the intake answers), with them as its editor, and
    its first policy."""
    organisation = organisation_create(user=user, role=Membership.Role.EDITOR, **fields)
    policy = policy_create(organisation=organisation, user=user)
    return organisation, policy


@transaction.atomic
def organisation_set_sign_in(*, organisation_id: int, user, **choices) -> Organisation:
    """Save how an organisation's members sign in; only its editors may."""
    organisation = (
        Organisation.objects.for_user(user, roles=[Membership.Role.EDITOR])
        .select_for_update()
        .get(pk=organisation_id)
    )
    for name, value in choices.items():
        setattr(organisation, name, value)
    organisation.save(update_fields=list(choices))
    return organisation


def _audit_details_forget(*, user, former_name: str) -> None:
    """The audit trails name members in their details ("sanne: reviewer → editor",
    "sanne@example.org: reviewer"): there the deleted account's name and addresses become its
    former-member name, shown as "former member". The only change ever made to an event."""
    addresses = {user.email.lower()} | {
        email.lower()
        for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    for old in sorted({user.username, *addresses} - {""}):
        AuditEvent.objects.filter(detail__startswith=f"{old}: ").update(
            detail=Replace("detail", Value(f"{old}: "), Value(f"{former_name}: "))
        )


class LastEditor(Exception):
    """The user is an organisation's only editor: it would be left without one."""

    def __init__(self, organisations: list[str]) -> None:
        super().__init__(", ".join(organisations))
        self.organisations = organisations


@transaction.atomic
def account_delete(*, user) -> None:
    """Remove the account and everything personal about it.

    The user row stays as a nameless, unusable "former member" so that the history and audit
    trails of the organisations keep who did what without keeping who they were.
    """
    sole = sole_editor_of(user)
    if sole:
        raise LastEditor(sole)
    former_name = f"{FORMER_MEMBER_PREFIX}{user.pk}"
    _audit_details_forget(user=user, former_name=former_name)
    # An accepted invitation holds the address; its acceptance stays in the audit trail.
    Invitation.objects.filter(accepted_by=user).delete()
    session_keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=session_keys).delete()
    for model in (
        Membership,
        Consultant,
        EmailAddress,
        SocialAccount,
        Authenticator,
        UserSession,
        PolicyTemplate,
    ):
        owner = "owner" if model is PolicyTemplate else "user"
        model.objects.filter(**{owner: user}).delete()
    user.username = former_name
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
