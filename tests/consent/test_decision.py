"""The meeting and the body's decision: recorded with their dates, audited."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.consent.conftest import policy_with_checks
from tests.factories import MembershipFactory, OrganisationFactory
from wizard.consent import selectors, services
from wizard.models import AuditEvent

DECIDED = datetime.date(2026, 12, 1)


def test_the_editor_logs_the_meeting(client, council_editor, checked_policy):
    client.force_login(council_editor)
    client.post(
        reverse("consent_meeting", args=[checked_policy.pk]),
        {"meeting_on": "2026-11-20", "meeting_notes": "De OR stelt vragen over controle."},
    )
    dossier = selectors.dossier_of(checked_policy)
    assert dossier.meeting_on == datetime.date(2026, 11, 20)
    assert dossier.meeting_notes == "De OR stelt vragen over controle."


def test_logging_the_meeting_is_audited(council_editor, checked_policy):
    services.meeting_log(
        policy=checked_policy, user=council_editor, meeting_on=DECIDED, notes="Notities"
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONSENT_MEETING).count() == 1


def test_the_editor_records_consent_with_its_date(client, council_editor, checked_policy):
    client.force_login(council_editor)
    response = client.post(
        reverse("consent_decision", args=[checked_policy.pk]),
        {"decision": "consent", "decided_on": "2026-12-01"},
    )
    assert response.status_code == 302
    assert selectors.dossier_of(checked_policy).is_positive


def test_consent_becomes_the_date_of_the_adoption_line(council_editor, checked_policy):
    services.decision_record(
        policy=checked_policy, user=council_editor, decision="consent", decided_on=DECIDED
    )
    checked_policy.refresh_from_db()
    assert checked_policy.consented_on == DECIDED


def test_a_refusal_sets_no_consent_date(council_editor, checked_policy):
    services.decision_record(
        policy=checked_policy, user=council_editor, decision="refusal", decided_on=DECIDED
    )
    checked_policy.refresh_from_db()
    assert checked_policy.consented_on is None


def test_consent_with_conditions_keeps_their_text(council_editor, checked_policy):
    dossier = services.decision_record(
        policy=checked_policy,
        user=council_editor,
        decision="conditions",
        decided_on=DECIDED,
        conditions="Evalueer na een jaar.",
    )
    assert dossier.conditions == "Evalueer na een jaar."


def test_consent_with_conditions_needs_their_text(council_editor, checked_policy):
    with pytest.raises(ValidationError) as excinfo:
        services.decision_record(
            policy=checked_policy, user=council_editor, decision="conditions", decided_on=DECIDED
        )
    assert excinfo.value.code == "conditions_missing"


def test_a_decision_after_the_effective_date_is_refused(client, council_editor, checked_policy):
    client.force_login(council_editor)
    response = client.post(
        reverse("consent_decision", args=[checked_policy.pk]),
        {"decision": "consent", "decided_on": "2027-02-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "must come before the effective date" in response.text


def test_advice_is_for_a_staff_representation_only(council_editor, checked_policy):
    with pytest.raises(ValidationError) as excinfo:
        services.decision_record(
            policy=checked_policy, user=council_editor, decision="advice", decided_on=DECIDED
        )
    assert excinfo.value.code == "advice_only_for_pvt"


def test_a_staff_representations_advice_is_recorded(db):
    organisation = OrganisationFactory(participation_body="staff_representation")
    editor = MembershipFactory(organisation=organisation).user
    policy = policy_with_checks(organisation)
    dossier = services.decision_record(
        policy=policy, user=editor, decision="advice", decided_on=DECIDED
    )
    assert dossier.is_positive


def test_recording_the_decision_is_audited(council_editor, checked_policy):
    services.decision_record(
        policy=checked_policy, user=council_editor, decision="consent", decided_on=DECIDED
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.CONSENT_DECISION)
    assert event.detail == "consent 2026-12-01"


def test_a_council_member_cannot_record_the_decision(client, council_member, checked_policy):
    client.force_login(council_member)
    response = client.post(
        reverse("consent_decision", args=[checked_policy.pk]),
        {"decision": "consent", "decided_on": "2026-12-01"},
    )
    assert response.status_code == 403
