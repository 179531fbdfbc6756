"""The header never names another organisation than the policy on the page: opening any of
one's organisations' policies makes that organisation the current one."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from wizard.models import Policy

pytestmark = pytest.mark.browser


def test_opening_another_organisations_policy_switches_the_header(page):
    log_in(page)  # hr edits for Voorbeeld Zorg B.V. and OBS De Regenboog
    current = page.locator("#org-switch-select option[selected]")
    for name in ("Voorbeeld Zorg B.V.", "OBS De Regenboog", "Voorbeeld Zorg B.V."):
        policy = Policy.objects.filter(organisation__name=name).order_by("pk").first()
        page.goto(f"/policies/{policy.pk}/review/")
        expect(page.get_by_role("main")).to_contain_text(policy.title)
        expect(current).to_have_text(name)
