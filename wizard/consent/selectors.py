"""Reads of the consent dossier."""

from __future__ import annotations

from wizard.consent.models import ConsentDossier
from wizard.consent.services import consent_missing, request_draft
from wizard.policies.consent import consent_needed
from wizard.policies.models import Policy, Publication


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
