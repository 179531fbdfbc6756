"""The intake answers of an organisation: asked for a new client, kept in its settings."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import INTAKE_ANSWERS, MembershipFactory, OrganisationFactory, UserFactory
from wizard.models import Membership, Organisation
from wizard.organisations.forms import OrganisationForm

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
SETTINGS = reverse("organisation_settings")
ANSWERS = {
    "sector": "education",
    "staff_size": "50_249",
    "participation_body": "mr_staff_section",
    "has_code_of_conduct": "on",
    "privacy_contact_name": "Anna de Jong",
    "privacy_contact_email": "privacy@school.example",
    "press_contact": "de directeur",
}


def test_a_consultant_answers_the_intake_when_creating_a_client(client, consultant):
    client.force_login(consultant)
    response = client.post(
        reverse("organisation_new"),
        {"name": "OBS Test", "policy_language": "nl", "brand_colour": "#112233", **ANSWERS},
    )
    assert response.status_code == 302
    created = Organisation.objects.get(name="OBS Test")
    assert created.sector == "education"
    assert created.participation_body == "mr_staff_section"
    assert created.has_code_of_conduct is True
    assert created.privacy_contact_email == "privacy@school.example"


def test_a_new_client_without_a_sector_gets_a_form_error(client, consultant):
    client.force_login(consultant)
    answers = {**INTAKE_ANSWERS, "sector": ""}
    response = client.post(
        reverse("organisation_new"),
        {"name": "Zonder", "policy_language": "nl", "brand_colour": "#112233", **answers},
        **EN,
    )
    assert response.status_code == 200
    assert "sector" in response.context["form"].errors
    assert not Organisation.objects.filter(name="Zonder").exists()


@pytest.mark.parametrize("role", [Membership.Role.EDITOR, Membership.Role.CONSULTANT])
def test_an_author_changes_the_answers_in_the_settings(client, organisation, role):
    client.force_login(MembershipFactory(organisation=organisation, role=role).user)
    response = client.post(SETTINGS, ANSWERS)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.sector == "education"
    assert organisation.press_contact == "de directeur"


def test_a_reviewer_reads_the_answers_but_cannot_change_them(client, organisation, reviewer):
    organisation.sector = "care"
    organisation.save()
    client.force_login(reviewer)
    page = client.get(SETTINGS, **EN)
    assert page.status_code == 200
    assert "Care (zorg)" in page.content.decode()
    assert b'<form method="post" novalidate>' not in page.content
    assert client.post(SETTINGS, ANSWERS).status_code == 403
    organisation.refresh_from_db()
    assert organisation.sector == "care"


def test_the_settings_change_only_the_current_organisation(client, organisation, editor):
    other = OrganisationFactory(sector="government")
    MembershipFactory(user=editor, organisation=other, role=Membership.Role.REVIEWER)
    client.force_login(editor)
    client.post(SETTINGS, ANSWERS)
    other.refresh_from_db()
    assert other.sector == "government"


def test_a_bad_privacy_e_mail_is_a_form_error_in_dutch(client, organisation, editor):
    client.force_login(editor)
    response = client.post(
        SETTINGS, {**ANSWERS, "privacy_contact_email": "geen-adres"}, HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert response.status_code == 200
    assert "e-mailadres" in response.content.decode()


def test_the_dashboard_links_to_the_settings(editor_client):
    assert SETTINGS in editor_client.get(reverse("dashboard")).content.decode()


def test_the_admin_filters_organisations_by_sector(admin_client, organisation):
    response = admin_client.get(reverse("admin:wizard_organisation_changelist"), {"sector": "care"})
    assert response.status_code == 200


def test_the_settings_record_a_staff_representation_and_a_collective_agreement(
    client, organisation, editor
):
    client.force_login(editor)
    answers = {
        **ANSWERS,
        "sector": "business",
        "staff_size": "10_49",
        "participation_body": "staff_representation",
        "collective_agreement_settles": "on",
    }
    assert client.post(SETTINGS, answers).status_code == 302
    organisation.refresh_from_db()
    assert organisation.staff_size == "10_49"
    assert organisation.participation_body == "staff_representation"
    assert organisation.collective_agreement_settles is True


def test_a_school_body_outside_education_is_a_form_error(client, organisation, editor):
    client.force_login(editor)
    answers = {**ANSWERS, "sector": "care", "participation_body": "gmr_staff_section"}
    response = client.post(SETTINGS, answers, **EN)
    assert response.status_code == 200
    assert "participation_body" in response.context["form"].errors
    organisation.refresh_from_db()
    assert organisation.participation_body == "none"


def test_the_settings_offer_every_staff_size_and_body(client, organisation, editor):
    client.force_login(editor)
    page = client.get(SETTINGS, **EN).content.decode()
    for label in ("Under 10", "10 to 49", "50 to 249", "250 or more"):
        assert label in page
    for value in ("works_council", "staff_representation", "mr_staff_section", "gmr_staff_section"):
        assert f'value="{value}"' in page
    assert 'name="collective_agreement_settles"' in page


def test_the_admin_filters_organisations_by_participation_body(admin_client, organisation):
    response = admin_client.get(
        reverse("admin:wizard_organisation_changelist"),
        {"participation_body": "staff_representation", "collective_agreement_settles__exact": "1"},
    )
    assert response.status_code == 200


def test_the_code_of_conduct_question_has_its_own_label():
    field = OrganisationForm().fields["has_code_of_conduct"]
    assert str(field.label) == "We hebben een gedragscode"


@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_in_no_organisation_is_sent_to_start_one(client, db, method):
    # A new account, or the site's administrator: no organisation has answers to show.
    client.force_login(UserFactory())
    response = getattr(client, method)(SETTINGS)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
