"""Every sector's default policy, in both languages, fits one A4 page with room to spare."""

from __future__ import annotations

import datetime
import itertools

import pytest

from tests.factories import OrganisationFactory, PolicyFactory
from wizard.policies.blocks import LANGUAGES, SECTORS
from wizard.policies.document import default_content, policy_document
from wizard.printing import page_fit

MAX_PERCENT = 95

# The longest printed wording: every fact on (code of conduct, privacy and press contacts,
# 50+ staff) and the adoption line printed.
INTAKE = {
    "name": "Voorbeeld Zorg B.V.",
    "contact_person": "Fatima el Amrani",
    "contact_email": "hr@voorbeeldzorg.example",
    "staff_size": "50_249",
    "participation_body": "works_council",
    "has_code_of_conduct": True,
    "privacy_contact_name": "Pieter Bakker",
    "privacy_contact_email": "privacy@voorbeeldzorg.example",
    "press_contact": "de afdeling Communicatie",
}


@pytest.mark.parametrize(("sector", "language"), list(itertools.product(SECTORS, LANGUAGES)))
def test_the_default_policy_fits_one_page_at_the_normal_size(db, sector, language):
    organisation = OrganisationFactory(sector=sector, **INTAKE)
    policy = PolicyFactory(
        organisation=organisation,
        language=language,
        content=default_content(organisation),
        effective_date=datetime.date(2027, 1, 1),
        adopted_on=datetime.date(2026, 12, 1),
        contact_person=INTAKE["contact_person"],
        contact_email=INTAKE["contact_email"],
    )
    doc = policy_document(policy)
    assert doc.adoption_line
    fit = page_fit(doc)
    assert fit.fits
    assert fit.level == 0
    assert fit.percent <= MAX_PERCENT, f"{sector} {language}: {fit.percent}%"
