"""Organisations, their members and their policies."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

POLICY_LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
POLICY_LANGUAGE_LABELS = dict(POLICY_LANGUAGES)


def choice_label(choices, value) -> str:
    """The label of `value` in a TextChoices class or a {value: label} dict, else the value."""
    if isinstance(choices, dict):
        label = choices.get(value)
    else:
        try:
            label = choices(value).label
        except ValueError:
            label = None
    return str(label) if label is not None else str(value)


brand_colour_validator = RegexValidator(
    regex=r"^#[0-9a-fA-F]{6}\Z",
    message=_("Enter a colour as # followed by six hexadecimal digits, for example #1f5f8b."),
    code="invalid_colour",
)

LOGO_MAX_BYTES = 512 * 1024


def validate_logo_size(file) -> None:
    if file and file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo may be at most 512 KB."),
            code="logo_too_large",
        )


def logo_upload_to(instance: Organisation, filename: str) -> str:
    # Never trust the uploaded name: it could carry path tricks or odd characters.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    if extension not in {"png", "jpg", "jpeg"}:
        extension = "png"
    return f"logos/{secrets.token_hex(12)}.{extension}"


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    policy_language = models.CharField(
        _("default policy language"), max_length=2, choices=POLICY_LANGUAGES, default="nl"
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=logo_upload_to,
        blank=True,
        validators=[validate_logo_size],
        help_text=_("PNG or JPEG, at most 512 KB. Printed at the top of the policy."),
    )
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, default="#1f5f8b", validators=[brand_colour_validator]
    )
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    has_works_council = models.BooleanField(_("has a works council"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor (HR)")
        CONSULTANT = "consultant", _("Consultant")
        REVIEWER = "reviewer", _("Reviewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        indexes = [
            # The organisations a user reviews, read from the index alone (the review queue
            # asks for them three times per page, a thousand at the 8.4 scale).
            models.Index(fields=["user", "role", "organisation"], name="membership_user_role"),
        ]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def get_role_display(self) -> str:
        return choice_label(Membership.Role, self.role)


# Raised by the save functions (wizard/services.py) when the content may not change now.
POLICY_CONTENT_LOCKED = _(
    "This policy is in review, approved, published or archived, so its content cannot change. "
    "To change an approved or published policy, start a new version."
)


def one_year_from_today() -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


class Policy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    # Only these statuses let the content change; an approved or published policy stays as it
    # was approved, and editing it starts a new draft version (see wizard/workflow.py).
    CONTENT_EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="policies",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=120)
    language = models.CharField(
        _("policy language"), max_length=2, choices=POLICY_LANGUAGES, default="nl"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # {block key: {"clauses": [clause keys], <field key>: value, "own_text": str}}
    content = models.JSONField(_("content"), default=dict, blank=True)
    # The step the policy was last saved at, so it reopens there.
    last_step = models.CharField(_("last step"), max_length=40, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    version_label = models.CharField(_("version label"), max_length=20, default="1.0")
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    next_review_date = models.DateField(
        _("next review date"), null=True, blank=True, default=one_year_from_today
    )
    # Raised by one on every save; forms carry it to detect edits from stale pages.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # The approved or published policy this draft is a new version of; that one stays intact.
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="new_versions",
        verbose_name=_("new version of"),
    )
    # Who sent it for review and when: the reviewer's queue is ordered by it, the decision
    # notice goes to this person.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The unguessable part of the staff link to the published policy; "" when there is none.
    share_token = models.CharField(
        _("share token"), max_length=64, blank=True, default="", editable=False
    )

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["organisation", "-updated_at"], name="policy_org_updated"),
            # The review queue: policies in review of the reviewer's organisations, oldest first.
            models.Index(fields=["status", "organisation", "submitted_at"], name="policy_queue"),
            # The same queue's first page for a reviewer of many organisations: PostgreSQL walks
            # the waiting policies oldest first and stops at the page (0.2 ms instead of 2.7 ms
            # probing each of 1,000 organisations and sorting what it found).
            models.Index(fields=["status", "submitted_at", "id"], name="policy_queue_order"),
            # The periodic reviews due in the reviewer's organisations: a range per organisation
            # instead of reading every approved and published policy to check its date.
            models.Index(
                fields=["status", "organisation", "next_review_date"], name="policy_review_due"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["share_token"],
                condition=~models.Q(share_token=""),
                name="unique_share_token",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policy_resume", kwargs={"pk": self.pk})

    # Django's generated get_FOO_display hashes the lazy choices on every call, which adds up
    # on list pages; these read the label directly.
    def get_status_display(self) -> str:
        return choice_label(Policy.Status, self.status)

    def get_language_display(self) -> str:
        return choice_label(POLICY_LANGUAGE_LABELS, self.language)

    @property
    def is_content_editable(self) -> bool:
        return self.status in self.CONTENT_EDITABLE_STATUSES

    def contact_person_or_default(self) -> str:
        return self.contact_person or self.organisation.contact_person

    def contact_email_or_default(self) -> str:
        return self.contact_email or self.organisation.contact_email


class Revision(models.Model):
    """What one save of one step changed: who, when, and the whole content after it."""

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("policy")
    )
    number = models.PositiveIntegerField(_("number"))
    step = models.CharField(_("step"), max_length=40)
    content = models.JSONField(_("content"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Set when this revision brought back the content of an older one (nothing is destroyed).
    restored_from = models.PositiveIntegerField(_("restored from revision"), null=True, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="one_revision_number")
        ]
        indexes = [
            # The newest revisions of a policy for its history page, without reading (and
            # sorting) all of them: 2,000 at the 8.4 scale.
            models.Index(
                fields=["policy", "-created_at", "-number"], name="revision_policy_created"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy} #{self.number}"


class AuditEvent(models.Model):
    """An append-only record of who did what; users can never edit it."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        SAVE_STEP = "save_step", _("Saved a step")
        SAVE_DETAILS = "save_details", _("Saved the finishing details")
        SUBMIT = "submit", _("Submitted for review")
        COMMENT = "comment", _("Commented")
        REQUEST_CHANGES = "request_changes", _("Requested changes")
        APPROVE = "approve", _("Approved")
        PUBLISH = "publish", _("Published")
        ARCHIVE = "archive", _("Archived")
        EXPORT = "export", _("Exported")
        COPY = "copy", _("Copied")
        RESTORE = "restore", _("Restored a revision")
        CONFLICT = "conflict", _("Resolved an edit conflict")
        NEW_VERSION = "new_version", _("Started a new version")
        RESOLVE_COMMENT = "resolve_comment", _("Resolved a comment")
        SAVE_TEMPLATE = "save_template", _("Saved as a template")
        SHARE = "share", _("Created the staff link")
        REVOKE_SHARE = "revoke_share", _("Revoked the staff link")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="audit_events",
        verbose_name=_("organisation"),
    )
    policy = models.ForeignKey(
        Policy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("policy"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A policy's audit trail.
            models.Index(fields=["policy", "-created_at"], name="audit_policy_created"),
            # The status changes among them: counted and read without the step saves.
            models.Index(fields=["policy", "action", "-created_at"], name="audit_policy_action"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()}"


class Comment(models.Model):
    """A reviewer's remark on one building block of one policy; the authors resolve it."""

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="comments", verbose_name=_("policy")
    )
    block_key = models.CharField(_("building block"), max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["policy", "block_key"], name="comment_policy_block")]

    def __str__(self) -> str:
        return f"{self.policy} · {self.block_key} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class PolicyTemplate(models.Model):
    """A consultant's own starting policy, not tied to any client organisation.

    The organisation details of the policy it was saved from are kept so that, when a client's
    policy is started from it, they can be swapped for the client's own in the free texts.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="policy_templates",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=120)
    language = models.CharField(
        _("policy language"), max_length=2, choices=POLICY_LANGUAGES, default="nl"
    )
    content = models.JSONField(_("content"), default=dict)
    source_name = models.CharField(_("organisation name to replace"), max_length=120, blank=True)
    source_contact_person = models.CharField(
        _("contact person to replace"), max_length=120, blank=True
    )
    source_contact_email = models.CharField(
        _("contact e-mail to replace"), max_length=254, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("policy template")
        verbose_name_plural = _("policy templates")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["owner", "title"], name="template_owner_title")]

    def __str__(self) -> str:
        return self.title
