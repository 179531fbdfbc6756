"""Opening a policy makes its organisation the current one (wizard/organisations/middleware.py):
the header never names another organisation than the page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory, UserFactory
from wizard.models import Membership
from wizard.organisations.middleware import SESSION_KEY

Role = Membership.Role


@pytest.fixture
def two_organisations(client, db):
    """A consultant of two organisations, working in the first; a policy of the second."""
    first = OrganisationFactory(name="Aaa Zorg")
    second = OrganisationFactory(name="Bakkerij Brood")
    user = MembershipFactory(organisation=first, role=Role.CONSULTANT).user
    MembershipFactory(user=user, organisation=second, role=Role.CONSULTANT)
    client.force_login(user)
    client.post(reverse("organisation_switch"), {"organisation": first.pk})
    return first, second, PolicyFactory(organisation=second, title="Beleid van de bakkerij")


def selected(organisation) -> str:
    return f'<option value="{organisation.pk}" selected>{organisation.name}</option>'


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("policy_review", {}),
        ("wizard_step", {"step": "conduct"}),
        ("policy_history", {}),
    ],
)
def test_opening_a_policy_makes_its_organisation_current(client, two_organisations, name, kwargs):
    first, second, policy = two_organisations
    html = client.get(reverse(name, kwargs={"pk": policy.pk, **kwargs})).content.decode()
    assert selected(second) in html
    assert selected(first) not in html
    assert client.session[SESSION_KEY] == second.pk


def test_opening_an_organisations_members_makes_it_current(client, two_organisations):
    first, second, _policy = two_organisations
    html = client.get(reverse("member_list", kwargs={"pk": second.pk})).content.decode()
    assert selected(second) in html
    assert selected(first) not in html
    assert client.session[SESSION_KEY] == second.pk


def test_the_next_pages_stay_in_the_policys_organisation(client, two_organisations):
    _first, second, policy = two_organisations
    client.get(reverse("policy_review", kwargs={"pk": policy.pk}))
    dashboard = client.get(reverse("dashboard") + "?overview").content.decode()
    assert f"<h1>{second.name}</h1>" in dashboard


def test_another_organisations_policy_stays_404_and_changes_nothing(client, two_organisations):
    first, _second, _policy = two_organisations
    stranger = PolicyFactory()
    response = client.get(reverse("policy_review", kwargs={"pk": stranger.pk}))
    assert response.status_code == 404
    assert client.session[SESSION_KEY] == first.pk


def test_beyond_the_switcher_the_header_names_the_policys_organisation(client, db):
    from wizard.organisations.middleware import SWITCHER_SIZE

    membership = MembershipFactory(
        organisation=OrganisationFactory(name="Klant 00"), role=Role.CONSULTANT
    )
    for n in range(1, SWITCHER_SIZE + 2):
        MembershipFactory(
            user=membership.user,
            organisation=OrganisationFactory(name=f"Klant {n:02d}"),
            role=Role.CONSULTANT,
        )
    last = membership.user.memberships.order_by("-organisation__name").first().organisation
    policy = PolicyFactory(organisation=last)
    client.force_login(membership.user)
    html = client.get(reverse("policy_review", kwargs={"pk": policy.pk})).content.decode()
    assert f'<span class="org-name">{last.name}</span>' in html


def test_the_switcher_lists_organisations_by_name_whatever_their_order_in_the_database(client, db):
    user = UserFactory()
    for name in ["Zeeland Zorg", "Apotheek Aa", "Midden Makelaars"]:
        MembershipFactory(user=user, organisation=OrganisationFactory(name=name))
    client.force_login(user)
    html = client.get(reverse("organisation_list")).content.decode()
    switcher = html[html.index('id="org-switch-select"') :]
    positions = [
        switcher.index(name) for name in ["Apotheek Aa", "Midden Makelaars", "Zeeland Zorg"]
    ]
    assert positions == sorted(positions)
    assert Membership.objects.filter(user=user).count() == 3


def test_beyond_the_switcher_the_first_organisation_by_name_is_current_until_one_is_chosen(
    client, db
):
    from wizard.organisations.middleware import SWITCHER_SIZE

    user = UserFactory()
    for n in reversed(range(SWITCHER_SIZE + 2)):
        MembershipFactory(
            user=user,
            organisation=OrganisationFactory(name=f"Klant {n:02d}"),
            role=Membership.Role.EDITOR,
        )
    client.force_login(user)
    html = client.get(reverse("organisation_list")).content.decode()
    assert '<span class="org-name">Klant 00</span>' in html


@pytest.mark.parametrize("next_url", ["dashboard", "😀", "https://evil.example/"])
def test_switching_with_a_next_that_is_not_our_path_opens_the_dashboard(
    client, two_organisations, next_url
):
    _first, second, _policy = two_organisations
    response = client.post(
        reverse("organisation_switch"), {"organisation": second.pk, "next": next_url}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard") + "?overview"
