"""wizard/policies/access.py: the lookups every organisation query starts from."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.forms.models import model_to_dict
from django.http import Http404
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory, give_logo
from wizard.models import Membership, Organisation, Policy
from wizard.policies.access import can_edit, can_review, get_policy_or_404, policy_role

Role = Membership.Role


def concrete_values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


@pytest.fixture
def rich_policy(organisation, editor):
    """A policy whose organisation has every kind of column filled: a logo, a boolean, a
    date, a datetime, JSON content with diacritics and emoji."""
    organisation.participation_body = "works_council"
    organisation.brand_colour = "#0055aa"
    give_logo(organisation)
    organisation.save()
    policy = PolicyFactory(
        organisation=organisation,
        created_by=editor,
        updated_by=editor,
        title="Beleid voor één coöperatie 👍",
        effective_date=datetime.date(2027, 1, 1),
        submitted_at=timezone.now(),
    )
    policy.content["conduct"]["own_text"] = "Wij zijn één 👍"
    policy.save()
    return policy


def test_the_policy_and_its_organisation_are_read_as_the_orm_reads_them(rich_policy, editor):
    found = get_policy_or_404(editor, rich_policy.pk)
    expected = Policy.objects.get(pk=rich_policy.pk)
    assert concrete_values(found) == concrete_values(expected)
    assert concrete_values(found.organisation) == concrete_values(
        Organisation.objects.get(pk=rich_policy.organisation_id)
    )
    assert found.organisation.participation_body == "works_council"
    assert found.organisation.created_at.tzinfo is not None
    assert found.organisation.logo_id == expected.organisation.logo_id is not None
    assert found.content["conduct"]["own_text"] == "Wij zijn één 👍"
    assert model_to_dict(found) == model_to_dict(expected)


def test_the_organisation_and_the_role_come_with_the_policy(
    rich_policy, editor, django_assert_num_queries
):
    with django_assert_num_queries(1):
        found = get_policy_or_404(editor, rich_policy.pk)
        assert found.organisation.name == rich_policy.organisation.name
        assert policy_role(editor, found) == Role.EDITOR
        assert can_edit(editor, found)
        assert not can_review(editor, found)


def test_the_role_is_the_users_own(policy, reviewer):
    found = get_policy_or_404(reviewer, policy.pk)
    assert found.viewer == reviewer
    assert policy_role(reviewer, found) == Role.REVIEWER
    assert can_review(reviewer, found)
    assert not can_edit(reviewer, found)


def test_a_saved_policy_read_this_way_saves_normally(policy, editor):
    found = get_policy_or_404(editor, policy.pk)
    found.title = "Nieuwe titel"
    found.save()
    assert Policy.objects.get(pk=policy.pk).title == "Nieuwe titel"


def test_another_organisations_policy_is_not_found(policy, outsider):
    with pytest.raises(Http404):
        get_policy_or_404(outsider, policy.pk)


def test_a_member_of_two_organisations_finds_only_their_own_policies(policy, editor):
    elsewhere = PolicyFactory(organisation=OrganisationFactory())
    MembershipFactory(user=editor, organisation=OrganisationFactory(), role=Role.REVIEWER)
    assert get_policy_or_404(editor, policy.pk).pk == policy.pk
    with pytest.raises(Http404):
        get_policy_or_404(editor, elsewhere.pk)


@pytest.mark.parametrize("pk", [999_999, "1 OR 1=1", "", None, "١"])
def test_a_missing_or_malformed_id_is_not_found(policy, editor, pk):
    with pytest.raises(Http404):
        get_policy_or_404(editor, pk)


def test_an_anonymous_visitor_finds_nothing(policy):
    with pytest.raises(Http404):
        get_policy_or_404(AnonymousUser(), policy.pk)


def test_the_headers_memberships_carry_their_organisation_as_the_orm_reads_it(
    rich_policy, editor, rf
):
    from django.contrib.sessions.backends.db import SessionStore

    from wizard.organisations.middleware import UserMemberships

    request = rf.get("/")
    request.user, request.session = editor, SessionStore()
    current = UserMemberships(request).current
    expected = Membership.objects.select_related("organisation").get(user=editor)
    assert concrete_values(current) == concrete_values(expected)
    assert concrete_values(current.organisation) == concrete_values(expected.organisation)
    assert current.organisation.participation_body == "works_council"
