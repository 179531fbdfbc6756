"""Factories for organisations, users, memberships and policies, and the request data and
files that several test modules build the same way."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.urls import reverse
from PIL import Image

from wizard.fields import CleanTextField
from wizard.models import Acknowledgement, Membership, Organisation, Policy
from wizard.organisations.logos import prepare_logo
from wizard.organisations.services import organisation_set_logo
from wizard.policies import services as policy_services
from wizard.policies.document import default_content
from wizard.policies.services import policy_set_content
from wizard.review import workflow
from wizard.rollout import services as rollout_services

PASSWORD = "a-strong-test-pass-42"

# The intake questions of a new organisation, answered as a form post.
INTAKE_ANSWERS = {"sector": "other", "staff_size": "under_10", "participation_body": "none"}


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

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As every write of content in the app: which steps it completes is stored with it.
        policy = model_class(*args, **kwargs)
        policy_set_content(policy, policy.content)
        policy.save()
        return policy


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


# --- What the browser posts ---


def step_url(policy, step):
    return reverse("wizard_step", kwargs={"pk": policy.pk, "step": step})


def form_data(policy, step, **overrides):
    """What the browser posts for `step`: the stored block, changed by `overrides`."""
    stored = {**policy.content[step], **overrides}
    data = {
        f"policy_wizard_{policy.pk}-current_step": step,
        f"{step}-base_hash": policy_services.content_hash(policy.content[step]),
    }
    for name, value in stored.items():
        key = f"{step}-{name}"
        if isinstance(value, list) and name in ("core_values",):
            data[key] = "\n".join(value)
        else:
            data[key] = value
    return data


def text_form_fields(form_class) -> dict[str, int]:
    """name -> max_length of the free-text fields of a form (all of them are CleanTextField)."""
    return {
        name: field.max_length or 200
        for name, field in form_class.base_fields.items()
        if isinstance(field, CleanTextField)
    }


def step_overrides(block, payload: str) -> dict[str, str]:
    """Every free-text field of `block` set to `payload` (cut to the field's maximum)."""
    overrides = {"own_text": payload[: block.max_chars]}
    for block_field in block.fields:
        if block_field.kind in ("line", "lines"):
            overrides[block_field.key] = payload[: block_field.max_length]
    return overrides


# --- Logos (issue 15) ---


def image_bytes(size=(240, 80), colour="#c0392b", image_format="PNG", **save_options) -> bytes:
    """An image file's bytes, made with Pillow."""
    out = BytesIO()
    Image.new("RGB", size, colour).save(out, format=image_format, **save_options)
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: its length, type, data and checksum."""
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def huge_png(width: int = 9_000, height: int = 9_000) -> bytes:
    """A valid, all-white 1-bit greyscale PNG of width × height: 21 KB on disk at 9,000 ×
    9,000, and 81 million pixels (hundreds of MB) once decoded."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", data)
        + png_chunk(b"IEND", b"")
    )


def give_logo(organisation, **image_options):
    """Give `organisation` a logo through the app's own checks and service; returns its Logo."""
    logo = prepare_logo(image_bytes(**image_options))
    organisation_set_logo(organisation=organisation, logo=logo)
    return organisation.logo


SENTENCE = "Dit is een voorbeeldzin over verstandig en respectvol gebruik van social media. "


def with_own_text(policy, chars: int, keys=("conduct", "audience")) -> dict:
    """The policy's content with `chars` characters of extra own words spread over `keys`."""
    content = default_content()
    share = chars // len(keys)
    for key in keys:
        content[key]["own_text"] = (SENTENCE * (share // len(SENTENCE) + 1))[:share].strip()
    return content


def publish(policy, user):
    """`policy` approved and published by `user`, as the review page would."""
    Policy.objects.filter(pk=policy.pk).update(status=Policy.Status.APPROVED)
    policy.refresh_from_db()
    workflow.policy_publish(policy=policy, user=user)
    policy.refresh_from_db()
    return policy


def publish_new_version(policy, user, own_text="Vraag eerst je leidinggevende om raad."):
    """A new version of the published `policy` with changed conduct text, published."""
    draft = policy_services.policy_new_version(policy=policy, user=user)
    content = dict(draft.content)
    content["conduct"] = {**content["conduct"], "own_text": own_text}
    Policy.objects.filter(pk=draft.pk).update(content=content)
    draft.refresh_from_db()
    return publish(draft, user)


def acknowledge(policy, name="Sanne Jansen", email="sanne@voorbeeldzorg.nl", method=None):
    """A confirmation of the version published now, by a personal link unless told."""
    return rollout_services.acknowledge(
        policy=policy,
        name=name,
        email=email,
        method=method or Acknowledgement.Method.PERSONAL_LINK,
        fingerprint=rollout_services.policy_fingerprint(policy),
    )[0]
