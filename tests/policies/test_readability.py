"""Readability per block: counted offline, shown on the step, and B1 for every default."""

from __future__ import annotations

import itertools

import pyphen
import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory, PolicyFactory, form_data, step_url
from wizard.policies.blocks import BLOCKS, LANGUAGES, SECTORS
from wizard.policies.document import default_content, policy_document
from wizard.policies.readability import MAX_SENTENCE_WORDS, readability, sentences, syllables

LONG_NL = (
    "Dit is een hele lange zin met veel te veel woorden erin, zodat niemand hem in één keer "
    "goed kan lezen of snel kan begrijpen."
)

# The intake answers that change printed wording: everything on with each participation body
# (and the staff size that goes with it), and everything off.
EVERYTHING_ON = {
    "has_code_of_conduct": True,
    "privacy_contact_name": "Pieter Bakker",
    "press_contact": "de afdeling Communicatie",
}
FACT_PROFILES = {
    "works council": {"staff_size": "50_249", "participation_body": "works_council"},
    "staff representation": {"staff_size": "10_49", "participation_body": "staff_representation"},
    "MR staff section": {"staff_size": "50_249", "participation_body": "mr_staff_section"},
    "GMR staff section": {"staff_size": "250_plus", "participation_body": "gmr_staff_section"},
    "collective agreement": {
        "staff_size": "250_plus",
        "participation_body": "works_council",
        "collective_agreement_settles": True,
    },
    "no body": {"staff_size": "under_10", "participation_body": "none"},
}
PROFILES = {
    **{name: {**answers, **EVERYTHING_ON} for name, answers in FACT_PROFILES.items()},
    "no facts": {"staff_size": "under_10", "participation_body": "none"},
}


def test_the_dutch_score_is_flesch_douma():
    # 2 words, 1 sentence, 2 syllables: 206.835 − 0.93 × 2 − 77 × 1 = 127.975
    assert readability("Ik loop.", "nl").score == 128


def test_the_english_score_is_flesch_reading_ease():
    # 2 words, 1 sentence, 2 syllables: 206.835 − 1.015 × 2 − 84.6 × 1 = 120.205
    assert readability("I run.", "en").score == 120


def test_longer_words_lower_the_score():
    assert readability("Persoonsgegevens beveiliging.", "nl").score < 60


def test_syllables_come_from_the_hyphenation_dictionary():
    assert syllables("beveiliging", "nl") == 4
    assert syllables("medewerker", "nl") == 4
    assert syllables("policy", "en") == 3
    assert syllables("share", "en") == 1


def test_the_dictionaries_ship_with_the_package():
    assert {"nl_NL", "en_US"} <= set(pyphen.LANGUAGES)


def test_a_company_name_with_full_stops_stays_one_sentence():
    assert len(sentences("Mail Voorbeeld Zorg B.V. vandaag. Dank je.")) == 2


def test_a_sentence_over_twenty_words_is_marked():
    result = readability(f"Kort. {LONG_NL}", "nl")
    assert result.long_sentences == (LONG_NL,)
    assert not result.is_b1


def test_no_text_has_no_score():
    assert readability("", "nl") is None


@pytest.mark.parametrize(
    ("sector", "language", "profile"),
    list(itertools.product(SECTORS, LANGUAGES, PROFILES)),
)
def test_every_default_printed_block_is_b1(db, sector, language, profile):
    organisation = OrganisationFactory(
        name="Voorbeeld Zorg B.V.", sector=sector, **PROFILES[profile]
    )
    policy = PolicyFactory(
        organisation=organisation, language=language, content=default_content(organisation)
    )
    for section in policy_document(policy).sections:
        result = readability("\n".join(section.paragraphs), language)
        assert result.score >= 60, f"{section.key}: {result.score}"
        assert result.long_sentences == (), section.key
    assert len(policy_document(policy).sections) == len(BLOCKS)


def test_the_step_shows_the_readability_of_its_block(editor_client, policy):
    page = editor_client.get(step_url(policy, "confidential"), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "Readability of this block" in html
    assert "Flesch-Douma" in html
    assert "Easy to read (level B1)." in html


def test_the_live_preview_marks_a_long_sentence(editor_client, policy):
    url = reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"})
    data = form_data(policy, "conduct", own_text=LONG_NL)
    response = editor_client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    html = response.json()["html"]
    assert f"<mark>{LONG_NL}</mark>" in html
    assert "more than 20 words" in html
    assert MAX_SENTENCE_WORDS == 20
