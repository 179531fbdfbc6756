"""A new HR manager signs up, verifies the address, answers the intake and lands on step 1."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_new_hr_manager_signs_up_and_lands_on_step_one(new_page):
    page = new_page("en")
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Create an account").click()
    main = page.get_by_role("main")
    main.get_by_label("E-mail address").fill("sanne@zorggroep.example")
    main.get_by_label("Username").fill("sanne")
    main.get_by_label("Password", exact=True).fill("a-strong-test-pass-42")
    main.get_by_label("Password (again)").fill("a-strong-test-pass-42")
    main.get_by_label("I write the policy for my own organisation (HR)").check()
    main.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)[0]
    page.goto(link)
    page.get_by_role("main").get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/start/$"))

    main = page.get_by_role("main")
    main.get_by_label("Name", exact=True).fill("Zorggroep Noord")
    main.get_by_role("button", name="Start the first policy").click()
    expect(page).to_have_url(re.compile(r"/policies/\d+/steps/social_media/$"))
