"""The demo's three ways of adopting: a complete dossier, a draft waiting for consent, and
the management alone."""

from __future__ import annotations

from django.core.management import call_command

from wizard.consent.models import ConsentDossier
from wizard.consent.services import consent_missing
from wizard.models import Policy
from wizard.policies.consent import consent_needed
from wizard.policies.document import adoption_line


def test_the_care_organisations_published_policy_has_a_complete_dossier(db):
    call_command("seed_demo", verbosity=0)
    dossier = ConsentDossier.objects.get(
        policy__organisation__slug="voorbeeld-zorg", policy__status=Policy.Status.PUBLISHED
    )
    assert dossier.proposed_decision
    assert dossier.meeting_on < dossier.decided_on
    assert dossier.decision == ConsentDossier.Decision.CONSENT
    assert dossier.decided_on == dossier.policy.consented_on


def test_the_schools_draft_waits_for_the_staff_sections_consent(db):
    call_command("seed_demo", verbosity=0)
    draft = Policy.objects.get(organisation__slug="obs-de-regenboog")
    assert consent_needed(draft)
    assert consent_missing(draft)


def test_the_bakerys_draft_prints_the_management_line(db):
    call_command("seed_demo", verbosity=0)
    draft = Policy.objects.get(organisation__slug="bakkerij-de-korenschoof")
    assert adoption_line(draft, "nl").startswith("Vastgesteld door de directie op ")
    assert "instemming" not in adoption_line(draft, "nl")


def test_seeding_twice_keeps_one_dossier(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert ConsentDossier.objects.count() == 1
