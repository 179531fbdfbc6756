"""Writes of the consent dossier: draft the request, change it, log the meeting, record the
decision, choose to publish without consent. Each is audited; only editors and consultants
make them."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wizard.consent.models import ConsentDossier
from wizard.organisations.models import ParticipationBody
from wizard.policies.access import require_author
from wizard.policies.consent import consent_needed, sets_up_monitoring
from wizard.policies.models import AuditEvent, Policy
from wizard.policies.services import audit_policy
from wizard.text import clean_text

Action = AuditEvent.Action
Decision = ConsentDossier.Decision

CONSENT_MISSING = gettext_lazy(
    "This policy needs the consent of the participation body before it is published. Record "
    "the decision on the “Consent request” page, or give a reason there to publish without it."
)
CONSENT_AFTER_EFFECTIVE_DATE = gettext_lazy(
    "The decision must come before the effective date of the policy (%(date)s). Change the "
    "effective date first, or check the date of the decision."
)
CONDITIONS_MISSING = gettext_lazy("Write down the conditions of the consent.")
ADVICE_ONLY_FOR_PVT = gettext_lazy("Advice is what a staff representation gives, not consent.")
NO_OVERRIDE_NEEDED = gettext_lazy(
    "This policy needs no consent, or a positive decision is recorded."
)
DOSSIER_ARCHIVED = gettext_lazy("An archived policy's consent dossier cannot change.")

# The body in a sentence: "We ask the works council for its consent."
BODY_NOUNS = {
    ParticipationBody.WORKS_COUNCIL: gettext_lazy("the works council"),
    ParticipationBody.STAFF_REPRESENTATION: gettext_lazy("the staff representation"),
    ParticipationBody.MR_STAFF_SECTION: gettext_lazy(
        "the staff section of the participation council"
    ),
    ParticipationBody.GMR_STAFF_SECTION: gettext_lazy(
        "the staff section of the joint participation council"
    ),
    ParticipationBody.NONE: gettext_lazy("the staff"),
}


def body_noun(policy: Policy) -> str:
    return str(BODY_NOUNS.get(policy.organisation.participation_body, BODY_NOUNS["none"]))


def request_draft(policy: Policy) -> dict[str, str]:
    """The request's three parts as the app drafts them, in the policy's language."""
    organisation = policy.organisation
    pvt = organisation.participation_body == ParticipationBody.STAFF_REPRESENTATION
    monitoring = sets_up_monitoring(policy.content or {})
    with translation.override(policy.language):
        effective = (
            date_format(policy.effective_date, "DATE_FORMAT")
            if policy.effective_date
            else _("a date still to be set")
        )
        values = {
            "title": policy.title,
            "organisation": organisation.name,
            "version": policy.version_label,
            "date": effective,
            "body": body_noun(policy),
        }
        proposed = (
            _(
                "The management of %(organisation)s intends to adopt the social media policy "
                "“%(title)s”, version %(version)s. It takes effect on %(date)s."
            )
            % values
        )
        if pvt:
            proposed += " " + _("We ask %(body)s for its advice.") % values
        else:
            proposed += " " + _("We ask %(body)s for its consent.") % values
        reasons = _(
            "Staff use social media at work and in private. Clear rules protect staff, clients "
            "and the organisation. Everyone knows what is expected and where to go with "
            "questions."
        )
        consequences = _(
            "Every member of staff gets the policy and confirms that they have read it. The "
            "policy says what is allowed online and what is not, and what happens after a breach."
        )
        if monitoring:
            reasons += " " + _(
                "The policy announces checks of work accounts and devices, so it needs your "
                "consent (WOR art. 27 lid 1 under k and l; WMS art. 12 at a school)."
            )
            consequences += " " + _(
                "Work accounts and devices can be checked as the policy describes. Private "
                "accounts are not watched."
            )
    return {"proposed_decision": proposed, "reasons": reasons, "consequences": consequences}


def _require_editable(*, policy: Policy, user) -> None:
    require_author(user, policy)
    if policy.status == Policy.Status.ARCHIVED:
        raise PermissionDenied(DOSSIER_ARCHIVED)


def _locked_dossier(policy: Policy) -> ConsentDossier:
    """The dossier row locked for a write, made from the draft when there is none."""
    dossier, _created = ConsentDossier.objects.select_for_update().get_or_create(
        policy=policy, defaults=request_draft(policy)
    )
    return dossier


@transaction.atomic
def request_save(
    *, policy: Policy, user, proposed_decision: str, reasons: str, consequences: str
) -> ConsentDossier:
    """The editor changes the written request."""
    _require_editable(policy=policy, user=user)
    dossier = _locked_dossier(policy)
    dossier.proposed_decision = clean_text(proposed_decision).strip()[:2000]
    dossier.reasons = clean_text(reasons).strip()[:2000]
    dossier.consequences = clean_text(consequences).strip()[:2000]
    dossier.save()
    audit_policy(policy, user, Action.CONSENT_REQUEST)
    return dossier


@transaction.atomic
def meeting_log(*, policy: Policy, user, meeting_on: datetime.date, notes: str) -> ConsentDossier:
    """The editor logs the consultation meeting with the body."""
    _require_editable(policy=policy, user=user)
    dossier = _locked_dossier(policy)
    dossier.meeting_on = meeting_on
    dossier.meeting_notes = clean_text(notes).strip()[:4000]
    dossier.save()
    audit_policy(policy, user, Action.CONSENT_MEETING, meeting_on.isoformat())
    return dossier


def check_decision(
    policy: Policy, *, decision: str, decided_on: datetime.date, conditions: str
) -> None:
    """Refuse a decision that cannot stand (ValidationError with a code)."""
    if decision == Decision.CONDITIONS and not conditions.strip():
        raise ValidationError(CONDITIONS_MISSING, code="conditions_missing")
    pvt = policy.organisation.participation_body == ParticipationBody.STAFF_REPRESENTATION
    if decision == Decision.ADVICE and not pvt:
        raise ValidationError(ADVICE_ONLY_FOR_PVT, code="advice_only_for_pvt")
    if policy.effective_date and decided_on > policy.effective_date:
        raise ValidationError(
            CONSENT_AFTER_EFFECTIVE_DATE % {"date": date_format(policy.effective_date)},
            code="after_effective_date",
        )


@transaction.atomic
def decision_record(
    *, policy: Policy, user, decision: str, decided_on: datetime.date, conditions: str = ""
) -> ConsentDossier:
    """The editor records the body's decision and its date; a positive one becomes the date
    in the policy's adoption line (Policy.consented_on)."""
    _require_editable(policy=policy, user=user)
    conditions = clean_text(conditions).strip()[:2000]
    check_decision(policy, decision=decision, decided_on=decided_on, conditions=conditions)
    dossier = _locked_dossier(policy)
    dossier.decision = decision
    dossier.decided_on = decided_on
    dossier.conditions = conditions if decision == Decision.CONDITIONS else ""
    dossier.save()
    if decision in ConsentDossier.POSITIVE:
        # The adoption line prints this date; the publication freezes it when published.
        Policy.objects.filter(pk=policy.pk).update(consented_on=decided_on)
        policy.consented_on = decided_on
    audit_policy(policy, user, Action.CONSENT_DECISION, f"{decision} {decided_on.isoformat()}")
    return dossier


def consent_missing(policy: Policy) -> bool:
    """Whether the policy needs consent and has no positive decision recorded."""
    if not consent_needed(policy):
        return False
    dossier = ConsentDossier.objects.filter(policy=policy).first()
    return dossier is None or not dossier.is_positive


@transaction.atomic
def publish_without_consent_choose(*, policy: Policy, user, reason: str) -> ConsentDossier:
    """An editor chooses to publish without the consent that is needed, with a written reason
    (audited). The publish transition then lets the policy through; the decision can be
    declared void (WOR art. 27 lid 5)."""
    _require_editable(policy=policy, user=user)
    reason = clean_text(reason).strip()[:2000]
    if not reason:
        raise ValidationError(_("Write down why you publish without consent."), code="empty")
    if not consent_missing(policy):
        raise ValidationError(NO_OVERRIDE_NEEDED, code="not_needed")
    dossier = _locked_dossier(policy)
    dossier.override_reason = reason
    dossier.save()
    audit_policy(policy, user, Action.PUBLISH_WITHOUT_CONSENT, reason)
    return dossier


def require_consent(policy: Policy) -> None:
    """The publish transition's check: refused while consent is needed and missing, unless an
    editor gave a reason to publish without it."""
    if not consent_missing(policy):
        return
    reason = (
        ConsentDossier.objects.filter(policy=policy)
        .values_list("override_reason", flat=True)
        .first()
    )
    if not reason:
        raise PermissionDenied(CONSENT_MISSING)


def evidence_pack_record(*, policy: Policy, user) -> None:
    """Who took the evidence pack, like any export."""
    audit_policy(policy, user, Action.EVIDENCE_PACK)
