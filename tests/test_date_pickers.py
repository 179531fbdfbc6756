"""Every date field is the browser's date picker, and a saved date shows in it in both
languages: a picker takes only ISO dates and shows an empty field for "29-11-2026"."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from wizard.consent.forms import DecisionForm, MeetingForm
from wizard.policies.forms import DetailsForm
from wizard.rollout.forms import RoundForm

DAY = datetime.date(2026, 11, 29)
DATE_FIELDS = [
    (RoundForm, "deadline"),
    (MeetingForm, "meeting_on"),
    (DecisionForm, "decided_on"),
    (DetailsForm, "effective_date"),
    (DetailsForm, "adopted_on"),
    (DetailsForm, "consented_on"),
    (DetailsForm, "next_review_date"),
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("form_class", "name"), DATE_FIELDS)
def test_a_saved_date_shows_in_its_date_picker(form_class, name, language):
    with translation.override(language):
        html = str(form_class(initial={name: DAY})[name])
    assert 'type="date"' in html
    assert 'value="2026-11-29"' in html


@pytest.mark.parametrize(("form_class", "name"), DATE_FIELDS)
def test_a_picked_date_is_read_in_dutch(form_class, name):
    with translation.override("nl"):
        field = form_class().fields[name]
        assert field.clean("2026-11-29") == DAY
