"""Which consent a policy needs: worked out from its content and the participation body."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import OrganisationFactory, PolicyFactory
from wizard.policies.consent import consent_hint
from wizard.policies.document import default_content

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def hint_for(monitoring: str = "no-private-accounts", **answers) -> str:
    organisation = OrganisationFactory(**answers)
    content = default_content(organisation)
    content["productivity"]["monitoring"] = monitoring
    with translation.override("en"):
        return consent_hint(PolicyFactory(organisation=organisation, content=content))


def test_announced_checks_need_the_works_councils_consent_under_l_and_k(db):
    hint = hint_for("announced-checks", participation_body="works_council")
    assert "The works council must consent" in hint
    assert "WOR art. 27 lid 1 under l" in hint
    assert "(under k)" in hint
    assert "declared void (lid 5)" in hint


def test_rules_of_conduct_alone_are_not_on_the_works_councils_list(db):
    hint = hint_for(participation_body="works_council")
    assert "rules of conduct as such are not on the works council's list" in hint
    assert "under d" not in hint


def test_a_staff_representation_is_consulted_not_asked_for_consent(db):
    hint = hint_for("announced-checks", participation_body="staff_representation")
    assert "Consult the staff representation" in hint
    assert "WOR art. 35c" in hint


@pytest.mark.parametrize("body", ["mr_staff_section", "gmr_staff_section"])
def test_at_a_school_the_staff_section_consents_to_checks(db, body):
    hint = hint_for("announced-checks", sector="education", participation_body=body)
    assert "staff section of the participation council must consent" in hint
    assert "WMS art. 12" in hint


def test_a_collective_agreement_that_settles_it_removes_the_consent(db):
    hint = hint_for(
        "announced-checks", participation_body="works_council", collective_agreement_settles=True
    )
    assert "no consent is needed" in hint
    assert "WOR art. 27 lid 3" in hint


def test_without_a_body_the_management_adopts_alone(db):
    assert "no participation body" in hint_for(participation_body="none")


def test_every_hint_says_it_is_not_legal_advice(db):
    assert hint_for(participation_body="none").endswith(
        "This is a hint to check, not legal advice."
    )


@pytest.mark.parametrize(
    "answers",
    [
        {"participation_body": "works_council"},
        {"participation_body": "staff_representation"},
        {"participation_body": "mr_staff_section", "sector": "education"},
    ],
)
def test_a_hint_points_nowhere_on_the_page(db, answers):
    # The review page shows it under the dates, the consent dossier above its forms.
    hint = hint_for("announced-checks", **answers)
    assert " above" not in hint
    with translation.override("nl"):
        organisation = OrganisationFactory(**answers)
        content = default_content(organisation)
        content["productivity"]["monitoring"] = "announced-checks"
        dutch = consent_hint(PolicyFactory(organisation=organisation, content=content))
    assert "hierboven" not in dutch
    assert "Controleer dit zelf" in dutch


def test_the_review_page_shows_the_hint(editor_client, policy):
    policy.content["productivity"]["monitoring"] = "announced-checks"
    policy.save()
    policy.organisation.participation_body = "works_council"
    policy.organisation.save()
    page = editor_client.get(reverse("policy_review", kwargs={"pk": policy.pk}), **EN)
    html = page.content.decode()
    assert "The works council must consent" in html
    assert "under d, k and l" not in html
