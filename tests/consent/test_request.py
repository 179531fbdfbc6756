"""The written request to the participation body: drafted, editable, as PDF and Word."""

from __future__ import annotations

import io
import zipfile

from django.urls import reverse

from tests.consent.conftest import policy_with_checks
from tests.factories import OrganisationFactory
from wizard.consent import selectors, services
from wizard.consent.models import ConsentDossier
from wizard.models import AuditEvent

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_the_draft_names_the_decision_its_reasons_and_consequences(checked_policy):
    draft = services.request_draft(checked_policy)
    assert "Voorbeeld Zorg B.V." in draft["proposed_decision"]
    assert "ondernemingsraad" in draft["proposed_decision"]
    assert "WOR art. 27" in draft["reasons"]
    assert "Werkaccounts" in draft["consequences"]


def test_the_draft_is_in_the_policys_language(council_organisation):
    policy = policy_with_checks(council_organisation, language="en")
    assert (
        "We ask the works council for its consent."
        in (services.request_draft(policy)["proposed_decision"])
    )


def test_a_staff_representation_is_asked_for_advice(db):
    organisation = OrganisationFactory(participation_body="staff_representation")
    policy = policy_with_checks(organisation, language="en")
    assert "for its advice" in services.request_draft(policy)["proposed_decision"]


def test_reading_the_page_writes_no_dossier(client, council_editor, checked_policy):
    client.force_login(council_editor)
    response = client.get(reverse("consent_request", args=[checked_policy.pk]), **EN)
    assert response.status_code == 200
    assert "Consent request" in response.text
    assert not ConsentDossier.objects.exists()


def test_the_page_is_labelled_in_dutch(client, council_editor, checked_policy):
    client.force_login(council_editor)
    response = client.get(
        reverse("consent_request", args=[checked_policy.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    assert "Instemmingsverzoek" in response.text
    assert "Leg het besluit vast" in response.text


def test_the_editor_changes_the_request(client, council_editor, checked_policy):
    client.force_login(council_editor)
    response = client.post(
        reverse("consent_request_save", args=[checked_policy.pk]),
        {"proposed_decision": "Besluit.", "reasons": "Redenen.", "consequences": "Gevolgen."},
    )
    assert response.status_code == 302
    assert selectors.dossier_of(checked_policy).reasons == "Redenen."


def test_changing_the_request_is_audited(council_editor, checked_policy):
    services.request_save(
        policy=checked_policy,
        user=council_editor,
        proposed_decision="Besluit.",
        reasons="Redenen.",
        consequences="Gevolgen.",
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONSENT_REQUEST).count() == 1


def test_a_reviewer_cannot_change_the_request(client, council_reviewer, checked_policy):
    client.force_login(council_reviewer)
    response = client.post(
        reverse("consent_request_save", args=[checked_policy.pk]),
        {"proposed_decision": "Besluit.", "reasons": "Redenen.", "consequences": "Gevolgen."},
    )
    assert response.status_code == 403


def test_the_request_downloads_as_pdf(client, council_editor, checked_policy):
    client.force_login(council_editor)
    response = client.get(reverse("consent_request_pdf", args=[checked_policy.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_request_downloads_as_word_in_the_policys_language(
    client, council_editor, checked_policy
):
    client.force_login(council_editor)
    response = client.get(reverse("consent_request_docx", args=[checked_policy.pk]), **EN)
    with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
        body = docx.read("word/document.xml").decode()
    assert "Instemmingsverzoek" in body


def test_the_page_gives_the_hint_which_consent_is_needed(client, council_editor, checked_policy):
    client.force_login(council_editor)
    response = client.get(reverse("consent_request", args=[checked_policy.pk]), **EN)
    assert "WOR art. 27 lid 1 under l" in response.text
