"""Organisations and their members: who belongs where, in which role.

Every read of an organisation's data starts from the user's memberships; the QuerySet methods
here are that rule, written once.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wizard.organisations.logos import LOGO_MAX_BYTES, MESSAGES

POLICY_LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
POLICY_LANGUAGE_LABELS = dict(POLICY_LANGUAGES)


brand_colour_validator = RegexValidator(
    regex=r"^#[0-9a-fA-F]{6}\Z",
    message=_("Enter a colour as # followed by six hexadecimal digits, for example #1f5f8b."),
    code="invalid_colour",
)


# Migration 0001 refers to these two (the logo was a file on disk then); they stay importable.
def validate_logo_size(file) -> None:
    if file and file.size > LOGO_MAX_BYTES:
        raise ValidationError(MESSAGES["logo_too_large"], code="logo_too_large")


def logo_upload_to(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    if extension not in {"png", "jpg", "jpeg"}:
        extension = "png"
    return f"logos/{secrets.token_hex(12)}.{extension}"


class LogoQuerySet(models.QuerySet):
    def png_of(self, digest: str, *, organisation_id: int | None = None) -> bytes | None:
        """The PNG stored under `digest` (only if it is that organisation's logo, when given)."""
        logos = self.filter(digest=digest)
        if organisation_id is not None:
            logos = logos.filter(organisations__pk=organisation_id)
        png = logos.values_list("png", flat=True).first()
        return bytes(png) if png is not None else None


class Logo(models.Model):
    """A checked, re-encoded logo (wizard.organisations.logos), named by the SHA-256 of its PNG.

    In the database, so every app instance reads the same logo; an organisation points at it.
    """

    digest = models.CharField(_("SHA-256"), max_length=64, primary_key=True)
    png = models.BinaryField(_("PNG image"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = LogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("logo")
        verbose_name_plural = _("logos")

    def __str__(self) -> str:
        return f"{self.digest[:12]} ({self.width} × {self.height})"


class Sector(models.TextChoices):
    CARE = "care", _("Care (zorg)")
    EDUCATION = "education", _("Education")
    GOVERNMENT = "government", _("Government")
    BUSINESS = "business", _("Business or retail")
    NON_PROFIT = "non_profit", _("Non-profit or association")
    OTHER = "other", _("Other")


class StaffSize(models.TextChoices):
    UNDER_10 = "under_10", _("Under 10")
    FROM_10 = "10_49", _("10 to 49")
    FROM_50 = "50_249", _("50 to 249")
    FROM_250 = "250_plus", _("250 or more")


class ParticipationBody(models.TextChoices):
    """Who consents to (or is consulted on) the policy before the management adopts it."""

    WORKS_COUNCIL = "works_council", _("Works council (ondernemingsraad, OR)")
    STAFF_REPRESENTATION = (
        "staff_representation",
        _("Staff representation (personeelsvertegenwoordiging, PVT)"),
    )
    MR_STAFF_SECTION = (
        "mr_staff_section",
        _("Staff section of the school's participation council (personeelsgeleding MR)"),
    )
    GMR_STAFF_SECTION = (
        "gmr_staff_section",
        _("Staff section of the joint participation council (personeelsgeleding GMR)"),
    )
    NONE = "none", _("None")


# The bodies of a school (WMS); the others are those of the WOR.
SCHOOL_BODIES = frozenset({ParticipationBody.MR_STAFF_SECTION, ParticipationBody.GMR_STAFF_SECTION})


class OrganisationQuerySet(models.QuerySet):
    def for_user(self, user, *, roles=None) -> OrganisationQuerySet:
        """The organisations `user` is a member of (in one of `roles`, when given)."""
        if not user.is_authenticated:
            return self.none()
        if roles is None:
            return self.filter(memberships__user=user)
        # One filter() call, so both conditions hold for the same membership.
        return self.filter(memberships__user=user, memberships__role__in=roles)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    policy_language = models.CharField(
        _("default policy language"), max_length=2, choices=POLICY_LANGUAGES, default="nl"
    )
    # Read `logo_id` (the digest) where the logo's URL is wanted: `logo` loads the image.
    logo = models.ForeignKey(
        Logo,
        verbose_name=_("logo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("PNG or JPEG, at most 512 KB. Printed at the top of the policy."),
    )
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, default="#1f5f8b", validators=[brand_colour_validator]
    )
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # Intake: answered once, they fit the policy to the organisation (wizard/policies/document.py).
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default="other")
    staff_size = models.CharField(
        _("number of staff"), max_length=10, choices=StaffSize.choices, default="under_10"
    )
    participation_body = models.CharField(
        _("participation body"),
        max_length=20,
        choices=ParticipationBody.choices,
        default="none",
    )
    # WOR art. 27 lid 3: no consent is needed for what a collective agreement already settles.
    collective_agreement_settles = models.BooleanField(
        _("a collective agreement already settles these rules"), default=False
    )
    has_code_of_conduct = models.BooleanField(_("has a code of conduct"), default=False)
    privacy_contact_name = models.CharField(
        _("privacy officer or privacy contact"), max_length=120, blank=True
    )
    privacy_contact_email = models.EmailField(_("privacy contact e-mail"), blank=True)
    press_contact = models.CharField(
        _("press and communication contact"), max_length=120, blank=True
    )
    # When filled, staff confirm having read a policy only with an address at one of these
    # domains (one a line); empty lets any address confirm.
    staff_email_domains = models.TextField(
        _("staff e-mail domains"),
        blank=True,
        default="",
        help_text=_(
            "One domain a line, for example voorbeeldzorg.nl. When filled, only addresses at "
            "these domains can confirm that they read a policy."
        ),
    )
    # How members sign in (wizard/accounts): two-step login for everyone, and which single
    # sign-on provider (an id of settings.SOCIALACCOUNT_PROVIDERS) the e-mail domains below use.
    require_two_step_login = models.BooleanField(
        _("require two-step login for all members"), default=False
    )
    sign_in_provider = models.CharField(_("single sign-on provider"), max_length=60, blank=True)
    sign_in_domains = models.TextField(
        _("e-mail domains that sign in there"),
        blank=True,
        default="",
        help_text=_("One domain a line, for example voorbeeldzorg.nl."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def staff_domains(self) -> list[str]:
        return [
            line.strip().lstrip("@").lower()
            for line in self.staff_email_domains.splitlines()
            if line.strip()
        ]

    def accepts_staff_email(self, email: str) -> bool:
        """Whether `email` may confirm a policy of this organisation (its domains, if any)."""
        domains = self.staff_domains
        if not domains:
            return True
        return email.rsplit("@", 1)[-1].lower() in domains

    @property
    def logo_url(self) -> str:
        """Where the app serves the logo ("" for none); the digest changes with the image."""
        if not self.logo_id:
            return ""
        return reverse("organisation_logo", kwargs={"pk": self.pk, "digest": self.logo_id})

    @property
    def has_participation_body(self) -> bool:
        return self.participation_body != ParticipationBody.NONE


def organisation_key(related_name: str) -> models.ForeignKey:
    """The organisation a record belongs to; the record goes when the organisation does."""
    return models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("organisation"),
    )


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor (HR)")
    CONSULTANT = "consultant", _("Consultant")
    REVIEWER = "reviewer", _("Reviewer")
    # A member of the participation body (wizard/consent): reads the draft, comments per block
    # and reads the consent request, nothing else.
    COUNCIL_MEMBER = "council_member", _("Council member")


# Who may change a policy's content, and who decides on it: defined here once.
AUTHOR_ROLES = frozenset({Role.EDITOR, Role.CONSULTANT})
REVIEWER_ROLES = frozenset({Role.REVIEWER})
# Who may comment on a policy's blocks: its reviewers and the participation body's members.
COMMENTER_ROLES = REVIEWER_ROLES | {Role.COUNCIL_MEMBER}


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user) -> MembershipQuerySet:
        """The user's own memberships; none for an anonymous visitor."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def role_of(self, user, organisation_id: int) -> str | None:
        """The user's role in the organisation, None when they are not a member."""
        return (
            self.for_user(user)
            .filter(organisation_id=organisation_id)
            .values_list("role", flat=True)
            .first()
        )

    def has_role(self, user, role: str) -> bool:
        """Whether the user has `role` in any organisation (is this user a consultant?)."""
        return self.for_user(user).filter(role=role).exists()

    def consultants_of(self, organisation_id: int) -> MembershipQuerySet:
        """The organisation's consultants (active accounts), with their users, longest first."""
        return (
            self.filter(organisation_id=organisation_id, role=Role.CONSULTANT, user__is_active=True)
            .select_related("user")
            .order_by("created_at", "pk")
        )


class Membership(models.Model):
    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = organisation_key("memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        indexes = [
            # The organisations a user has a given role in (the review queue, the workspace).
            models.Index(fields=["user", "role", "organisation"], name="membership_user_role"),
        ]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"
