"""Sending a master version to chosen clients: the impact report per client, the sending in
the background, its failures and its progress."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MembershipFactory, OrganisationFactory, PolicyFactory, UserFactory
from tests.masters.conftest import edit_working_copy
from wizard.masters import impact, services
from wizard.masters.models import ProposedUpdate, UpdateSend
from wizard.models import Membership, Policy
from wizard.organisations.models import ParticipationBody
from wizard.policies.document import default_content

Role = Membership.Role


def logged_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def new_client(master, adviser, name: str, **organisation) -> Policy:
    """Another client of the adviser with a policy from the master (and one editor)."""
    client = OrganisationFactory(name=name, **organisation)
    MembershipFactory(user=adviser, organisation=client, role=Role.CONSULTANT)
    MembershipFactory(organisation=client, role=Role.EDITOR)
    return services.master_start_policy(master=master, organisation=client, user=adviser)


def publish(master, adviser):
    return services.master_publish_version(master=master, user=adviser, send=False)


def report(master, adviser) -> dict[str, impact.ClientImpact]:
    version = services.latest_version(master)
    rows = impact.impact_report(master, adviser, version)
    return {row.policy.organisation.name: row for row in rows}


def test_a_clause_in_or_out_is_a_material_change(derived, master, adviser, working_copy):
    edit_working_copy(working_copy, "conduct", clauses=["same-as-work"])
    publish(master, adviser)
    assert report(master, adviser)["Voorbeeld Zorg B.V."].change.material


def test_punctuation_in_the_own_words_is_a_minor_correction(derived, master, adviser, working_copy):
    edit_working_copy(working_copy, "audience", own_text="praat niet over klanten!")
    publish(master, adviser)
    row = report(master, adviser)["Voorbeeld Zorg B.V."]
    assert row.change.blocks and not row.change.material


def test_announcing_checks_needs_the_works_councils_consent(master, adviser, working_copy):
    new_client(master, adviser, "Met OR", participation_body=ParticipationBody.WORKS_COUNCIL)
    edit_working_copy(working_copy, "productivity", monitoring="announced-checks")
    publish(master, adviser)
    assert report(master, adviser)["Met OR"].needs_consent


def test_a_client_without_a_participation_body_needs_no_consent(master, adviser, working_copy):
    new_client(master, adviser, "Zonder OR", participation_body=ParticipationBody.NONE)
    edit_working_copy(working_copy, "productivity", monitoring="announced-checks")
    publish(master, adviser)
    row = report(master, adviser)["Zonder OR"]
    assert row.change.consent_rules and not row.needs_consent


def test_a_change_elsewhere_touches_no_consent_rules(master, adviser, working_copy):
    new_client(master, adviser, "Met OR", participation_body=ParticipationBody.WORKS_COUNCIL)
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    assert not report(master, adviser)["Met OR"].needs_consent


def test_the_report_shows_the_clients_status_and_waiting_update(
    derived, master, adviser, working_copy, django_capture_on_commit_callbacks
):
    edit_working_copy(working_copy, "social_media", own_text="Eerst.")
    with django_capture_on_commit_callbacks(execute=True):
        services.master_publish_version(master=master, user=adviser)
    edit_working_copy(working_copy, "social_media", own_text="Daarna.")
    publish(master, adviser)
    row = report(master, adviser)["Voorbeeld Zorg B.V."]
    assert (row.policy.status, row.waiting_number) == (Policy.Status.DRAFT, 2)


def test_the_impact_page_lists_each_client_with_a_checked_box(
    derived, master, adviser, working_copy
):
    edit_working_copy(working_copy, "conduct", clauses=["same-as-work"])
    publish(master, adviser)
    response = logged_in(adviser).get(reverse("master_send", args=[master.pk]))
    origin = derived.master_origin
    assert f'name="origin" value="{origin.pk}" id="origin-{origin.pk}" checked' in response.text
    assert "Ja (nog niet gepubliceerd)" in response.text


def test_only_the_chosen_clients_get_the_update(
    derived, master, adviser, working_copy, django_capture_on_commit_callbacks
):
    other = new_client(master, adviser, "Bakkerij")
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(adviser).post(
            reverse("master_send", args=[master.pk]), {"origin": [other.master_origin.pk]}
        )
    assert list(ProposedUpdate.objects.values_list("policy", flat=True)) == [other.pk]


def test_sending_needs_the_csrf_token(derived, master, adviser, working_copy):
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    client = logged_in(adviser, enforce_csrf_checks=True)
    response = client.post(reverse("master_send", args=[master.pk]), {"origin": ["1"]})
    assert response.status_code == 403
    assert not UpdateSend.objects.exists()


def test_a_failing_client_does_not_stop_the_others_and_is_listed(
    derived, master, adviser, working_copy, monkeypatch, django_capture_on_commit_callbacks
):
    second = new_client(master, adviser, "Bakkerij")
    real = services.propose_to

    def failing_for_derived(*, origin, version):
        if origin.policy_id == derived.pk:
            raise RuntimeError("database said no")
        return real(origin=origin, version=version)

    monkeypatch.setattr(services, "propose_to", failing_for_derived)
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    with django_capture_on_commit_callbacks(execute=True):
        sending = services.master_send_version(master=master, user=adviser)
    sending.refresh_from_db()
    assert list(ProposedUpdate.objects.values_list("policy", flat=True)) == [second.pk]
    assert [(f["organisation"], f["reason"]) for f in sending.failures] == [
        ("Voorbeeld Zorg B.V.", "database said no")
    ]


def test_the_sending_counts_what_was_sent_and_what_failed(
    derived, master, adviser, working_copy, django_capture_on_commit_callbacks
):
    new_client(master, adviser, "Bakkerij")
    # The adviser stops advising Voorbeeld Zorg after choosing it.
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    sending = services.master_send_version(master=master, user=adviser)
    Membership.objects.filter(user=adviser, organisation=derived.organisation).delete()
    services.send_master_update.call(send_id=sending.pk)
    sending.refresh_from_db()
    assert (sending.status, sending.total, sending.done, sending.failed) == (
        UpdateSend.Status.FINISHED,
        2,
        1,
        1,
    )


def test_the_progress_page_shows_how_many_of_how_many(
    derived, master, adviser, working_copy, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    sending = services.master_send_version(master=master, user=adviser)
    response = logged_in(adviser).get(sending.get_absolute_url())
    assert '<progress class="send-progress" max="1" value="0"' in response.text
    assert "0 van 1 klanten" in response.text
    assert 'http-equiv="refresh"' in response.text


def test_the_finished_progress_page_lists_the_failures_and_stops_refreshing(
    derived, master, adviser, working_copy, django_capture_on_commit_callbacks
):
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    with django_capture_on_commit_callbacks(execute=True):
        sending = services.master_send_version(master=master, user=adviser)
    UpdateSend.objects.filter(pk=sending.pk).update(
        failures=[{"origin": 1, "policy": derived.pk, "organisation": "X", "reason": "kapot"}]
    )
    response = logged_in(adviser).get(sending.get_absolute_url())
    assert "kapot" in response.text
    assert 'http-equiv="refresh"' not in response.text


@pytest.mark.parametrize("name", ["master_send", "master_send_progress"])
def test_another_consultant_gets_a_404(derived, master, adviser, working_copy, name):
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    sending = services.master_send_version(master=master, user=adviser)
    other = UserFactory()
    MembershipFactory(user=other, organisation=derived.organisation, role=Role.CONSULTANT)
    pk = master.pk if name == "master_send" else sending.pk
    assert logged_in(other).get(reverse(name, args=[pk])).status_code == 404


def test_another_consultant_cannot_send_someone_elses_master(
    derived, master, adviser, working_copy
):
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    other = UserFactory()
    MembershipFactory(user=other, organisation=derived.organisation, role=Role.CONSULTANT)
    response = logged_in(other).post(reverse("master_send", args=[master.pk]))
    assert response.status_code == 404
    assert not UpdateSend.objects.exists()


def sending_queries(adviser, agency, clients: int) -> int:
    """The queries of sending a new version of a fresh master to `clients` clients."""
    working_copy = PolicyFactory(organisation=agency, content=default_content(), created_by=adviser)
    master = services.master_make(policy=working_copy, user=adviser)
    for n in range(clients):
        new_client(master, adviser, f"Klant {master.pk}-{n}")
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    sending = services.master_send_version(master=master, user=adviser)
    with CaptureQueriesContext(connection) as queries:
        services.send_master_update.call(send_id=sending.pk)
    return len(queries)


def test_sending_costs_a_fixed_number_of_queries_per_client(adviser, agency):
    two, five = sending_queries(adviser, agency, 2), sending_queries(adviser, agency, 5)
    # Per client: a savepoint, the proposal and the savepoint's release (the e-mails run at
    # once in tests; in the database queue each adds its row).
    assert five - two == 3 * 3


@pytest.mark.parametrize("clients", [1, 4])
def test_the_impact_report_costs_two_queries_however_many_clients(
    master, adviser, working_copy, clients, django_assert_num_queries
):
    for n in range(clients):
        new_client(master, adviser, f"Klant {n}")
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    version = publish(master, adviser)
    with django_assert_num_queries(2):
        rows = impact.impact_report(master, adviser, version)
    assert len(rows) == clients


def test_a_material_change_to_a_published_policy_has_its_staff_confirm_again(
    derived, master, adviser, working_copy
):
    Policy.objects.filter(pk=derived.pk).update(status=Policy.Status.PUBLISHED)
    edit_working_copy(working_copy, "conduct", clauses=["same-as-work"])
    publish(master, adviser)
    assert report(master, adviser)["Voorbeeld Zorg B.V."].staff_confirm_again


def test_a_sending_whose_task_fails_is_finished_so_its_page_stops_waiting(
    derived, master, adviser, working_copy, monkeypatch, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    edit_working_copy(working_copy, "social_media", own_text="Nieuw.")
    publish(master, adviser)
    sending = services.master_send_version(master=master, user=adviser)

    def database_gone(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(services, "sending_group", database_gone)
    with pytest.raises(RuntimeError):
        services.send_master_update.call(send_id=sending.pk)
    sending.refresh_from_db()
    assert sending.is_finished
