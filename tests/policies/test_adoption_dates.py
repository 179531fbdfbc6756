"""The finishing details' two adoption dates: the management's and the body's consent."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.factories import OrganisationFactory, PolicyFactory
from wizard.policies.forms import DetailsForm


def details(**changes) -> dict:
    data = {
        "title": "Social-mediabeleid",
        "language": "nl",
        "version_label": "1.0",
        "effective_date": "2027-01-01",
        "next_review_date": "2028-01-01",
        "adopted_on": "2026-12-15",
        "consented_on": "2026-12-01",
    }
    return {**data, **changes}


@pytest.fixture
def policy(db):
    return PolicyFactory(organisation=OrganisationFactory(participation_body="works_council"))


def test_consent_before_adoption_and_effective_date_is_accepted(policy):
    form = DetailsForm(details(), instance=policy)
    assert form.is_valid(), form.errors
    assert str(form.cleaned_data["consented_on"]) == "2026-12-01"


def test_consent_after_the_effective_date_is_refused_with_a_clear_message(policy):
    with translation.override("en"):
        form = DetailsForm(details(consented_on="2027-01-02"), instance=policy)
        assert not form.is_valid()
        assert form.has_error("consented_on", code="consent_after_effective")
        assert "dated after the effective date" in form.errors["consented_on"][0]


def test_consent_after_the_adoption_is_refused(policy):
    form = DetailsForm(details(consented_on="2026-12-20"), instance=policy)
    assert not form.is_valid()
    assert form.has_error("consented_on", code="consent_after_adoption")


@pytest.mark.parametrize(
    ("body", "label"),
    [
        ("works_council", "Works council consented on"),
        ("staff_representation", "Staff representation consulted on"),
        ("mr_staff_section", "Staff section of the participation council (MR) consented on"),
    ],
)
def test_the_consent_date_is_labelled_with_the_body(db, body, label):
    policy = PolicyFactory(organisation=OrganisationFactory(participation_body=body))
    with translation.override("en"):
        assert str(DetailsForm(instance=policy).fields["consented_on"].label) == label
