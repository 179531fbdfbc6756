"""A consultant's master policies, their published versions, the policies derived from them
and the updates proposed to those policies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wizard.fields import user_reference
from wizard.organisations.models import POLICY_LANGUAGES
from wizard.policies.models import Policy


class MasterPolicyQuerySet(models.QuerySet):
    def owned_by(self, user) -> MasterPolicyQuerySet:
        """The user's own masters; none for anyone else (another's master is a 404)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class MasterPolicy(models.Model):
    """A consultant's master, made from one of their policies (its working copy: the consultant
    edits that policy in the wizard and publishes its content as the master's next version).

    The details of the organisation it was made from are kept so they can be swapped for each
    client's own in the free texts, as a template's are.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="master_policies",
        verbose_name=_("owner"),
    )
    source = models.ForeignKey(
        Policy,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("working copy"),
    )
    title = models.CharField(_("title"), max_length=120)
    language = models.CharField(
        _("policy language"), max_length=2, choices=POLICY_LANGUAGES, default="nl"
    )
    # {block key: {part: reason}} (wizard/policies/locks.py): published with each version.
    locks = models.JSONField(_("locked parts"), default=dict, blank=True)
    source_name = models.CharField(_("organisation name to replace"), max_length=120, blank=True)
    source_contact_person = models.CharField(
        _("contact person to replace"), max_length=120, blank=True
    )
    source_contact_email = models.CharField(
        _("contact e-mail to replace"), max_length=254, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MasterPolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("master policy")
        verbose_name_plural = _("master policies")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["owner", "title"], name="master_owner_title")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("master_detail", kwargs={"pk": self.pk})


class MasterVersion(models.Model):
    """The content and locks of a master as published: what derived policies start from and
    are merged against."""

    master = models.ForeignKey(
        MasterPolicy, on_delete=models.CASCADE, related_name="versions", verbose_name=_("master")
    )
    number = models.PositiveIntegerField(_("number"))
    content = models.JSONField(_("content"))
    locks = models.JSONField(_("locked parts"), default=dict, blank=True)
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("master version")
        verbose_name_plural = _("master versions")
        ordering = ["master", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["master", "number"], name="one_master_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.master} v{self.number}"


class PolicyOrigin(models.Model):
    """A client's policy derived from a master: which master, and which version it is at."""

    policy = models.OneToOneField(
        Policy, on_delete=models.CASCADE, related_name="master_origin", verbose_name=_("policy")
    )
    master = models.ForeignKey(
        MasterPolicy, on_delete=models.CASCADE, related_name="origins", verbose_name=_("master")
    )
    version = models.ForeignKey(
        MasterVersion, on_delete=models.CASCADE, related_name="+", verbose_name=_("master version")
    )

    class Meta:
        verbose_name = _("master origin")
        verbose_name_plural = _("master origins")

    def __str__(self) -> str:
        return f"{self.policy} ← {self.version}"


class ProposedUpdate(models.Model):
    """A newer master version offered to a derived policy. The merge is made when it is shown
    and when it is accepted, against the policy as it is then; nothing changes in the client's
    policy until an author accepts."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REPLACED = "replaced", _("Replaced by a newer update")

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="proposed_updates", verbose_name=_("policy")
    )
    origin = models.ForeignKey(
        PolicyOrigin,
        on_delete=models.SET_NULL,
        null=True,
        related_name="proposals",
        verbose_name=_("origin"),
    )
    from_version = models.ForeignKey(
        MasterVersion, on_delete=models.CASCADE, related_name="+", verbose_name=_("from version")
    )
    to_version = models.ForeignKey(
        MasterVersion, on_delete=models.CASCADE, related_name="+", verbose_name=_("to version")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = user_reference(_("decided by"))

    class Meta:
        verbose_name = _("proposed update")
        verbose_name_plural = _("proposed updates")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["policy", "status"], name="proposal_policy_status")]

    def __str__(self) -> str:
        return f"{self.policy} → {self.to_version}"

    def get_absolute_url(self) -> str:
        return reverse("proposed_update", kwargs={"pk": self.pk})


class UpdateSendQuerySet(models.QuerySet):
    def sent_by(self, user) -> UpdateSendQuerySet:
        """The sendings of the user's own masters; none for anyone else (a 404)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(master__owner=user)


class UpdateSend(models.Model):
    """One sending of a master version to chosen clients, worked through in the background
    (`send_master_update`): how far it is, and why a client's update failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Sending")
        FINISHED = "finished", _("Finished")

    master = models.ForeignKey(
        MasterPolicy, on_delete=models.CASCADE, related_name="sends", verbose_name=_("master")
    )
    version = models.ForeignKey(
        MasterVersion, on_delete=models.CASCADE, related_name="+", verbose_name=_("version")
    )
    sent_by = user_reference(_("sent by"))
    # The chosen clients' derived policies (PolicyOrigin ids), in the order they are sent.
    origin_ids = models.JSONField(_("derived policies"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(_("clients"), default=0)
    done = models.PositiveIntegerField(_("sent"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    # [{"organisation": name, "policy": id, "reason": text}] for each client that failed.
    failures = models.JSONField(_("failures"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = UpdateSendQuerySet.as_manager()

    class Meta:
        verbose_name = _("update sending")
        verbose_name_plural = _("update sendings")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.version} → {self.total}"

    def get_absolute_url(self) -> str:
        return reverse("master_send_progress", kwargs={"pk": self.pk})

    @property
    def processed(self) -> int:
        return self.done + self.failed

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED
