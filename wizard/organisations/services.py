"""Writing organisations: plain functions that views, commands and tests call directly."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from wizard.organisations.logos import PreparedLogo
from wizard.organisations.models import AUTHOR_ROLES, Logo, Membership, Organisation


def unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "organisatie"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def logo_store(*, logo: PreparedLogo) -> Logo:
    """Keep a checked logo in the database (once per content: the digest is its name)."""
    stored, _created = Logo.objects.get_or_create(
        digest=logo.digest,
        defaults={"png": logo.png, "width": logo.width, "height": logo.height},
    )
    return stored


@transaction.atomic
def organisation_set_logo(*, organisation: Organisation, logo: PreparedLogo | None) -> None:
    """Give the organisation this logo, or none; a logo that no organisation uses any more and
    no published version printed goes."""
    previous = organisation.logo_id
    organisation.logo = logo_store(logo=logo) if logo is not None else None
    organisation.save(update_fields=["logo"])
    if previous and previous != organisation.logo_id:
        Logo.objects.filter(
            digest=previous, organisations__isnull=True, publications__isnull=True
        ).delete()


@transaction.atomic
def organisation_create(
    *, user, logo: PreparedLogo | None = None, role: str = Membership.Role.CONSULTANT, **fields
) -> Organisation:
    """A consultant creates a client organisation (with a checked logo, or none) and becomes
    its consultant; a new HR manager starting their own becomes its editor (`role`)."""
    organisation = Organisation(slug=unique_slug(fields.get("name", "")), **fields)
    if logo is not None:
        organisation.logo = logo_store(logo=logo)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=role)
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
