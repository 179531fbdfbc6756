"""A new policy's steps are "pre-filled, not yet checked" until the user goes on with Next."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, start_policy

pytestmark = pytest.mark.browser


def test_a_step_shows_as_checked_after_next(page: Page):
    log_in(page)
    start_policy(page)
    steps = page.get_by_role("navigation", name="Steps")
    first = steps.get_by_role("listitem").first
    expect(steps).to_contain_text("0 of 6 checked")
    expect(first).to_contain_text("pre-filled, not yet checked")

    page.get_by_role("button", name="Next", exact=True).click()

    expect(page).to_have_url(re.compile(r"/steps/conduct/$"))
    expect(steps).to_contain_text("1 of 6 checked")
    expect(first).not_to_contain_text("pre-filled, not yet checked")
    expect(first.get_by_role("button")).to_have_accessible_name(re.compile(r"\(checked\)"))
    expect(steps.get_by_role("listitem").nth(1)).to_contain_text("pre-filled, not yet checked")


def test_the_dashboard_explanation_can_be_hidden(page: Page):
    log_in(page)
    page.goto("/")
    intro = page.get_by_role("region", name="How your policy comes together")
    expect(intro).to_contain_text("about 30 minutes")

    intro.get_by_role("button", name="Got it, hide this").click()

    expect(page.get_by_role("heading", name="Policies")).to_be_visible()
    expect(intro).to_have_count(0)
