"""The intake answers fit the policy to the organisation: words, defaults and printed lines."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import OrganisationFactory, PolicyFactory, UserFactory
from wizard.models import Membership, Policy
from wizard.policies.document import default_content, policy_document
from wizard.policies.forms import STEP_FORM_BY_KEY
from wizard.policies.services import policy_create


def make_policy(language="nl", content=None, **answers) -> Policy:
    organisation = OrganisationFactory(**answers)
    return PolicyFactory(
        organisation=organisation,
        language=language,
        content=content or default_content(organisation),
    )


def text_of(policy: Policy, block: str | None = None) -> str:
    doc = policy_document(policy)
    sections = [s for s in doc.sections if block is None or s.key == block]
    return " ".join(p for s in sections for p in s.paragraphs)


@pytest.mark.parametrize(
    ("sector", "language", "word"),
    [
        ("care", "nl", "cliënten en patiënten"),
        ("education", "nl", "leerlingen en ouders"),
        ("government", "nl", "inwoners"),
        ("business", "nl", "klanten"),
        ("non_profit", "nl", "leden"),
        ("care", "en", "clients and patients"),
        ("education", "en", "pupils and parents"),
        ("government", "en", "residents"),
    ],
)
def test_the_sector_chooses_the_words_for_the_people_served(db, sector, language, word):
    assert word in text_of(make_policy(language, sector=sector))


def test_a_care_policy_speaks_of_neither_customers_nor_fans(db):
    text = text_of(make_policy("nl", sector="care"))
    assert "klanten" not in text
    assert "fans" not in text


def test_a_new_policy_gets_the_default_clauses_of_its_sector(db):
    care = OrganisationFactory(sector="care")
    user = UserFactory()
    Membership.objects.create(user=user, organisation=care, role=Membership.Role.EDITOR)
    policy = policy_create(organisation=care, user=user)
    assert "professional-secrecy" in policy.content["confidential"]["clauses"]
    assert "no-contact-requests" in policy.content["audience"]["clauses"]
    assert "recognisable-customers" not in policy.content["audience"]["clauses"]


def test_a_business_policy_has_no_care_or_school_clauses(db):
    content = default_content(OrganisationFactory(sector="business"))
    assert "professional-secrecy" not in content["confidential"]["clauses"]
    assert "pupils-consent" not in content["conduct"]["clauses"]
    assert "fans" in content["audience"]["audiences"]


@pytest.mark.parametrize(
    ("sector", "block", "clause"),
    [
        ("education", "conduct", "pupils-consent"),
        ("education", "audience", "school-channels"),
        ("government", "conduct", "integrity"),
    ],
)
def test_schools_and_government_get_their_own_default_clauses(db, sector, block, clause):
    assert clause in default_content(OrganisationFactory(sector=sector))[block]["clauses"]


def test_the_step_offers_only_the_sectors_clauses(db):
    policy = make_policy(sector="business")
    form = STEP_FORM_BY_KEY["confidential"](prefix="confidential", policy=policy)
    keys = [key for key, _label in form.fields["clauses"].choices]
    assert "professional-secrecy" not in keys
    assert "when-in-doubt" in keys


def test_a_stored_clause_stays_a_choice_after_the_sector_changed(db):
    policy = make_policy(sector="care")
    policy.organisation.sector = "business"
    policy.organisation.save()
    form = STEP_FORM_BY_KEY["confidential"](prefix="confidential", policy=policy)
    assert "professional-secrecy" in [key for key, _label in form.fields["clauses"].choices]


def test_the_code_of_conduct_is_named_only_when_there_is_one(db):
    assert "gedragscode" in text_of(make_policy(has_code_of_conduct=True), "conduct")
    assert "gedragscode" not in text_of(make_policy(has_code_of_conduct=False), "conduct")


def test_a_data_breach_goes_to_the_privacy_contact_when_there_is_one(db):
    text = text_of(make_policy(privacy_contact_name="Pieter Bakker"), "confidential")
    assert "gedeeld? Meld het dan meteen bij Pieter Bakker." in text


def test_a_data_breach_goes_to_the_contact_person_without_a_privacy_contact(db):
    text = text_of(make_policy(contact_person="Sanne de Vries"), "confidential")
    assert "gedeeld? Meld het dan meteen bij Sanne de Vries." in text


def test_press_questions_go_to_the_press_contact(db):
    text = text_of(make_policy("en", press_contact="the communications team"), "authentic")
    assert "Press questions go to the communications team." in text


def test_the_whistleblower_safeguard_is_printed_whatever_is_chosen(db):
    content = default_content()
    content["confidential"]["clauses"] = []
    content["confidential"]["own_text"] = "Alleen eigen woorden."
    text = text_of(make_policy(content=content), "confidential")
    assert "Een misstand mag je altijd melden, bij ons of bij een toezichthouder." in text


def test_with_fifty_or_more_staff_the_safeguard_names_the_reporting_procedure(db):
    large = text_of(make_policy("en", staff_size="50_249"), "confidential")
    small = text_of(make_policy("en", staff_size="10_49"), "confidential")
    assert "through our reporting channel or to a regulator" in large
    assert "reporting channel" not in small
    assert "Whistleblowers Authority" in small
    assert "Whistleblowers Authority" in large


def test_the_whistleblower_safeguard_is_not_a_choice(db):
    form = STEP_FORM_BY_KEY["confidential"](prefix="confidential", policy=make_policy())
    assert "whistleblowing" not in [key for key, _label in form.fields["clauses"].choices]
    assert any("misstand" in line for line in form.always_printed)


def test_consequences_range_from_a_warning_to_summary_dismissal_by_default(db):
    text = text_of(make_policy("en"), "audience")
    assert "from a warning up to dismissal" in text
    assert "that can be summary dismissal." in text


def test_the_default_monitoring_choice_leaves_private_accounts_alone(db):
    text = text_of(make_policy("nl", name="Bakkerij Test"), "productivity")
    assert "We volgen je privéaccounts niet." in text
    assert "Wel bespreken we een gemeld openbaar bericht dat tegen dit beleid ingaat." in text


def test_freedom_of_expression_is_on_by_default(db):
    assert "Je mag online je eigen mening geven." in text_of(make_policy(), "authentic")


def test_the_embarrassment_test_is_advice_not_a_ban(db):
    text = text_of(make_policy("en"), "audience")
    assert "A good question before you post" in text
    assert "Then do not post it" not in text


ADOPTED = datetime.date(2026, 12, 1)
CONSENTED = datetime.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("body", "language", "line"),
    [
        (
            "works_council",
            "nl",
            "Vastgesteld door de directie op 1 december 2026, na instemming van de "
            "ondernemingsraad op 20 november 2026.",
        ),
        (
            "mr_staff_section",
            "nl",
            "Vastgesteld door de directie op 1 december 2026, na instemming van de "
            "personeelsgeleding van de MR op 20 november 2026.",
        ),
        (
            "gmr_staff_section",
            "nl",
            "Vastgesteld door de directie op 1 december 2026, na instemming van de "
            "personeelsgeleding van de GMR op 20 november 2026.",
        ),
        (
            "staff_representation",
            "nl",
            "Vastgesteld door de directie op 1 december 2026, na overleg met de "
            "personeelsvertegenwoordiging op 20 november 2026.",
        ),
        (
            "works_council",
            "en",
            "Adopted by the management on 1 December 2026, after the works council consented "
            "on 20 November 2026.",
        ),
        (
            "staff_representation",
            "en",
            "Adopted by the management on 1 December 2026, after consulting the staff "
            "representation on 20 November 2026.",
        ),
    ],
)
def test_the_adoption_line_names_the_body_and_both_dates(db, body, language, line):
    policy = make_policy(language, participation_body=body)
    policy.adopted_on, policy.consented_on = ADOPTED, CONSENTED
    assert policy_document(policy).adoption_line == line


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("nl", "Vastgesteld door de directie op 1 december 2026."),
        ("en", "Adopted by the management on 1 December 2026."),
    ],
)
def test_without_a_body_the_management_adopts_alone(db, language, line):
    policy = make_policy(language, participation_body="none")
    policy.adopted_on = ADOPTED
    assert policy_document(policy).adoption_line == line


def test_a_collective_agreement_that_settles_it_needs_no_consent_date(db):
    policy = make_policy(participation_body="works_council", collective_agreement_settles=True)
    policy.adopted_on = ADOPTED
    assert (
        policy_document(policy).adoption_line == "Vastgesteld door de directie op 1 december 2026."
    )


def test_no_adoption_line_without_an_adoption_date(db):
    policy = make_policy(participation_body="none")
    assert policy_document(policy).adoption_line == ""


def test_no_adoption_line_while_the_body_has_not_consented(db):
    policy = make_policy(participation_body="works_council")
    policy.adopted_on = ADOPTED
    assert policy_document(policy).adoption_line == ""


def test_the_pdf_prints_the_adoption_line(editor_client, policy):
    policy.organisation.participation_body = "works_council"
    policy.organisation.save()
    policy.adopted_on, policy.consented_on = ADOPTED, CONSENTED
    policy.save()
    response = editor_client.get(reverse("policy_export", kwargs={"pk": policy.pk, "fmt": "pdf"}))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "instemming van de ondernemingsraad" in " ".join(text.split())


def test_the_review_page_asks_for_the_adoption_date(editor_client, policy):
    page = editor_client.get(reverse("policy_review", kwargs={"pk": policy.pk}))
    assert 'name="adopted_on"' in page.content.decode()
    assert 'name="consented_on"' in page.content.decode()


def test_care_never_allows_posting_about_clients_with_consent(db):
    text = text_of(make_policy("nl", sector="care"))
    assert "ook niet met toestemming of zonder naam" in text
    assert "Zorgkaart" not in text  # the guidance names it; the policy says "their reviews"
    assert "reageer niet op hun reviews" in text
    assert "{clients} alleen met hun toestemming" not in text
    assert "cliënten en patiënten alleen met hun toestemming" not in text


def test_education_prints_one_rule_on_images_of_pupils(db):
    text = text_of(make_policy("nl", sector="education"))
    assert text.count("beelden van leerlingen") == 1
    assert "alleen op de kanalen van school, nooit op je privéaccount" in text
    assert "Onder de 16 geven de ouders die." in text
    assert "leerlingen en ouders alleen met hun toestemming" not in text


def test_government_prints_the_oath_and_that_work_chats_are_kept(db):
    text = text_of(make_policy("en", sector="government"))
    assert "oath or affirmation" in text
    assert "Work chats are government information" in text
    assert "review" not in text
    assert "competitor" not in text


@pytest.mark.parametrize("sector", ["care", "education"])
def test_care_and_teaching_use_social_media_in_breaks_by_default(db, sector):
    text = text_of(make_policy("en", sector=sector), "productivity")
    assert "in your breaks, never in front of" in text


def test_naming_the_employer_is_asked_only_when_promoting_it(db):
    text = text_of(make_policy("en", sector="care"), "authentic")
    assert "Promoting products or services of" in text
    assert "Writing about our field" not in text


def test_the_confidential_list_names_things_and_not_pay(db):
    text = text_of(make_policy("nl"), "confidential")
    assert "hoe we gebouwen en systemen beveiligen" in text
    assert "personeelszaken" not in text
