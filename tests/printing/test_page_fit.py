"""Every sector's default policy, in both languages and with every participation body, fits one
A4 page with room to spare."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import OrganisationFactory, PolicyFactory
from wizard.organisations.models import SCHOOL_BODIES, ParticipationBody
from wizard.policies.blocks import LANGUAGES, SECTORS
from wizard.policies.document import default_content, policy_document
from wizard.printing import page_fit

MAX_PERCENT = 95

# The longest printed wording: every fact on (code of conduct, privacy and press contacts).
INTAKE = {
    "name": "Voorbeeld Zorg B.V.",
    "contact_person": "Fatima el Amrani",
    "contact_email": "hr@voorbeeldzorg.example",
    "has_code_of_conduct": True,
    "privacy_contact_name": "Pieter Bakker",
    "privacy_contact_email": "privacy@voorbeeldzorg.example",
    "press_contact": "de afdeling Communicatie",
}

# The staff size that goes with each body (50+ also prints the reporting procedure).
STAFF_SIZE = {
    ParticipationBody.WORKS_COUNCIL: "50_249",
    ParticipationBody.STAFF_REPRESENTATION: "10_49",
    ParticipationBody.MR_STAFF_SECTION: "50_249",
    ParticipationBody.GMR_STAFF_SECTION: "250_plus",
    ParticipationBody.NONE: "under_10",
}


def bodies_of(sector: str) -> list[str]:
    """The bodies an organisation of `sector` can have (MR and GMR only at a school)."""
    return [
        body
        for body in ParticipationBody.values
        if (body in SCHOOL_BODIES) == (sector == "education") or body == ParticipationBody.NONE
    ]


CASES = [
    (sector, language, body)
    for sector in SECTORS
    for language in LANGUAGES
    for body in bodies_of(sector)
]


@pytest.mark.parametrize(("sector", "language", "body"), CASES)
def test_the_default_policy_fits_one_page_at_the_normal_size(db, sector, language, body):
    organisation = OrganisationFactory(
        sector=sector, participation_body=body, staff_size=STAFF_SIZE[body], **INTAKE
    )
    policy = PolicyFactory(
        organisation=organisation,
        language=language,
        content=default_content(organisation),
        effective_date=datetime.date(2027, 1, 1),
        adopted_on=datetime.date(2026, 12, 15),
        consented_on=datetime.date(2026, 11, 30),
        contact_person=INTAKE["contact_person"],
        contact_email=INTAKE["contact_email"],
    )
    doc = policy_document(policy)
    assert doc.adoption_line
    fit = page_fit(doc)
    assert fit.fits
    assert fit.level == 0
    assert fit.percent <= MAX_PERCENT, f"{sector} {language} {body}: {fit.percent}%"
