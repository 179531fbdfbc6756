"""The portfolio is a consultant's start page; their clients' dashboards stay one click away."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory
from wizard.models import Membership

OVERVIEW = "?overview"


@pytest.fixture
def consultant_client(consultant) -> Client:
    client = Client()
    client.force_login(consultant)
    return client


def test_a_consultant_opening_the_site_lands_on_the_portfolio(consultant_client):
    response = consultant_client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portfolio")


def test_a_consultant_lands_on_the_portfolio_after_logging_in(client, consultant):
    response = client.post(
        reverse("account_login"), {"login": consultant.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("portfolio")


def test_a_consultant_who_also_reviews_starts_at_the_portfolio(consultant, consultant_client):
    MembershipFactory(user=consultant, role=Membership.Role.REVIEWER)
    assert consultant_client.get(reverse("dashboard"))["Location"] == reverse("portfolio")


def test_the_overview_shows_a_consultant_the_current_clients_dashboard(
    consultant_client, organisation
):
    response = consultant_client.get(reverse("dashboard") + OVERVIEW)
    assert response.status_code == 200
    assert f"<h1>{organisation.name}</h1>" in response.text


def test_the_header_links_a_consultant_to_the_portfolio_and_the_dashboard(consultant_client):
    page = consultant_client.get(reverse("portfolio")).text
    nav = page[page.index('class="site-nav"') : page.index("</nav>")]
    assert f'href="{reverse("portfolio")}" aria-current="page"' in nav
    assert f'href="{reverse("dashboard")}{OVERVIEW}"' in nav


def test_an_editor_still_starts_at_the_dashboard(editor_client):
    response = editor_client.get(reverse("dashboard"))
    assert response.status_code == 200
    assert f'href="{reverse("portfolio")}"' not in response.text


def test_opening_an_organisation_shows_its_dashboard(consultant_client, organisation):
    response = consultant_client.post(
        reverse("organisation_switch"), {"organisation": organisation.pk}
    )
    assert response["Location"] == reverse("dashboard") + OVERVIEW
