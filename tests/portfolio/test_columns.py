"""The portfolio's columns read in one query: how many staff confirmed the version published
now, and where the current policy stands with the participation body's consent."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory, UserFactory
from wizard.consent.selectors import ConsentStatus
from wizard.models import Acknowledgement, ConsentDossier, Membership, Policy, StaffMember
from wizard.portfolio import selectors

TODAY = datetime.date(2026, 12, 5)
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def adviser(db):
    return UserFactory()


def client_of(adviser, **organisation):
    client = OrganisationFactory(**organisation)
    MembershipFactory(user=adviser, organisation=client, role=Membership.Role.CONSULTANT)
    return client


def staff(organisation, *emails: str) -> None:
    for email in emails:
        StaffMember.objects.create(organisation=organisation, name=email, email=email)


def confirm(policy, *emails: str) -> None:
    for email in emails:
        Acknowledgement.objects.create(
            organisation=policy.organisation,
            policy=policy,
            version_label=policy.version_label,
            fingerprint="0" * 64,
            name=email,
            email=email,
            method=Acknowledgement.Method.PERSONAL_LINK,
        )


def rows(adviser):
    return selectors.with_columns(selectors.portfolio(adviser, today=TODAY))


def row(adviser):
    return rows(adviser).get()


def monitoring(policy) -> Policy:
    """The policy announces checks of staff, which a works council must consent to."""
    policy.content["productivity"]["monitoring"] = "announced-checks"
    policy.save(update_fields=["content"])
    return policy


def test_confirmations_count_the_staff_list_of_the_published_version(adviser):
    bakery = client_of(adviser)
    staff(bakery, "a@bakkerij.nl", "b@bakkerij.nl", "c@bakkerij.nl", "d@bakkerij.nl")
    published = PolicyFactory(organisation=bakery, status=Policy.Status.PUBLISHED)
    confirm(published, "a@bakkerij.nl", "b@bakkerij.nl", "gone@bakkerij.nl")
    found = row(adviser)
    assert (found.confirmed, found.staff, found.confirmed_any) == (2, 4, 3)
    assert selectors.confirmed_percentage(found) == 50


def test_confirmations_are_of_the_published_version_while_a_new_draft_is_current(adviser):
    bakery = client_of(adviser)
    staff(bakery, "a@bakkerij.nl")
    published = PolicyFactory(organisation=bakery, status=Policy.Status.PUBLISHED)
    confirm(published, "a@bakkerij.nl")
    draft = PolicyFactory(organisation=bakery, status=Policy.Status.DRAFT, based_on=published)
    found = row(adviser)
    assert (found.policy_id, found.published_id, found.confirmed) == (draft.pk, published.pk, 1)


def test_a_client_without_a_published_version_has_no_confirmations(adviser):
    bakery = client_of(adviser)
    staff(bakery, "a@bakkerij.nl")
    PolicyFactory(organisation=bakery, status=Policy.Status.DRAFT)
    found = row(adviser)
    assert found.published_id is None
    assert selectors.confirmed_percentage(found) is None


def test_consent_is_not_needed_without_checks_of_staff(adviser):
    PolicyFactory(organisation=client_of(adviser, participation_body="works_council"))
    assert row(adviser).consent_status == ConsentStatus.NOT_NEEDED


def test_consent_is_not_needed_without_a_consenting_body(adviser):
    monitoring(PolicyFactory(organisation=client_of(adviser, participation_body="none")))
    assert row(adviser).consent_status == ConsentStatus.NOT_NEEDED


def test_consent_is_waited_for_until_the_dossier_records_a_decision(adviser):
    monitoring(PolicyFactory(organisation=client_of(adviser, participation_body="works_council")))
    assert row(adviser).consent_status == ConsentStatus.WAITING


def dossier(policy, **fields) -> ConsentDossier:
    return ConsentDossier.objects.create(
        policy=policy, proposed_decision="x", reasons="y", consequences="z", **fields
    )


def test_recorded_consent_shows_as_recorded(adviser):
    policy = PolicyFactory(organisation=client_of(adviser, participation_body="works_council"))
    dossier(monitoring(policy), decision="consent", decided_on=TODAY)
    assert row(adviser).consent_status == ConsentStatus.RECORDED


def test_a_refusal_shows_as_refused(adviser):
    policy = PolicyFactory(organisation=client_of(adviser, participation_body="works_council"))
    dossier(monitoring(policy), decision="refusal", decided_on=TODAY)
    assert row(adviser).consent_status == ConsentStatus.REFUSED


def test_publishing_without_consent_shows_as_such(adviser):
    policy = PolicyFactory(organisation=client_of(adviser, participation_body="works_council"))
    dossier(monitoring(policy), override_reason="De OR vergadert pas in maart.")
    assert row(adviser).consent_status == ConsentStatus.WITHOUT


def test_the_consent_column_agrees_with_the_review_pages_rule(adviser):
    """The expression and `consent_needed` (the review page's rule) say the same."""
    from wizard.policies.consent import consent_needed

    bodies = ["works_council", "staff_representation", "mr_staff_section", "none"]
    for body in bodies:
        for settled in (False, True):
            organisation = client_of(adviser, participation_body=body)
            organisation.collective_agreement_settles = settled
            organisation.save()
            monitoring(PolicyFactory(organisation=organisation))
    for client in rows(adviser):
        policy = Policy.objects.select_related("organisation").get(pk=client.policy_id)
        waiting = client.consent_status == ConsentStatus.WAITING
        assert waiting == consent_needed(policy), client.name


def test_the_page_shows_confirmations_and_consent(adviser):
    bakery = client_of(adviser, participation_body="works_council")
    staff(bakery, "a@bakkerij.nl", "b@bakkerij.nl", "c@bakkerij.nl", "d@bakkerij.nl")
    confirm(PolicyFactory(organisation=bakery, status=Policy.Status.PUBLISHED), "a@bakkerij.nl")
    browser = Client()
    browser.force_login(adviser)
    page = browser.get(reverse("portfolio"), **EN).text
    assert "1 of 4 confirmed" in page
    assert "(25%)" in page
    assert "Not needed" in page
