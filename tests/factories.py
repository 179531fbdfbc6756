"""Factories for organisations, users, memberships and policies."""

from __future__ import annotations

from io import BytesIO

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from PIL import Image

from wizard.models import Membership, Organisation, Policy
from wizard.organisations.logos import prepare_logo
from wizard.organisations.services import organisation_set_logo
from wizard.policies.document import default_content

PASSWORD = "a-strong-test-pass-42"

# The intake questions of a new organisation, answered as a form post.
INTAKE_ANSWERS = {"sector": "other", "staff_size": "under_50", "participation_body": "none"}


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        # As the data migration and seed_demo give existing accounts: a verified address.
        # UserFactory(verified_email=False) is an account that never confirmed its address.
        if create and self.email and extracted is not False:
            EmailAddress.objects.create(
                user=self, email=self.email.lower(), verified=True, primary=True
            )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    contact_person = "Sanne de Vries"
    contact_email = "sanne@example.org"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.EDITOR


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Social-mediabeleid"
    language = "nl"
    content = factory.LazyFunction(default_content)


# --- Review workflow and workspace (issue 6) ---


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "wizard.Comment"

    policy = factory.SubFactory(PolicyFactory)
    block_key = "conduct"
    author = factory.SubFactory(UserFactory)
    text = "Maak dit korter."


class PolicyTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "wizard.PolicyTemplate"

    owner = factory.SubFactory(UserFactory)
    title = "Mijn startbeleid"
    language = "nl"
    content = factory.LazyFunction(default_content)


# --- Logos (issue 15) ---


def image_bytes(size=(240, 80), colour="#c0392b", image_format="PNG", **save_options) -> bytes:
    """An image file's bytes, made with Pillow."""
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, format=image_format, **save_options)
    return out.getvalue()


def give_logo(organisation, **image_options):
    """Give `organisation` a logo through the app's own checks and service; returns its Logo."""
    logo = prepare_logo(image_bytes(**image_options))
    organisation_set_logo(organisation=organisation, logo=logo)
    return organisation.logo
