"""Writing organisations: plain functions that views, commands and tests call directly."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from wizard.organisations.models import AUTHOR_ROLES, Membership, Organisation


def unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "organisatie"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def organisation_create(*, user, **fields) -> Organisation:
    """A consultant creates a client organisation and becomes its consultant."""
    organisation = Organisation(slug=unique_slug(fields.get("name", "")), **fields)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.CONSULTANT)
    return organisation


@transaction.atomic
def organisation_update_intake(*, organisation_id: int, user, answers: dict) -> Organisation:
    """Save the intake answers of an organisation the user may edit (an author there)."""
    organisation = (
        Organisation.objects.for_user(user, roles=AUTHOR_ROLES)
        .select_for_update()
        .get(pk=organisation_id)
    )
    for name, value in answers.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save(update_fields=list(answers))
    return organisation
