"""The consent dossier of one policy version: the written request to the participation body,
the consultation meeting, the body's decision and, when the editor publishes without it, why."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wizard.policies.models import Policy


class ConsentDossier(models.Model):
    """WOR art. 27 lid 2 asks for a written request with the proposed decision, its reasons and
    its consequences for staff; the rest is what an auditor asks to see afterwards."""

    class Decision(models.TextChoices):
        CONSENT = "consent", _("Consent")
        CONDITIONS = "conditions", _("Consent with conditions")
        REFUSAL = "refusal", _("Refusal")
        ADVICE = "advice", _("Advice (staff representation)")

    # Decisions that let the policy be published.
    POSITIVE = frozenset({Decision.CONSENT, Decision.CONDITIONS, Decision.ADVICE})

    policy = models.OneToOneField(
        Policy, on_delete=models.CASCADE, related_name="consent_dossier", verbose_name=_("policy")
    )
    proposed_decision = models.TextField(_("the proposed decision"), max_length=2000)
    reasons = models.TextField(_("the reasons"), max_length=2000)
    consequences = models.TextField(_("the consequences for staff"), max_length=2000)
    meeting_on = models.DateField(_("date of the consultation meeting"), null=True, blank=True)
    meeting_notes = models.TextField(_("notes of the meeting"), max_length=4000, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, blank=True, default=""
    )
    conditions = models.TextField(_("conditions"), max_length=2000, blank=True)
    decided_on = models.DateField(_("date of the decision"), null=True, blank=True)
    # Set when an editor chose to publish without the consent that is needed (WOR art. 27 lid 5).
    override_reason = models.TextField(
        _("reason to publish without consent"), max_length=2000, blank=True
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("consent dossier")
        verbose_name_plural = _("consent dossiers")

    def __str__(self) -> str:
        return f"{self.policy} · {self.decision or '-'}"

    def get_absolute_url(self) -> str:
        return reverse("consent_request", kwargs={"pk": self.policy_id})

    @property
    def is_positive(self) -> bool:
        return self.decision in self.POSITIVE and self.decided_on is not None
