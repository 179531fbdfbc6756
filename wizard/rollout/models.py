"""Rolling a published policy out to staff: who is on the staff list, and who confirmed reading
which version, when and how. Both are personal data: only the organisation's editors,
consultants and reviewers see them, and they can be exported, erased and are purged in time."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.organisations.models import organisation_key
from wizard.policies.models import Policy


class StaffMemberQuerySet(models.QuerySet):
    def of_organisation(self, organisation_id: int) -> StaffMemberQuerySet:
        return self.filter(organisation_id=organisation_id).order_by("name", "email")


class StaffMember(models.Model):
    """One person on an organisation's imported staff list."""

    organisation = organisation_key("staff_members")
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), max_length=254)
    department = models.CharField(_("department"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When the last personal link went out (the first one or a reminder).
    last_sent_at = models.DateTimeField(_("last link sent"), null=True, blank=True)

    objects = StaffMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], name="one_staff_email")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class AcknowledgementQuerySet(models.QuerySet):
    def of_policies(self, policy_ids) -> AcknowledgementQuerySet:
        return self.filter(policy_id__in=policy_ids).order_by("-created_at", "-pk")

    def of_person(self, organisation_id: int, email: str) -> AcknowledgementQuerySet:
        return self.filter(organisation_id=organisation_id, email=email.strip().lower())


class Acknowledgement(models.Model):
    """A person confirmed that they read one published version of a policy."""

    class Method(models.TextChoices):
        """How the person showed the address is theirs. Only the first three are verified."""

        PERSONAL_LINK = "personal_link", _("Personal link")
        EMAIL_LINK = "email_link", _("Confirmation link by e-mail")
        WORK_ACCOUNT = "work_account", _("Work account")
        # Typed into the open staff link before confirmations were verified.
        UNVERIFIED = "unverified", _("Not verified")

    organisation = organisation_key("acknowledgements")
    policy = models.ForeignKey(
        Policy,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("policy"),
    )
    version_label = models.CharField(_("version"), max_length=20)
    # The SHA-256 of the composed text the person saw (the publication's fingerprint).
    fingerprint = models.CharField(_("content fingerprint"), max_length=64)
    # The SHA-256 of the published PDF of that version: what "Check a copy" recognises.
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), max_length=254)
    method = models.CharField(_("how"), max_length=20, choices=Method.choices)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    objects = AcknowledgementQuerySet.as_manager()

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Confirming twice is harmless: one record per person and version.
            models.UniqueConstraint(fields=["policy", "email"], name="one_acknowledgement")
        ]
        indexes = [
            models.Index(fields=["organisation", "email"], name="acknowledgement_person"),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.policy_id} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_verified(self) -> bool:
        return self.method != self.Method.UNVERIFIED


ROUND_DAYS = 14


class AcknowledgementRound(models.Model):
    """The round of one published version: by when staff confirm it, and whether they confirm
    it again every few months while it is unchanged. A version without a stored round has the
    default one (ROUND_DAYS from its publication, no re-confirmation)."""

    policy = models.OneToOneField(
        Policy, on_delete=models.CASCADE, related_name="round", verbose_name=_("policy")
    )
    started_on = models.DateField(_("start"))
    deadline = models.DateField(_("deadline"))
    # 0: confirming once is enough while the version is current.
    reconfirm_months = models.PositiveSmallIntegerField(
        _("confirm again every (months)"), default=0
    )

    class Meta:
        verbose_name = _("acknowledgement round")
        verbose_name_plural = _("acknowledgement rounds")

    def __str__(self) -> str:
        return f"{self.policy_id} · {self.started_on} → {self.deadline}"

    @property
    def length(self):
        return self.deadline - self.started_on


class RoundReminder(models.Model):
    """A reminder sent to one person in a round: recorded first, so it goes once."""

    class Kind(models.TextChoices):
        START = "start", _("Start of the round")
        WEEK_BEFORE = "week_before", _("A week before the deadline")
        DEADLINE = "deadline", _("On the deadline")
        OVERDUE = "overdue", _("Overdue")

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="round_reminders", verbose_name=_("policy")
    )
    member = models.ForeignKey(
        StaffMember, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("person")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The day the reminder was due (for weekly overdue reminders, that week's day).
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("round reminder")
        verbose_name_plural = _("round reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "member", "kind", "due_on"], name="one_round_reminder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy_id} · {self.member_id} · {self.kind} · {self.due_on}"
