"""The consultant workspace: all clients at a glance, copying, templates (workspace_views)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PolicyFactory,
    PolicyTemplateFactory,
)
from wizard.middleware import SESSION_KEY
from wizard.models import Membership, Policy, PolicyTemplate

Role = Membership.Role
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def consultant_client(client, consultant):
    client.force_login(consultant)
    return client


@pytest.fixture
def second_client(consultant):
    organisation = OrganisationFactory(name="Bakkerij Brood", contact_person="Piet Bakker")
    MembershipFactory(user=consultant, organisation=organisation, role=Role.CONSULTANT)
    return organisation


def test_the_workspace_lists_every_client_with_its_policies(
    consultant_client, organisation, second_client
):
    PolicyFactory(organisation=organisation, title="Zorgbeleid")
    PolicyFactory(organisation=second_client, title="Bakkersbeleid")
    response = consultant_client.get(reverse("workspace"))
    clients = list(response.context["page"].object_list)
    assert clients == [second_client, organisation]
    assert [p.title for p in clients[0].current_policies] == ["Bakkersbeleid"]


def test_the_workspace_leaves_out_archived_policies(consultant_client, organisation):
    PolicyFactory(organisation=organisation, title="Oud beleid", status=Policy.Status.ARCHIVED)
    response = consultant_client.get(reverse("workspace"))
    assert "Oud beleid" not in response.content.decode()


def test_the_workspace_leaves_out_organisations_where_you_are_not_the_consultant(
    consultant_client, consultant
):
    edited = MembershipFactory(user=consultant, role=Role.EDITOR).organisation
    response = consultant_client.get(reverse("workspace"))
    assert edited not in response.context["page"].object_list


def test_the_workspace_flags_an_overdue_review(consultant_client, organisation):
    PolicyFactory(
        organisation=organisation,
        status=Policy.Status.PUBLISHED,
        next_review_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    page = consultant_client.get(reverse("workspace"), **EN).content.decode()
    assert "Review overdue" in page


def test_one_click_switches_to_a_client(consultant_client, second_client):
    page = consultant_client.get(reverse("workspace")).content.decode()
    assert f'name="organisation" value="{second_client.pk}"' in page
    consultant_client.post(reverse("organisation_switch"), {"organisation": second_client.pk})
    assert consultant_client.session[SESSION_KEY] == second_client.pk


def policies_changed_in_order(organisation, count, **fields):
    """`count` policies of `organisation`, the first changed longest ago."""
    start = timezone.now() - datetime.timedelta(days=count)
    policies = []
    for n in range(count):
        policy = PolicyFactory(organisation=organisation, title=f"Beleid {n}", **fields)
        Policy.objects.filter(pk=policy.pk).update(updated_at=start + datetime.timedelta(days=n))
        policies.append(policy)
    return policies


def test_the_workspace_shows_a_clients_latest_five_policies_and_how_many_it_has(
    consultant_client, organisation
):
    policies_changed_in_order(organisation, 7)
    PolicyFactory(organisation=organisation, title="Oud beleid", status=Policy.Status.ARCHIVED)
    response = consultant_client.get(reverse("workspace"), **EN)
    [shown] = response.context["page"].object_list
    assert [p.title for p in shown.current_policies] == [f"Beleid {n}" for n in (6, 5, 4, 3, 2)]
    assert shown.current_policy_count == 7  # the archived one doesn't count
    page = response.content.decode()
    assert "Beleid 1<" not in page
    assert "All 7 policies" in page


def test_all_policies_opens_the_client_on_its_dashboard(consultant_client, second_client):
    policies_changed_in_order(second_client, 6)
    page = consultant_client.get(reverse("workspace"), **EN).content.decode()
    more = page[page.index('<form class="client__more"') :]
    more = more[: more.index("</form>")]
    assert f'action="{reverse("organisation_switch")}"' in more
    assert f'name="organisation" value="{second_client.pk}"' in more
    assert f'name="next" value="{reverse("dashboard")}"' in more
    assert "All 6 policies" in more
    response = consultant_client.post(
        reverse("organisation_switch"), {"organisation": second_client.pk, "next": "/"}
    )
    assert response.url == reverse("dashboard")
    assert consultant_client.session[SESSION_KEY] == second_client.pk


def test_no_link_to_all_policies_when_the_workspace_shows_them_all(consultant_client, organisation):
    policies_changed_in_order(organisation, 5)
    page = consultant_client.get(reverse("workspace"), **EN).content.decode()
    assert "Beleid 0" in page
    assert "client__more" not in page
    assert "All 5 policies" not in page


def test_policies_changed_at_the_same_moment_still_show_five(consultant_client, organisation):
    same_time = timezone.now() - datetime.timedelta(days=1)
    for n in range(8):
        PolicyFactory(organisation=organisation, title=f"Gelijk {n}")
    Policy.objects.filter(organisation=organisation).update(updated_at=same_time)
    response = consultant_client.get(reverse("workspace"), **EN)
    [shown] = response.context["page"].object_list
    assert [p.title for p in shown.current_policies] == [f"Gelijk {n}" for n in (7, 6, 5, 4, 3)]
    assert "All 8 policies" in response.content.decode()


def test_all_policies_in_dutch(consultant_client, organisation):
    policies_changed_in_order(organisation, 6)
    page = consultant_client.get(reverse("workspace"), HTTP_ACCEPT_LANGUAGE="nl").content
    assert "Alle 6 beleidsstukken" in page.decode()


def test_the_workspace_is_for_consultants(editor_client):
    assert editor_client.get(reverse("workspace")).status_code == 403


def test_the_dashboard_links_consultants_to_the_workspace(consultant_client):
    page = consultant_client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("workspace")}"' in page


def test_the_dashboard_links_reviewers_to_their_queue(client, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("review_queue")}"' in page


def test_the_dashboard_flags_a_review_that_is_due(editor_client, organisation):
    PolicyFactory(
        organisation=organisation,
        status=Policy.Status.APPROVED,
        next_review_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    page = editor_client.get(reverse("dashboard"), **EN).content.decode()
    assert "Review due soon" in page


# --- Copying --------------------------------------------------------------------------------


def test_the_copy_form_offers_only_organisations_you_write_for(
    consultant_client, consultant, policy, second_client
):
    MembershipFactory(user=consultant, role=Role.REVIEWER)
    response = consultant_client.get(reverse("policy_copy", args=[policy.pk]))
    choices = list(response.context["form"].fields["organisation"].queryset)
    assert sorted(o.pk for o in choices) == sorted([policy.organisation_id, second_client.pk])


def test_copying_makes_a_draft_for_the_client_and_switches_to_it(
    consultant_client, policy, second_client
):
    response = consultant_client.post(
        reverse("policy_copy", args=[policy.pk]),
        {"organisation": second_client.pk, "title": "Beleid Brood"},
    )
    copy = Policy.objects.get(organisation=second_client)
    assert response["Location"] == reverse("policy_review", args=[copy.pk])
    assert (copy.title, copy.status) == ("Beleid Brood", Policy.Status.DRAFT)
    assert consultant_client.session[SESSION_KEY] == second_client.pk


def test_copying_to_an_organisation_not_offered_is_refused(consultant_client, policy):
    elsewhere = OrganisationFactory()
    response = consultant_client.post(
        reverse("policy_copy", args=[policy.pk]), {"organisation": elsewhere.pk, "title": "X"}
    )
    assert response.status_code == 200
    assert not Policy.objects.filter(organisation=elsewhere).exists()


def test_a_reviewer_cannot_open_the_copy_page(client, reviewer, policy):
    client.force_login(reviewer)
    assert client.get(reverse("policy_copy", args=[policy.pk])).status_code == 403


# --- Templates ------------------------------------------------------------------------------


def test_a_consultant_saves_a_template_from_the_review_page(consultant_client, policy, consultant):
    response = consultant_client.post(
        reverse("template_save", args=[policy.pk]), {"title": "Zorg-basis"}
    )
    assert response["Location"] == reverse("template_list")
    assert PolicyTemplate.objects.get(owner=consultant).title == "Zorg-basis"


def test_the_template_list_shows_only_your_templates(consultant_client, consultant):
    PolicyTemplateFactory(owner=consultant, title="Van mij")
    PolicyTemplateFactory(title="Van een ander")
    page = consultant_client.get(reverse("template_list")).content.decode()
    assert "Van mij" in page
    assert "Van een ander" not in page


def test_starting_a_policy_from_a_template_opens_it_in_the_wizard(
    consultant_client, consultant, second_client
):
    template = PolicyTemplateFactory(owner=consultant)
    response = consultant_client.post(
        reverse("template_use", args=[template.pk]), {"organisation": second_client.pk}
    )
    policy = Policy.objects.get(organisation=second_client)
    assert response["Location"].startswith(f"/policies/{policy.pk}/steps/")
    assert policy.title == template.title


def test_someone_elses_template_is_404(consultant_client, organisation):
    template = PolicyTemplateFactory()
    response = consultant_client.post(
        reverse("template_use", args=[template.pk]), {"organisation": organisation.pk}
    )
    assert response.status_code == 404


def test_deleting_a_template(consultant_client, consultant):
    template = PolicyTemplateFactory(owner=consultant)
    consultant_client.post(reverse("template_delete", args=[template.pk]))
    assert not PolicyTemplate.objects.exists()


def test_the_templates_page_is_for_consultants(editor_client):
    assert editor_client.get(reverse("template_list")).status_code == 403


@pytest.mark.parametrize(
    ("model", "field", "values"),
    [
        (Policy, "status", [*Policy.Status.values, "unknown"]),
        (Policy, "language", ["nl", "en", "xx"]),
        (Membership, "role", [*Membership.Role.values, "unknown"]),
    ],
)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_quick_choice_labels_say_what_django_would(model, field, values, language):
    """Policy and Membership read their labels directly instead of Django's get_FOO_display,
    which hashes every lazy choice on each call; the text must stay the same."""
    choices = model._meta.get_field(field).flatchoices
    with translation.override(language):
        for value in values:
            expected = str(dict(choices).get(value, value))
            shown = getattr(model(**{field: value}), f"get_{field}_display")()
            assert shown == expected
