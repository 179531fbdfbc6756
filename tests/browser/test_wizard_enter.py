"""Enter in a one-line field of a step goes on to the next step, as "Next" does."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, start_policy
from wizard.models import Policy

pytestmark = pytest.mark.browser


def test_enter_in_a_one_line_field_goes_to_the_next_step(page: Page):
    log_in(page)
    start_policy(page)
    page.get_by_role("button", name="Next", exact=True).click()
    expect(page).to_have_url(re.compile(r"/steps/conduct/$"))

    field = page.get_by_label("Report to")
    field.fill("the confidential adviser")
    field.press("Enter")

    expect(page).to_have_url(re.compile(r"/steps/authentic/$"))
    policy = Policy.objects.get(pk=re.search(r"/policies/(\d+)/", page.url)[1])
    assert policy.content["conduct"]["report_to"] == "the confidential adviser"
