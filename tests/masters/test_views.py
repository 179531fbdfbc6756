"""The pages of master policies: who sees what, and the POSTs behind the buttons."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import INTAKE_ANSWERS, MembershipFactory, OrganisationFactory, UserFactory
from tests.masters.conftest import edit_client, edit_working_copy
from wizard.masters import services
from wizard.masters.models import MasterPolicy, PolicyOrigin, ProposedUpdate
from wizard.models import Membership, Policy
from wizard.organisations.middleware import SESSION_KEY


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def update(derived, master, adviser, working_copy, django_capture_on_commit_callbacks):
    """Waiting: the master changed the client-edited "conduct" words and the locked ones."""
    edit_client(derived, "conduct", own_text="Onze eigen regel.")
    edit_working_copy(working_copy, "conduct", own_text="Nieuwe regel van de master.")
    edit_working_copy(working_copy, "audience", own_text="Nieuwe verplichte tekst.")
    with django_capture_on_commit_callbacks(execute=True):
        services.master_publish_version(master=master, user=adviser)
    return ProposedUpdate.objects.get(policy=derived)


def test_the_master_policies_page_lists_the_consultants_masters(master, adviser):
    response = logged_in(adviser).get(reverse("master_list"))
    assert "Zorg standaard" in response.text


def test_the_master_policies_page_is_for_consultants(editor):
    assert logged_in(editor).get(reverse("master_list")).status_code == 403


def test_the_review_page_offers_make_master_to_a_consultant(working_copy, adviser):
    response = logged_in(adviser).get(reverse("policy_review", args=[working_copy.pk]))
    assert reverse("master_make", args=[working_copy.pk]) in response.text


def test_make_master_makes_one_and_opens_it(working_copy, adviser):
    response = logged_in(adviser).post(reverse("master_make", args=[working_copy.pk]))
    master = MasterPolicy.objects.get()
    assert response.url == reverse("master_detail", args=[master.pk])


def test_another_consultants_master_is_not_found(master):
    other = UserFactory()
    MembershipFactory(user=other, role=Membership.Role.CONSULTANT)
    assert logged_in(other).get(reverse("master_detail", args=[master.pk])).status_code == 404


def test_locking_a_part_from_the_master_page(master, adviser):
    logged_in(adviser).post(
        reverse("master_locks", args=[master.pk]),
        {"lock:conduct:clause:privacy": "on", "reason:conduct:clause:privacy": "AVG"},
    )
    master.refresh_from_db()
    assert master.locks == {"conduct": {"clause:privacy": "AVG"}}


def test_the_master_page_shows_chosen_options_by_their_words(master, adviser, working_copy):
    edit_working_copy(working_copy, "social_media", platforms=["linkedin", "chat-groups"])
    services.master_publish_version(master=master, user=adviser)
    page = logged_in(adviser).get(reverse("master_detail", args=[master.pk])).text
    assert "LinkedIn, chatgroepen zoals WhatsApp" in page
    assert "chat-groups" not in page


def test_starting_a_client_policy_from_the_master_page(master, adviser, client_organisation):
    logged_in(adviser).post(
        reverse("master_start", args=[master.pk]), {"organisation": client_organisation.pk}
    )
    assert PolicyOrigin.objects.get().policy.organisation == client_organisation


def test_starting_from_a_master_for_an_organisation_not_advised_is_refused(master, adviser):
    elsewhere = OrganisationFactory()
    MembershipFactory(user=adviser, organisation=elsewhere, role=Membership.Role.EDITOR)
    url = reverse("master_start", args=[master.pk])
    logged_in(adviser).post(url, {"organisation": elsewhere.pk})
    assert not Policy.objects.filter(organisation=elsewhere).exists()


def test_a_new_client_starts_from_the_master(master, adviser):
    data = {
        "name": "Bakkerij Nieuw",
        "policy_language": "nl",
        "brand_colour": "#1f5f8b",
        **INTAKE_ANSWERS,
    }
    logged_in(adviser).post(reverse("master_new_client", args=[master.pk]), data)
    origin = PolicyOrigin.objects.get()
    assert origin.policy.organisation.name == "Bakkerij Nieuw"


def test_publishing_from_the_master_page_leads_to_the_impact_report_first(
    derived, master, adviser, working_copy, django_capture_on_commit_callbacks
):
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(adviser).post(reverse("master_publish", args=[master.pk]))
    assert response.url == reverse("master_send", args=[master.pk])
    assert not ProposedUpdate.objects.filter(policy=derived).exists()


def test_the_proposed_update_shows_a_conflict_side_by_side(update, client_editor):
    response = logged_in(client_editor).get(reverse("proposed_update", args=[update.pk]))
    assert "Onze eigen regel." in response.text
    assert "Nieuwe regel van de master." in response.text
    assert 'name="choice:conduct:own_text"' in response.text


def test_the_proposed_update_shows_changed_options_by_their_words(
    derived, master, adviser, working_copy, client_editor, django_capture_on_commit_callbacks
):
    edit_working_copy(working_copy, "social_media", platforms=["linkedin", "mastodon"])
    with django_capture_on_commit_callbacks(execute=True):
        services.master_publish_version(master=master, user=adviser)
    update = ProposedUpdate.objects.get(policy=derived)
    page = logged_in(client_editor).get(reverse("proposed_update", args=[update.pk])).text
    assert "LinkedIn, Mastodon" in page
    assert "mastodon" not in page


def test_the_proposed_update_opens_in_its_policys_organisation(update, client_editor):
    elsewhere = OrganisationFactory(name="Aaa Andere Zaak")
    MembershipFactory(user=client_editor, organisation=elsewhere, role=Membership.Role.EDITOR)
    client = logged_in(client_editor)
    client.post(reverse("organisation_switch"), {"organisation": elsewhere.pk})
    page = client.get(reverse("proposed_update", args=[update.pk])).text
    organisation = update.policy.organisation
    assert f'<option value="{organisation.pk}" selected>{organisation.name}</option>' in page
    assert client.session[SESSION_KEY] == organisation.pk


def test_accept_update_with_a_choice_applies_it(update, client_editor, derived):
    logged_in(client_editor).post(
        reverse("update_accept", args=[update.pk]), {"choice:conduct:own_text": "theirs"}
    )
    derived.refresh_from_db()
    assert derived.content["conduct"]["own_text"] == "Nieuwe regel van de master."
    assert derived.content["audience"]["own_text"] == "Nieuwe verplichte tekst."


def test_accept_update_without_a_choice_changes_nothing(update, client_editor, derived):
    response = logged_in(client_editor).post(reverse("update_accept", args=[update.pk]), {})
    derived.refresh_from_db()
    assert response.status_code == 400
    assert derived.content["conduct"]["own_text"] == "Onze eigen regel."


def test_decline_update_from_the_page(update, client_editor):
    logged_in(client_editor).post(reverse("update_decline", args=[update.pk]))
    update.refresh_from_db()
    assert update.status == ProposedUpdate.Status.DECLINED


def test_another_organisations_proposed_update_is_not_found(update, outsider):
    client = logged_in(outsider)
    assert client.get(reverse("proposed_update", args=[update.pk])).status_code == 404
    assert client.post(reverse("update_accept", args=[update.pk])).status_code == 404


def test_the_review_page_of_a_derived_policy_links_to_its_master(derived, client_editor):
    response = logged_in(client_editor).get(reverse("policy_review", args=[derived.pk]))
    assert reverse("policy_master", args=[derived.pk]) in response.text


def test_the_review_page_of_a_policy_of_its_own_has_no_master_link(working_copy, adviser):
    response = logged_in(adviser).get(reverse("policy_review", args=[working_copy.pk]))
    assert reverse("policy_master", args=[working_copy.pk]) not in response.text


def test_another_organisations_master_page_is_not_found(derived, outsider):
    response = logged_in(outsider).get(reverse("policy_master", args=[derived.pk]))
    assert response.status_code == 404


def test_the_clients_master_page_shows_locks_with_their_reason(derived, client_editor):
    response = logged_in(client_editor).get(reverse("policy_master", args=[derived.pk]))
    assert "Wettelijk verplicht" in response.text


def test_the_clients_master_page_names_no_other_client(derived, master, adviser, client_editor):
    other = OrganisationFactory(name="Andere Klant B.V.")
    MembershipFactory(user=adviser, organisation=other, role=Membership.Role.CONSULTANT)
    services.master_start_policy(master=master, organisation=other, user=adviser)
    response = logged_in(client_editor).get(reverse("policy_master", args=[derived.pk]))
    assert "Andere Klant" not in response.text


def test_detach_from_the_page(derived, client_editor):
    logged_in(client_editor).post(reverse("policy_detach", args=[derived.pk]))
    assert not PolicyOrigin.objects.filter(policy=derived).exists()


def test_starting_for_a_client_of_another_sector_lists_its_clauses_first(master, adviser):
    bakery = OrganisationFactory(name="Bakkerij", sector="business")
    MembershipFactory(user=adviser, organisation=bakery, role=Membership.Role.CONSULTANT)
    content = master.versions.get().content
    content["audience"]["clauses"].append("school-channels")
    master.versions.update(content=content)
    response = logged_in(adviser).post(
        reverse("master_start", args=[master.pk]), {"organisation": bakery.pk}
    )
    assert "via de kanalen van school" in response.text
    assert not Policy.objects.filter(organisation=bakery).exists()


def test_a_clause_of_another_sector_not_kept_is_left_out(master, adviser):
    bakery = OrganisationFactory(name="Bakkerij", sector="business")
    MembershipFactory(user=adviser, organisation=bakery, role=Membership.Role.CONSULTANT)
    content = master.versions.get().content
    content["audience"]["clauses"].append("school-channels")
    master.versions.update(content=content)
    logged_in(adviser).post(
        reverse("master_start", args=[master.pk]), {"organisation": bakery.pk, "fit_for": bakery.pk}
    )
    policy = Policy.objects.get(organisation=bakery)
    assert "school-channels" not in policy.content["audience"]["clauses"]


def test_a_locked_clause_of_another_sector_always_stays(master, adviser):
    bakery = OrganisationFactory(name="Bakkerij", sector="business")
    MembershipFactory(user=adviser, organisation=bakery, role=Membership.Role.CONSULTANT)
    content = master.versions.get().content
    content["audience"]["clauses"].append("school-channels")
    master.versions.update(content=content, locks={"audience": {"clause:school-channels": ""}})
    policy = services.master_start_policy(
        master=master,
        organisation=bakery,
        user=adviser,
        dropped=frozenset({"audience:school-channels"}),
    )
    assert "school-channels" in policy.content["audience"]["clauses"]


@pytest.mark.parametrize("size", [2, 12])
def test_the_master_page_costs_the_same_queries_for_more_clients(
    master, adviser, size, django_assert_num_queries
):
    for number in range(size):
        organisation = OrganisationFactory(name=f"Klant {number}")
        MembershipFactory(user=adviser, organisation=organisation, role=Membership.Role.CONSULTANT)
        services.master_start_policy(master=master, organisation=organisation, user=adviser)
    client = logged_in(adviser)
    client.get(reverse("master_detail", args=[master.pk]))
    with django_assert_num_queries(9):
        assert client.get(reverse("master_detail", args=[master.pk])).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_master_policies_page_costs_the_same_queries_for_more_masters(
    working_copy, adviser, size, django_assert_num_queries
):
    for _number in range(size):
        services.master_make(policy=working_copy, user=adviser)
    client = logged_in(adviser)
    client.get(reverse("master_list"))
    with django_assert_num_queries(6):
        assert client.get(reverse("master_list")).status_code == 200


def test_the_proposed_update_says_which_change_is_locked(update, client_editor):
    response = logged_in(client_editor).get(reverse("proposed_update", args=[update.pk]))
    assert "vergrendeld door je consultant: komt altijd van de master" in response.text
