"""A policy and its record: the policy itself, its revisions, its audit trail, its comments.

Access rules are QuerySet methods (`Policy.objects.visible_to(user)`), so every read of a
policy starts from the user's memberships; business rules that several concerns ask about
(is it approved? may it change?) are defined once, here.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.fields import user_reference
from wizard.organisations.models import (
    POLICY_LANGUAGE_LABELS,
    POLICY_LANGUAGES,
    organisation_key,
)
from wizard.policies.blocks import BLOCKS
from wizard.policies.releases import current_release

# Raised by the save functions (wizard/policies/services.py) when the content may not change.
POLICY_CONTENT_LOCKED = _(
    "This policy is in review, approved, published or archived, so its content cannot change. "
    "To change an approved or published policy, start a new version."
)


# A policy is "due" for its periodic review this many days before the date.
REVIEW_DUE_SOON_DAYS = 30


def one_year_from_today() -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def every_step() -> list[str]:
    return [block.key for block in BLOCKS]


class PolicyQuerySet(models.QuerySet):
    def visible_to(self, user) -> PolicyQuerySet:
        """The policies of the organisations `user` is a member of, each with its organisation
        and `viewer_role`, the user's role there; none for anyone else.

        One join through the user's membership (one per organisation), which also gives the
        role: the annotation reuses the join the filter made.
        """
        if not user.is_authenticated:
            return self.none()
        return (
            self.filter(organisation__memberships__user=user)
            .annotate(viewer_role=F("organisation__memberships__role"))
            .select_related("organisation")
        )

    def current(self) -> PolicyQuerySet:
        """Not archived."""
        return self.exclude(status=Policy.Status.ARCHIVED)

    def approved(self) -> PolicyQuerySet:
        """Approved or published: the policies with a periodic review date."""
        return self.filter(status__in=Policy.APPROVED_STATUSES)


class Policy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    # Only these statuses let the content change; an approved or published policy stays as it
    # was approved, and editing it starts a new draft version (see wizard/review/workflow.py).
    CONTENT_EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})
    # Approved or published: staff may read it, and it has a periodic review date.
    APPROVED_STATUSES = frozenset({Status.APPROVED, Status.PUBLISHED})
    # A new version that is still being worked on (so no second one is started).
    OPEN_STATUSES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW})
    # A new version not published yet: while one exists, no second one is started from the same
    # policy, or both could be approved and published.
    UNPUBLISHED_VERSION_STATUSES = OPEN_STATUSES | {Status.APPROVED}

    organisation = organisation_key("policies")
    title = models.CharField(_("title"), max_length=120)
    language = models.CharField(
        _("policy language"), max_length=2, choices=POLICY_LANGUAGES, default="nl"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # {block key: {"clauses": [clause keys], <field key>: value, "own_text": str}}
    content = models.JSONField(_("content"), default=dict, blank=True)
    # The keys of the steps whose content would not pass their step form, worked out whenever
    # the content is written (`policy_set_content` in wizard/policies/services.py), so pages
    # read it instead of validating six forms. Until then every step counts as incomplete.
    incomplete_steps = models.JSONField(_("incomplete steps"), default=every_step, blank=True)
    # Parts of the content a consultant's master policy fixes, with the reason shown to the
    # client: {block key: {part: reason}}, a part being "clause:<key>", "field:<key>" or
    # "own_text" (wizard/policies/locks.py). The save functions refuse to change them.
    locks = models.JSONField(_("locked parts"), default=dict, blank=True)
    # The release of the app's clause library the policy was built on, and per clause its
    # editor decided on: the release taken, a release declined and its own wording
    # (wizard/policies/releases.py). The policy prints the clause texts of those releases.
    clause_library = models.CharField(
        _("clause library release"), max_length=20, default=current_release
    )
    clause_releases = models.JSONField(_("clause releases"), default=dict, blank=True)
    # The keys of the steps a person has checked: went on from with Next or Finish, typed in,
    # or vouched for by sending the policy for review. Steps the intake (or a copy) filled in
    # are "pre-filled, not yet checked" until then (`policy_save_step` and friends).
    checked_steps = models.JSONField(_("checked steps"), default=list, blank=True)
    # The step the policy was last saved at, so it reopens there.
    last_step = models.CharField(_("last step"), max_length=40, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    version_label = models.CharField(_("version label"), max_length=20, default="1.0")
    contact_person = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    # The day the management adopted the policy, and the day the participation body consented
    # (or, for a staff representation, was consulted): both printed in the adoption line.
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    consented_on = models.DateField(_("consent or consultation on"), null=True, blank=True)
    next_review_date = models.DateField(
        _("next review date"), null=True, blank=True, default=one_year_from_today
    )
    # Raised by one on every save; forms carry it to detect edits from stale pages.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = user_reference(_("created by"))
    updated_by = user_reference(_("last changed by"))
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
    submitted_by = user_reference(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The unguessable part of the staff link to the published policy; "" when there is none.
    share_token = models.CharField(
        _("share token"), max_length=64, blank=True, default="", editable=False
    )

    objects = PolicyQuerySet.as_manager()

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

    # Django's own get_FOO_display hashes every (lazy, so translated) choice label on each
    # call: a third of a dashboard row. These look the one label up.
    def get_status_display(self) -> str:
        return str(self.Status(self.status).label) if self.status in self.Status else self.status

    def get_language_display(self) -> str:
        return str(POLICY_LANGUAGE_LABELS.get(self.language, self.language))

    @property
    def is_content_editable(self) -> bool:
        return self.status in self.CONTENT_EDITABLE_STATUSES

    @property
    def is_approved(self) -> bool:
        return self.status in self.APPROVED_STATUSES

    @property
    def step_count(self) -> int:
        return len(BLOCKS)

    @property
    def checked_step_count(self) -> int:
        """The steps that are complete and checked by a person: the policy's real progress."""
        done = set(self.checked_steps) - set(self.incomplete_steps)
        return sum(1 for block in BLOCKS if block.key in done)

    def review_due(self, today: datetime.date | None = None) -> str:
        """ "overdue", "due" (within REVIEW_DUE_SOON_DAYS) or "" for its next review date."""
        if not self.is_approved or not self.next_review_date:
            return ""
        today = today or timezone.localdate()
        if self.next_review_date < today:
            return "overdue"
        if self.next_review_date <= today + datetime.timedelta(days=REVIEW_DUE_SOON_DAYS):
            return "due"
        return ""

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
    author = user_reference(_("author"), blank=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # Set when this revision brought back the content of an older one (nothing is destroyed).
    restored_from = models.PositiveIntegerField(_("restored from revision"), null=True, blank=True)
    # Set while this revision is the one autosaves of its step update in place (the time of
    # the latest): autosaves make one revision per few minutes of editing, not one per pause.
    # Next, Finish and every status change close it (None).
    autosaved_at = models.DateTimeField(_("autosaved at"), null=True, blank=True)

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
        IMPORT_STAFF = "import_staff", _("Imported the staff list")
        SEND_LINKS = "send_links", _("Sent personal links")
        EXPORT_PERSON = "export_person", _("Exported a person's acknowledgements")
        ERASE_PERSON = "erase_person", _("Erased a person's acknowledgements")
        DOMAINS = "staff_domains", _("Changed the staff e-mail domains")
        ROUND = "round", _("Changed the acknowledgement round")
        # The organisation's members (wizard/members): events without a policy.
        INVITE = "invite", _("Invited someone")
        RESEND_INVITATION = "resend_invitation", _("Sent an invitation again")
        REVOKE_INVITATION = "revoke_invitation", _("Revoked an invitation")
        ACCEPT_INVITATION = "accept_invitation", _("Accepted an invitation")
        CHANGE_ROLE = "change_role", _("Changed a member's role")
        REMOVE_MEMBER = "remove_member", _("Removed a member")
        LEAVE = "leave", _("Left the organisation")
        MAKE_MASTER = "make_master", _("Made a master policy")
        MASTER_VERSION = "master_version", _("Published a master version")
        ACCEPT_UPDATE = "accept_update", _("Accepted a master update")
        DECLINE_UPDATE = "decline_update", _("Declined a master update")
        DETACH_MASTER = "detach_master", _("Detached from the master policy")
        # The app's own clause library (wizard/library).
        ACCEPT_CLAUSE_UPDATE = "accept_clause_update", _("Took an updated clause")
        DECLINE_CLAUSE_UPDATE = "decline_clause_update", _("Declined an updated clause")
        # The participation body's consent (wizard/consent).
        CONSENT_REQUEST = "consent_request", _("Changed the consent request")
        CONSENT_MEETING = "consent_meeting", _("Logged the consultation meeting")
        CONSENT_DECISION = "consent_decision", _("Recorded the decision")
        PUBLISH_WITHOUT_CONSENT = "publish_without_consent", _("Chose to publish without consent")
        EVIDENCE_PACK = "evidence_pack", _("Downloaded the evidence pack")
        # Ask your consultant (wizard/questions).
        ASK_CONSULTANT = "ask_consultant", _("Asked the consultant a question")
        ANSWER_QUESTION = "answer_question", _("Answered a question")

    organisation = organisation_key("audit_events")
    policy = models.ForeignKey(
        Policy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("policy"),
    )
    actor = user_reference(_("actor"), blank=False)
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


class CommentQuerySet(models.QuerySet):
    def of_policy(self, policy: Policy) -> CommentQuerySet:
        """The policy's comments, oldest first, with the names of their people (only what the
        pages show of them: composing two whole users per comment cost more than the rest)."""
        return (
            self.filter(policy=policy)
            .select_related("author", "resolved_by")
            .only(
                "policy",
                "block_key",
                "text",
                "created_at",
                "resolved_at",
                "author__username",
                "resolved_by__username",
            )
        )

    def for_block(self, policy: Policy, block_key: str) -> list[Comment]:
        return list(self.of_policy(policy).filter(block_key=block_key))


class Comment(models.Model):
    """A reviewer's remark on one building block of one policy; the authors resolve it."""

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="comments", verbose_name=_("policy")
    )
    block_key = models.CharField(_("building block"), max_length=40)
    author = user_reference(_("author"), blank=False)
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = user_reference(_("resolved by"))

    objects = CommentQuerySet.as_manager()

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


class PublicationQuerySet(models.QuerySet):
    def with_hash(self, digest: str) -> PublicationQuerySet:
        """The publications whose PDF or composed text has this SHA-256."""
        return self.filter(models.Q(pdf_sha256=digest) | models.Q(fingerprint=digest)).exclude(
            pdf_sha256="", fingerprint=""
        )


class Publication(models.Model):
    """A published version as it was published: its composed text and its PDF, frozen.

    Written once, when the policy is published (wizard/policies/publication.py). The staff
    page, the staff PDF and the register read it, so later changes to the organisation's
    details, its logo or the app's clause texts never alter what staff confirmed.
    """

    policy = models.OneToOneField(
        Policy, on_delete=models.CASCADE, related_name="publication", verbose_name=_("policy")
    )
    organisation = organisation_key("publications")
    version_label = models.CharField(_("version"), max_length=20)
    # The composed PolicyDocument (wizard/policies/document.py) as JSON.
    document = models.JSONField(_("composed text"))
    # SHA-256 of that JSON: the content fingerprint staff confirm.
    fingerprint = models.CharField(_("content fingerprint"), max_length=64, db_index=True)
    # That text as the staff page shows it (print/_policy_text.html), rendered when published:
    # the page, opened by all staff at once, does not compose it again on every visit.
    text_html = models.TextField(_("text as HTML"), blank=True, default="")
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"")
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, db_index=True, blank=True)
    # Keeps the logo the text names, whatever the organisation uploads later.
    logo = models.ForeignKey(
        "wizard.Logo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publications",
        verbose_name=_("logo"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    superseded_at = models.DateTimeField(_("replaced or archived at"), null=True, blank=True)
    # A minor correction of the version before it: the confirmations of that one stay valid.
    minor_correction = models.BooleanField(_("minor correction"), default=False)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.policy_id} · {self.version_label} · {self.pdf_sha256[:12]}"
