"""The consultant's portfolio: every client's policy at a glance, sorted, filtered, as CSV."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory, UserFactory
from wizard.masters import services as masters
from wizard.models import Membership, Policy
from wizard.organisations.middleware import SWITCHER_SIZE
from wizard.portfolio import selectors

TODAY = datetime.date(2026, 12, 5)
LONG_AGO = datetime.date(2000, 1, 1)  # before any day these tests run on
FAR_AHEAD = datetime.date(2999, 1, 1)


@pytest.fixture
def adviser(db):
    return UserFactory()


def client_of(adviser, name: str, **policy):
    organisation = OrganisationFactory(name=name)
    MembershipFactory(user=adviser, organisation=organisation, role=Membership.Role.CONSULTANT)
    if policy:
        PolicyFactory(organisation=organisation, **policy)
    return organisation


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def names(clients) -> list[str]:
    return [client.name for client in clients]


def test_the_portfolio_lists_each_client_with_its_policys_status_and_version(adviser):
    client_of(adviser, "Bakkerij", status=Policy.Status.PUBLISHED, version_label="2.1")
    row = selectors.with_columns(selectors.portfolio(adviser, today=TODAY)).get()
    assert (row.name, row.policy_status, row.policy_version) == ("Bakkerij", "published", "2.1")


def test_the_portfolio_lists_only_clients_the_user_advises(adviser):
    client_of(adviser, "Mijn klant")
    MembershipFactory(user=adviser, role=Membership.Role.EDITOR)
    assert names(selectors.portfolio(adviser, today=TODAY)) == ["Mijn klant"]


def test_an_archived_policy_is_not_the_clients_current_one(adviser):
    client_of(adviser, "Bakkerij", status=Policy.Status.ARCHIVED)
    clients = selectors.with_columns(selectors.portfolio(adviser, today=TODAY))
    assert clients.get().policy_id is None


def test_the_portfolio_filters_by_status(adviser):
    client_of(adviser, "Concept", status=Policy.Status.DRAFT)
    client_of(adviser, "Gepubliceerd", status=Policy.Status.PUBLISHED)
    clients = selectors.portfolio(adviser, today=TODAY, status="published")
    assert names(clients) == ["Gepubliceerd"]


def test_the_portfolio_filters_overdue_reviews(adviser):
    client_of(adviser, "Te laat", status=Policy.Status.PUBLISHED, next_review_date=LONG_AGO)
    client_of(adviser, "Op tijd", status=Policy.Status.PUBLISHED, next_review_date=FAR_AHEAD)
    assert names(selectors.portfolio(adviser, today=TODAY, overdue=True)) == ["Te laat"]


def test_the_portfolio_sorts_by_next_review(adviser):
    client_of(adviser, "A", status=Policy.Status.PUBLISHED, next_review_date=FAR_AHEAD)
    client_of(adviser, "B", status=Policy.Status.PUBLISHED, next_review_date=LONG_AGO)
    client_of(adviser, "C")
    assert names(selectors.portfolio(adviser, today=TODAY, sort="review")) == ["B", "A", "C"]


def test_the_portfolio_shows_a_waiting_update(adviser, django_capture_on_commit_callbacks):
    agency = client_of(adviser, "Bureau", status=Policy.Status.DRAFT)
    master = masters.master_make(policy=agency.policies.get(), user=adviser)
    zorg = client_of(adviser, "Zorg")
    masters.master_start_policy(master=master, organisation=zorg, user=adviser)
    source = master.source
    source.content = {**source.content, "audience": {**source.content["audience"], "own_text": "x"}}
    source.save(update_fields=["content"])
    with django_capture_on_commit_callbacks(execute=True):
        masters.master_publish_version(master=master, user=adviser)
    assert names(selectors.portfolio(adviser, today=TODAY, waiting=True)) == ["Zorg"]


def test_the_portfolio_page_marks_an_overdue_review(adviser):
    client_of(adviser, "Te laat", status=Policy.Status.PUBLISHED, next_review_date=LONG_AGO)
    response = logged_in(adviser).get(reverse("portfolio"))
    assert "status--overdue" in response.text


def test_the_portfolio_is_for_consultants(editor):
    assert logged_in(editor).get(reverse("portfolio")).status_code == 403


def test_the_portfolio_downloads_as_csv_with_a_row_per_client(adviser):
    client_of(adviser, "Bakkerij", status=Policy.Status.DRAFT)
    client_of(adviser, "Zorg")
    response = logged_in(adviser).get(reverse("portfolio_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Bakkerij", "Zorg"]


def test_the_csv_never_starts_a_cell_with_a_formula(adviser):
    client_of(adviser, "=HYPERLINK(1)")
    response = logged_in(adviser).get(reverse("portfolio_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("size", [2, 30])
def test_the_portfolio_page_costs_the_same_queries_for_more_clients(
    adviser, size, django_assert_num_queries
):
    for number in range(size):
        client_of(adviser, f"Klant {number}", status=Policy.Status.DRAFT)
    client = logged_in(adviser)
    client.get(reverse("portfolio"))
    # session, user, memberships (middleware), count, the page's clients, their rows, the open
    # questions; past the header's switcher size, the user's roles are read on their own, and
    # (no organisation chosen yet) the first by name that the header names
    with django_assert_num_queries(7 + 2 * (size > SWITCHER_SIZE)):
        assert client.get(reverse("portfolio")).status_code == 200


def test_the_page_shows_its_rows_in_the_sorted_order(adviser):
    client_of(adviser, "A", status=Policy.Status.PUBLISHED, next_review_date=FAR_AHEAD)
    client_of(adviser, "B", status=Policy.Status.PUBLISHED, next_review_date=LONG_AGO)
    client_of(adviser, "C")
    response = logged_in(adviser).get(reverse("portfolio") + "?sort=review")
    assert names(response.context["page"].object_list) == ["B", "A", "C"]


def test_the_second_page_holds_the_clients_after_the_first(adviser):
    from wizard.portfolio.views import PORTFOLIO_PAGE_SIZE

    for number in range(PORTFOLIO_PAGE_SIZE + 2):
        client_of(adviser, f"Klant {number:03d}")
    response = logged_in(adviser).get(reverse("portfolio") + "?page=2")
    assert names(response.context["page"].object_list) == [
        f"Klant {number:03d}" for number in (PORTFOLIO_PAGE_SIZE, PORTFOLIO_PAGE_SIZE + 1)
    ]
