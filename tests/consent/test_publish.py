"""Publishing waits for the participation body's consent where it is needed."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory
from wizard.consent import services
from wizard.models import AuditEvent, Policy
from wizard.review import workflow

DECIDED = datetime.date(2026, 12, 1)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_publishing_without_consent_is_refused(council_editor, approved_policy):
    with pytest.raises(PermissionDenied) as excinfo:
        workflow.policy_publish(policy=approved_policy, user=council_editor)
    assert str(excinfo.value) == str(services.CONSENT_MISSING)


def test_the_refusal_is_a_clear_message(client, council_editor, approved_policy):
    client.force_login(council_editor)
    response = client.post(reverse("policy_publish", args=[approved_policy.pk]), **EN)
    assert response.status_code == 403
    assert "needs the consent of the participation body" in response.text


def test_a_refusal_by_the_body_does_not_let_it_through(council_editor, approved_policy):
    services.decision_record(
        policy=approved_policy, user=council_editor, decision="refusal", decided_on=DECIDED
    )
    with pytest.raises(PermissionDenied):
        workflow.policy_publish(policy=approved_policy, user=council_editor)


def test_recorded_consent_lets_it_be_published(council_editor, approved_policy):
    services.decision_record(
        policy=approved_policy, user=council_editor, decision="consent", decided_on=DECIDED
    )
    workflow.policy_publish(policy=approved_policy, user=council_editor)
    assert approved_policy.status == Policy.Status.PUBLISHED


def test_a_policy_without_checks_needs_no_consent_to_publish(council_organisation, council_editor):
    policy = PolicyFactory(organisation=council_organisation, status=Policy.Status.APPROVED)
    workflow.policy_publish(policy=policy, user=council_editor)
    assert policy.status == Policy.Status.PUBLISHED


def test_an_organisation_without_a_body_publishes_at_once(db):
    organisation = OrganisationFactory(participation_body="none")
    editor = MembershipFactory(organisation=organisation).user
    policy = PolicyFactory(organisation=organisation, status=Policy.Status.APPROVED)
    workflow.policy_publish(policy=policy, user=editor)
    assert policy.status == Policy.Status.PUBLISHED


def test_with_a_written_reason_the_editor_may_publish_anyway(council_editor, approved_policy):
    services.publish_without_consent_choose(
        policy=approved_policy, user=council_editor, reason="De OR vergadert pas over drie maanden."
    )
    workflow.policy_publish(policy=approved_policy, user=council_editor)
    assert approved_policy.status == Policy.Status.PUBLISHED


def test_the_reason_is_audited(council_editor, approved_policy):
    services.publish_without_consent_choose(
        policy=approved_policy, user=council_editor, reason="Spoed: een incident."
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.PUBLISH_WITHOUT_CONSENT)
    assert event.detail == "Spoed: een incident."


def test_publishing_anyway_needs_a_reason(council_editor, approved_policy):
    with pytest.raises(ValidationError):
        services.publish_without_consent_choose(
            policy=approved_policy, user=council_editor, reason="  "
        )


def test_a_reviewer_cannot_choose_to_publish_anyway(client, council_reviewer, approved_policy):
    client.force_login(council_reviewer)
    response = client.post(
        reverse("consent_publish_anyway", args=[approved_policy.pk]), {"reason": "Nu."}
    )
    assert response.status_code == 403


def test_the_review_page_says_consent_is_needed(client, council_editor, approved_policy):
    client.force_login(council_editor)
    response = client.get(reverse("policy_review", args=[approved_policy.pk]), **EN)
    assert "This policy needs consent before it is published." in response.text


def test_published_anyway_the_page_warns_it_can_be_declared_void(
    client, council_editor, approved_policy
):
    services.publish_without_consent_choose(
        policy=approved_policy, user=council_editor, reason="Spoed."
    )
    workflow.policy_publish(policy=approved_policy, user=council_editor)
    client.force_login(council_editor)
    response = client.get(reverse("policy_review", args=[approved_policy.pk]), **EN)
    assert "can be declared void (WOR art. 27 lid 5)" in response.text


def test_the_review_page_links_the_request_where_there_is_a_body(
    client, council_editor, checked_policy
):
    client.force_login(council_editor)
    response = client.get(reverse("policy_review", args=[checked_policy.pk]), **EN)
    assert reverse("consent_request", args=[checked_policy.pk]) in response.text


def test_without_a_body_the_review_page_offers_no_request(client, editor, policy):
    client.force_login(editor)
    response = client.get(reverse("policy_review", args=[policy.pk]), **EN)
    assert reverse("consent_request", args=[policy.pk]) not in response.text
