"""Copying a policy to another client, and a consultant's templates (wizard/workspace/)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import MembershipFactory, OrganisationFactory, PolicyTemplateFactory
from wizard.models import AuditEvent, Membership, Policy, PolicyTemplate
from wizard.policies.document import default_content
from wizard.workspace import copying
from wizard.workspace import selectors as workspace_selectors

Role = Membership.Role


@pytest.fixture
def client_b(consultant):
    organisation = OrganisationFactory(
        name="Bakkerij Brood", contact_person="Piet Bakker", contact_email="piet@brood.nl"
    )
    MembershipFactory(user=consultant, organisation=organisation, role=Role.CONSULTANT)
    return organisation


@pytest.fixture
def written_policy(organisation, consultant):
    content = default_content()
    content["conduct"]["own_text"] = (
        "Bij Voorbeeld Zorg B.V. gelden onze gedragsregels. Vragen? Mail sanne@example.org."
    )
    content["conduct"]["core_values"] = ["Zorg met Voorbeeld Zorg B.V.", "Respect"]
    content["confidential"]["ask_person"] = "Sanne de Vries"
    return Policy.objects.create(
        organisation=organisation,
        title="Beleid van Voorbeeld Zorg B.V.",
        language="en",
        content=content,
        status=Policy.Status.PUBLISHED,
        created_by=consultant,
    )


def test_a_copy_is_a_draft_of_the_target_organisation(written_policy, consultant, client_b):
    copy = copying.policy_copy_to_organisation(
        policy=written_policy, organisation=client_b, user=consultant
    )
    assert (copy.organisation, copy.status, copy.language) == (client_b, "draft", "en")
    assert copy.version_label == "1.0"


def test_a_copy_keeps_the_choices(written_policy, consultant, client_b):
    copy = copying.policy_copy_to_organisation(
        policy=written_policy, organisation=client_b, user=consultant
    )
    for key, block in written_policy.content.items():
        assert copy.content[key]["clauses"] == block["clauses"]


def test_a_copy_swaps_the_organisation_name_in_the_own_words(written_policy, consultant, client_b):
    copy = copying.policy_copy_to_organisation(
        policy=written_policy, organisation=client_b, user=consultant
    )
    assert copy.content["conduct"]["own_text"] == (
        "Bij Bakkerij Brood gelden onze gedragsregels. Vragen? Mail piet@brood.nl."
    )


def test_a_copy_swaps_details_in_line_fields(written_policy, consultant, client_b):
    copy = copying.policy_copy_to_organisation(
        policy=written_policy, organisation=client_b, user=consultant
    )
    assert copy.content["conduct"]["core_values"] == ["Zorg met Bakkerij Brood", "Respect"]
    assert copy.content["confidential"]["ask_person"] == "Piet Bakker"


def test_a_copy_takes_the_target_contact_details_and_title(written_policy, consultant, client_b):
    copy = copying.policy_copy_to_organisation(
        policy=written_policy, organisation=client_b, user=consultant
    )
    assert (copy.contact_person, copy.contact_email) == ("Piet Bakker", "piet@brood.nl")
    assert copy.title == "Beleid van Bakkerij Brood"


def test_a_target_without_a_contact_person_never_gets_the_previous_clients(
    written_policy, consultant
):
    bare = OrganisationFactory(name="Kaal BV", contact_person="", contact_email="")
    MembershipFactory(user=consultant, organisation=bare, role=Role.CONSULTANT)
    copy = copying.policy_copy_to_organisation(
        policy=written_policy, organisation=bare, user=consultant
    )
    assert "Sanne" not in str(copy.content)
    assert copy.content["confidential"]["ask_person"] == "your manager"


def test_a_copy_leaves_the_original_untouched(written_policy, consultant, client_b):
    before = (written_policy.content, written_policy.status)
    copying.policy_copy_to_organisation(
        policy=written_policy, organisation=client_b, user=consultant
    )
    written_policy.refresh_from_db()
    assert (written_policy.content, written_policy.status) == before


def test_a_copy_has_its_first_revision_and_is_in_both_audit_trails(
    written_policy, consultant, client_b
):
    copy = copying.policy_copy_to_organisation(
        policy=written_policy, organisation=client_b, user=consultant
    )
    assert copy.revisions.count() == 1
    assert AuditEvent.objects.filter(action="copy", organisation=client_b, policy=copy).exists()
    source_event = AuditEvent.objects.get(action="copy", policy=written_policy)
    assert "Bakkerij" not in source_event.detail


def test_copying_to_an_organisation_you_do_not_write_for_is_refused(
    written_policy, consultant, client_b
):
    elsewhere = OrganisationFactory()
    with pytest.raises(PermissionDenied) as excinfo:
        copying.policy_copy_to_organisation(
            policy=written_policy, organisation=elsewhere, user=consultant
        )
    assert str(excinfo.value) == str(copying.NOT_AN_AUTHOR_OF_TARGET)


def test_copying_to_an_organisation_you_review_is_refused(written_policy, consultant):
    reviewed = MembershipFactory(user=consultant, role=Role.REVIEWER).organisation
    with pytest.raises(PermissionDenied):
        copying.policy_copy_to_organisation(
            policy=written_policy, organisation=reviewed, user=consultant
        )


def test_a_reviewer_cannot_copy_a_policy_out(written_policy, reviewer, client_b):
    MembershipFactory(user=reviewer, organisation=client_b, role=Role.EDITOR)
    with pytest.raises(PermissionDenied) as excinfo:
        copying.policy_copy_to_organisation(
            policy=written_policy, organisation=client_b, user=reviewer
        )
    assert str(excinfo.value) == str(copying.NOT_AN_AUTHOR_OF_SOURCE)


def test_swap_details_leaves_option_keys_and_clauses_alone():
    content = default_content()
    swapped = copying.swap_details(content, {"social": "XYZ", "opportunity": "XYZ"})
    assert swapped["social_media"]["clauses"] == content["social_media"]["clauses"]
    assert swapped["social_media"]["platforms"] == content["social_media"]["platforms"]


def test_swap_details_replaces_longest_first_and_only_once():
    content = default_content()
    content["conduct"]["own_text"] = "Acme en Acme Zorg"
    swapped = copying.swap_details(content, {"Acme": "Beta", "Acme Zorg": "Acme"})
    assert swapped["conduct"]["own_text"] == "Beta en Acme"


def test_a_copy_is_stored_with_the_completeness_of_its_content(
    written_policy, consultant, client_b
):
    # Written without a service, so every step counts as incomplete until worked out.
    assert len(written_policy.incomplete_steps) == 6
    copy = copying.policy_copy_to_organisation(
        policy=written_policy, organisation=client_b, user=consultant
    )
    assert Policy.objects.get(pk=copy.pk).incomplete_steps == []


def test_a_copy_to_another_client_starts_with_no_step_checked(written_policy, consultant, client_b):
    Policy.objects.filter(pk=written_policy.pk).update(checked_steps=["conduct", "audience"])
    written_policy.refresh_from_db()
    copy = copying.policy_copy_to_organisation(
        policy=written_policy, organisation=client_b, user=consultant
    )
    assert Policy.objects.get(pk=copy.pk).checked_steps == []


# --- Templates ------------------------------------------------------------------------------


def test_a_consultant_saves_a_policy_as_a_template(written_policy, consultant):
    template = copying.template_save(policy=written_policy, user=consultant, title="Zorg-basis")
    assert (template.owner, template.title, template.content) == (
        consultant,
        "Zorg-basis",
        written_policy.content,
    )


def test_an_editor_cannot_save_a_template(written_policy, editor):
    with pytest.raises(PermissionDenied):
        copying.template_save(policy=written_policy, user=editor)


def test_a_policy_started_from_a_template_gets_the_clients_details(
    written_policy, consultant, client_b
):
    template = copying.template_save(policy=written_policy, user=consultant)
    policy = copying.template_use(template=template, organisation=client_b, user=consultant)
    assert policy.organisation == client_b
    assert policy.status == Policy.Status.DRAFT
    assert "Bakkerij Brood" in policy.content["conduct"]["own_text"]
    assert "Voorbeeld Zorg" not in str(policy.content)


def test_a_policy_started_from_a_template_is_stored_with_its_incomplete_steps(
    organisation, consultant
):
    content = default_content()
    content["conduct"] = {**content["conduct"], "clauses": [], "own_text": ""}
    template = PolicyTemplateFactory(owner=consultant, content=content)
    policy = copying.template_use(template=template, organisation=organisation, user=consultant)
    assert Policy.objects.get(pk=policy.pk).incomplete_steps == ["conduct"]


def test_nobody_uses_someone_elses_template(organisation, editor):
    template = PolicyTemplateFactory()
    with pytest.raises(PermissionDenied):
        copying.template_use(template=template, organisation=organisation, user=editor)


def test_a_template_starts_policies_only_where_you_write(consultant):
    template = PolicyTemplateFactory(owner=consultant)
    with pytest.raises(PermissionDenied):
        copying.template_use(template=template, organisation=OrganisationFactory(), user=consultant)


def test_templates_for_lists_only_your_own(consultant):
    mine = PolicyTemplateFactory(owner=consultant)
    PolicyTemplateFactory()
    assert list(workspace_selectors.templates_of(consultant)) == [mine]


def test_deleting_a_template(consultant):
    template = PolicyTemplateFactory(owner=consultant)
    copying.template_delete(template=template, user=consultant)
    assert not PolicyTemplate.objects.exists()


def test_a_policy_started_from_a_template_starts_with_no_step_checked(organisation, consultant):
    template = PolicyTemplateFactory(owner=consultant, content=default_content())
    policy = copying.template_use(template=template, organisation=organisation, user=consultant)
    assert Policy.objects.get(pk=policy.pk).checked_steps == []
