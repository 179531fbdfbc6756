from __future__ import annotations

import datetime

import pytest

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory
from wizard.models import Membership, Policy
from wizard.policies.document import default_content


def policy_with_checks(organisation, **fields) -> Policy:
    """A complete policy of `organisation` that announces checks (so a works council or a
    school's staff section must consent)."""
    content = default_content(organisation)
    content["productivity"]["monitoring"] = "announced-checks"
    return PolicyFactory(organisation=organisation, content=content, **fields)


@pytest.fixture
def council_organisation(db):
    return OrganisationFactory(
        name="Voorbeeld Zorg B.V.",
        slug="voorbeeld-zorg",
        staff_size="50_249",
        participation_body="works_council",
    )


@pytest.fixture
def council_editor(council_organisation):
    return MembershipFactory(organisation=council_organisation, role=Membership.Role.EDITOR).user


@pytest.fixture
def council_reviewer(council_organisation):
    return MembershipFactory(organisation=council_organisation, role=Membership.Role.REVIEWER).user


@pytest.fixture
def council_member(council_organisation):
    return MembershipFactory(
        organisation=council_organisation, role=Membership.Role.COUNCIL_MEMBER
    ).user


@pytest.fixture
def checked_policy(council_organisation, council_editor):
    return policy_with_checks(
        council_organisation,
        created_by=council_editor,
        effective_date=datetime.date(2027, 1, 1),
    )


@pytest.fixture
def approved_policy(checked_policy):
    Policy.objects.filter(pk=checked_policy.pk).update(status=Policy.Status.APPROVED)
    checked_policy.refresh_from_db()
    return checked_policy
