"""Archiving is final: it sits apart from the main actions and asks first, in a real browser."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in
from wizard.models import Policy

pytestmark = pytest.mark.browser


def test_archiving_a_published_policy_asks_first_and_says_the_link_stops(page: Page):
    policy = Policy.objects.get(organisation__slug="voorbeeld-zorg", status=Policy.Status.PUBLISHED)
    staff_link = reverse("published_policy", kwargs={"token": policy.share_token})
    review = reverse("policy_review", args=[policy.pk])
    log_in(page)
    page.goto(review)
    # Apart from the main actions ("Edit as a new version"), with a word about the link.
    main_actions = page.locator(".workflow-actions")
    expect(main_actions.get_by_role("button", name="Archive")).to_have_count(0)
    expect(page.get_by_text("Its staff link stops working.")).to_be_visible()

    page.get_by_role("button", name="Archive", exact=True).click()
    expect(page.get_by_role("heading", name="Archive this policy?")).to_be_visible()
    expect(page.get_by_text("the staff link and the personal links stop working")).to_be_visible()
    page.get_by_role("link", name="Cancel").click()
    expect(page).to_have_url(re.compile(rf"{review}$"))
    policy.refresh_from_db()
    assert policy.status == Policy.Status.PUBLISHED

    page.get_by_role("button", name="Archive", exact=True).click()
    page.get_by_role("button", name="Archive", exact=True).click()
    expect(page.get_by_text("The policy is archived.")).to_be_visible()
    policy.refresh_from_db()
    assert policy.status == Policy.Status.ARCHIVED
    assert page.goto(staff_link).status == 404
