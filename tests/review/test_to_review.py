"""The header's "To review (N)" across all the reviewer's organisations, and the review queue
as a reviewer's start page (wizard/review/context_processors.py, the dashboard)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory, UserFactory
from wizard.models import Membership, Policy

Role = Membership.Role
Status = Policy.Status
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def reviewer_of_two(db):
    """A reviewer of two organisations, with policies in review in both, one that is not, and
    one in review in an organisation they do not belong to."""
    user = UserFactory()
    for _ in range(2):
        organisation = OrganisationFactory()
        MembershipFactory(user=user, organisation=organisation, role=Role.REVIEWER)
        PolicyFactory(organisation=organisation, status=Status.IN_REVIEW)
        PolicyFactory(organisation=organisation, status=Status.DRAFT)
    PolicyFactory(status=Status.IN_REVIEW)
    return user


def test_the_header_counts_the_policies_waiting_in_all_the_reviewers_organisations(
    client, reviewer_of_two
):
    client.force_login(reviewer_of_two)
    page = client.get(reverse("organisation_list"), **EN).content.decode()
    assert "To review (2)" in page


def test_the_header_count_is_in_dutch_for_a_dutch_page(client, reviewer_of_two):
    client.force_login(reviewer_of_two)
    page = client.get(reverse("organisation_list"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Te beoordelen (2)" in page


def test_the_header_count_links_to_the_review_queue(client, reviewer_of_two):
    client.force_login(reviewer_of_two)
    page = client.get(reverse("organisation_list"), **EN).content.decode()
    assert f'<a href="{reverse("review_queue")}" class="nav-review">To review (2)</a>' in page


def test_the_header_shows_none_waiting_as_zero(client, reviewer):
    client.force_login(reviewer)
    assert "To review (0)" in client.get(reverse("organisation_list"), **EN).content.decode()


def test_an_editor_has_no_review_count_in_the_header(editor_client, policy):
    Policy.objects.filter(pk=policy.pk).update(status=Status.IN_REVIEW)
    assert "To review" not in editor_client.get(reverse("dashboard"), **EN).content.decode()


def test_someone_who_only_reviews_starts_at_the_review_queue(client, reviewer_of_two):
    client.force_login(reviewer_of_two)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("review_queue")


def test_a_reviewer_who_also_edits_keeps_the_dashboard(client, reviewer_of_two):
    MembershipFactory(user=reviewer_of_two, role=Role.EDITOR)
    client.force_login(reviewer_of_two)
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_queue_links_to_the_organisations_policies_which_still_open(client, reviewer_of_two):
    client.force_login(reviewer_of_two)
    queue = client.get(reverse("review_queue"), **EN).content.decode()
    overview = f"{reverse('dashboard')}?overview"
    assert f'href="{overview}"' in queue
    assert client.get(overview).status_code == 200
