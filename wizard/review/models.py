"""What the review-date reminders have sent: one row per policy, review date and kind."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.policies.models import Policy


class ReviewReminder(models.Model):
    """A reminder e-mailed to a policy's authors; the unique row makes the daily run idempotent."""

    class Kind(models.TextChoices):
        SOON = "soon", _("30 days before the review date")
        DUE = "due", _("On the review date")

    policy = models.ForeignKey(
        Policy,
        on_delete=models.CASCADE,
        related_name="review_reminders",
        verbose_name=_("policy"),
    )
    review_date = models.DateField(_("review date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "review_date", "kind"], name="review_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.policy_id} {self.review_date} {self.kind}"
