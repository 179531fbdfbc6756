"""Copies and templates fit their new client's sector: clauses meant for another sector are
listed before the copy is made, and left out unless the consultant keeps them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, PolicyTemplateFactory
from wizard.models import Membership, Policy
from wizard.policies.document import default_content
from wizard.workspace import copying

SCHOOL_CLAUSE = "audience:school-channels"


@pytest.fixture
def school(consultant):
    organisation = OrganisationFactory(name="OBS De Regenboog", sector="education")
    MembershipFactory(user=consultant, organisation=organisation, role=Membership.Role.CONSULTANT)
    return organisation


@pytest.fixture
def bakery(consultant):
    organisation = OrganisationFactory(name="Bakkerij", sector="business")
    MembershipFactory(user=consultant, organisation=organisation, role=Membership.Role.CONSULTANT)
    return organisation


@pytest.fixture
def school_policy(school, consultant):
    return Policy.objects.create(
        organisation=school, title="Beleid", language="nl", content=default_content(school)
    )


def clauses(policy: Policy, block: str) -> list[str]:
    return policy.content[block]["clauses"]


def test_the_schools_clauses_are_foreign_to_a_bakery(school_policy, bakery):
    found = [c["value"] for c in copying.foreign_clauses(school_policy.content, bakery, "nl")]
    assert SCHOOL_CLAUSE in found


def test_a_copy_leaves_out_the_dropped_clauses(school_policy, bakery, consultant):
    copy = copying.policy_copy_to_organisation(
        policy=school_policy,
        organisation=bakery,
        user=consultant,
        dropped=frozenset({SCHOOL_CLAUSE}),
    )
    assert "school-channels" not in clauses(copy, "audience")


def test_the_copy_page_lists_the_other_sectors_clauses_before_copying(
    client, consultant, school_policy, bakery
):
    client.force_login(consultant)
    response = client.post(
        reverse("policy_copy", args=[school_policy.pk]),
        {"organisation": bakery.pk, "title": "Beleid"},
    )
    assert response.status_code == 200
    assert "via de kanalen van school" in response.text
    assert not Policy.objects.filter(organisation=bakery).exists()


def test_the_copy_keeps_only_the_ticked_clauses(client, consultant, school_policy, bakery):
    client.force_login(consultant)
    client.post(
        reverse("policy_copy", args=[school_policy.pk]),
        {
            "organisation": bakery.pk,
            "title": "Beleid",
            "fit_for": bakery.pk,
            "keep": ["audience:school-channels"],
        },
    )
    copy = Policy.objects.get(organisation=bakery)
    assert "school-channels" in clauses(copy, "audience")
    assert "pupils-consent" not in clauses(copy, "conduct")


def test_a_copy_to_the_same_sector_asks_nothing(client, consultant, school_policy):
    other_school = OrganisationFactory(sector="education")
    MembershipFactory(user=consultant, organisation=other_school, role=Membership.Role.CONSULTANT)
    client.force_login(consultant)
    response = client.post(
        reverse("policy_copy", args=[school_policy.pk]),
        {"organisation": other_school.pk, "title": "Beleid"},
    )
    assert response.status_code == 302


def test_a_template_lists_the_other_sectors_clauses_before_starting(
    client, consultant, school, bakery
):
    template = PolicyTemplateFactory(owner=consultant, content=default_content(school))
    client.force_login(consultant)
    response = client.post(reverse("template_use", args=[template.pk]), {"organisation": bakery.pk})
    assert "via de kanalen van school" in response.text
    assert not Policy.objects.filter(organisation=bakery).exists()


def test_a_template_drops_what_was_not_kept(client, consultant, school, bakery):
    template = PolicyTemplateFactory(owner=consultant, content=default_content(school))
    client.force_login(consultant)
    client.post(
        reverse("template_use", args=[template.pk]),
        {"organisation": bakery.pk, "fit_for": bakery.pk},
    )
    assert "school-channels" not in clauses(Policy.objects.get(organisation=bakery), "audience")
