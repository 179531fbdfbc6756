"""Reads of the consent dossier."""

from __future__ import annotations

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from wizard.consent.models import ConsentDossier
from wizard.consent.services import consent_missing, request_draft
from wizard.policies.consent import consent_needed, consent_needed_q
from wizard.policies.models import Policy, Publication


class ConsentStatus(models.TextChoices):
    """Where a policy stands with the participation body's consent, in a list of many."""

    NOT_NEEDED = "not_needed", _("Not needed")
    WAITING = "waiting", _("Waiting for consent")
    RECORDED = "recorded", _("Consent recorded")
    REFUSED = "refused", _("Consent refused")
    WITHOUT = "without", _("Published without consent")


def dossier_of(policy: Policy) -> ConsentDossier:
    """The policy's dossier; until someone saves one, an unsaved one with the drafted request
    (a GET writes nothing)."""
    existing = ConsentDossier.objects.filter(policy=policy).first()
    if existing is not None:
        return existing
    return ConsentDossier(policy=policy, **request_draft(policy))


def has_evidence_pack(policy: Policy) -> bool:
    """Whether the version was published (a published one always has its Publication; an
    archived one has it when it was published before)."""
    if policy.status == Policy.Status.PUBLISHED:
        return True
    if policy.status != Policy.Status.ARCHIVED:
        return False
    return Publication.objects.filter(policy=policy).exists()


def consent_state(policy: Policy) -> dict:
    """What the review page says about consent (needed, missing, published without it) and
    whether the version has an evidence pack (it was published)."""
    needed = consent_needed(policy)
    missing = needed and consent_missing(policy)
    reason = ""
    if missing:
        reason = (
            ConsentDossier.objects.filter(policy=policy)
            .values_list("override_reason", flat=True)
            .first()
            or ""
        )
    return {
        "consent_body": policy.organisation.has_participation_body,
        "consent_needed": needed,
        "consent_missing": missing,
        "consent_overridden": bool(reason),
        "evidence_pack": has_evidence_pack(policy),
    }


def consent_status() -> Case:
    """`consent_state` as one expression over policies (a `ConsentStatus`): whether consent is
    needed and, if so, whether the dossier records a positive decision, the editor's reason to
    publish without it, or a refusal. Every condition is positive, so a policy without a
    dossier (NULL in the join) is waiting."""
    decided = Q(consent_dossier__decided_on__isnull=False)
    return Case(
        When(
            consent_needed_q(),
            then=Case(
                When(
                    decided & Q(consent_dossier__decision__in=ConsentDossier.POSITIVE),
                    then=Value(ConsentStatus.RECORDED),
                ),
                When(consent_dossier__override_reason__gt="", then=Value(ConsentStatus.WITHOUT)),
                When(
                    decided & Q(consent_dossier__decision=ConsentDossier.Decision.REFUSAL),
                    then=Value(ConsentStatus.REFUSED),
                ),
                default=Value(ConsentStatus.WAITING),
            ),
        ),
        default=Value(ConsentStatus.NOT_NEEDED),
        output_field=models.CharField(),
    )
