"""An editor's question to the organisation's consultant about one step of a policy."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.fields import user_reference
from wizard.organisations.models import Role, organisation_key
from wizard.policies.models import Comment, Policy

QUESTION_MAX_LENGTH = 1000


class ConsultantQuestionQuerySet(models.QuerySet):
    def for_consultant(self, user) -> ConsultantQuestionQuerySet:
        """The questions asked in the organisations `user` is the consultant of; none for
        anyone else (another organisation's question is a 404)."""
        if not user.is_authenticated:
            return self.none()
        # One filter() call, so both conditions hold for the same membership.
        return self.filter(
            organisation__memberships__user=user, organisation__memberships__role=Role.CONSULTANT
        )

    def open(self) -> ConsultantQuestionQuerySet:
        return self.filter(answered_at__isnull=True)


class ConsultantQuestion(models.Model):
    """Asked from a wizard step; answered with a comment on that same step, which closes it."""

    organisation = organisation_key("consultant_questions")
    policy = models.ForeignKey(
        Policy,
        on_delete=models.CASCADE,
        related_name="consultant_questions",
        verbose_name=_("policy"),
    )
    step = models.CharField(_("step"), max_length=40)
    text = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    asked_by = user_reference(_("asked by"), blank=False)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    # The consultant's answer is a comment on the step, where the editor reads comments.
    answer = models.OneToOneField(
        Comment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="question",
        verbose_name=_("answer"),
    )
    answered_by = user_reference(_("answered by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = ConsultantQuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question to the consultant")
        verbose_name_plural = _("questions to the consultant")
        ordering = ["asked_at", "pk"]
        indexes = [
            # A consultant's open questions, oldest first, per client: answered ones are many
            # and never read in that list.
            models.Index(
                fields=["organisation", "asked_at"],
                condition=models.Q(answered_at__isnull=True),
                name="question_open",
            ),
            # The questions already asked on one step (the ask page lists them).
            models.Index(fields=["policy", "step"], name="question_policy_step"),
        ]

    def __str__(self) -> str:
        return f"{self.policy_id} · {self.step} · {self.asked_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("question_answer", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
