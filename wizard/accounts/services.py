"""Writing accounts' own data: plain functions that views and tests call directly."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from wizard.accounts.models import Consultant
from wizard.organisations.models import Membership, Organisation
from wizard.organisations.services import organisation_create
from wizard.policies.models import Policy
from wizard.policies.services import policy_create


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
