"""Rolling a policy out: publish, staff confirm by the link without logging in, HR sees the
register, a new version starts a new round."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in
from wizard.models import Acknowledgement, Organisation, Policy
from wizard.policies import services as policy_services
from wizard.review import workflow
from wizard.rollout.links import personal_key
from wizard.rollout.models import StaffMember

pytestmark = pytest.mark.browser


def approved_policy(*, hr, reviewer, based_on=None, own_text="") -> Policy:
    """A policy of Voorbeeld Zorg made ready for publishing (the workflow is not the subject)."""
    if based_on is None:
        organisation = Organisation.objects.get(slug="voorbeeld-zorg")
        policy = policy_services.policy_create(
            organisation=organisation, user=hr, title="Beleid voor de uitrol"
        )
    else:
        policy = policy_services.policy_new_version(policy=based_on, user=hr)
    if own_text:
        content = {**policy.content, "conduct": {**policy.content["conduct"], "own_text": own_text}}
        Policy.objects.filter(pk=policy.pk).update(content=content)
        policy.refresh_from_db()
    workflow.policy_submit(policy=policy, user=hr)
    workflow.policy_approve(policy=policy, user=reviewer)
    return policy


# The smallest computed font size of any element under `selector` that holds text itself.
SMALLEST_TEXT_PX = """selector => Math.min(...[...document.querySelectorAll(selector + ' *')]
  .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
    && el.offsetParent !== null)
  .map(el => parseFloat(getComputedStyle(el).fontSize)))"""


def confirmation_link(body: str) -> str:
    found = re.search(r"https?://\S+/p/\S+/confirm/\S+/", body)
    assert found, body
    return urlsplit(found.group(0)).path


def publish_in_the_browser(page: Page, policy: Policy) -> str:
    page.goto(reverse("policy_review", args=[policy.pk]))
    page.get_by_role("button", name="Publish", exact=True).click()
    link = page.get_by_label("Link for staff")
    expect(link).to_be_visible()
    return link.input_value()


def test_publish_confirm_as_staff_see_the_register_and_a_new_round(new_page):
    users = get_user_model().objects
    hr, reviewer = users.get(username="hr"), users.get(username="reviewer")
    first = approved_policy(hr=hr, reviewer=reviewer)

    page = new_page("en")
    log_in(page, "en", "hr")
    link = publish_in_the_browser(page, first)

    # A member of staff, not logged in, on a phone.
    staff = new_page("en", width=360, height=740)
    staff.goto(link)
    expect(staff.get_by_text("Version 1.0")).to_be_visible()
    # The main button confirms; the PDF is secondary; no text under 16 px.
    main_button = staff.locator(".staff-brand .button--primary")
    expect(main_button).to_have_text("I have read this policy")
    smallest = staff.evaluate(SMALLEST_TEXT_PX, "main")
    assert 16 <= smallest < 40, smallest
    staff.get_by_label("Your name").fill("Sanne Jansen")
    staff.get_by_label("Your work e-mail address").fill("sanne@voorbeeldzorg.example")
    staff.get_by_role("button", name="I have read this policy").click()
    expect(staff.get_by_text("Check your e-mail.")).to_be_visible()
    # Nothing is recorded until the link in the e-mail is followed.
    assert not Acknowledgement.objects.filter(policy=first).exists()
    staff.goto(confirmation_link(mail.outbox[-1].body))
    expect(staff.get_by_text("You confirm as Sanne Jansen")).to_be_visible()
    staff.get_by_role("button", name="I have read this policy").click()
    expect(staff.get_by_text("Thank you, Sanne Jansen. You confirmed version 1.0")).to_be_visible()

    page.goto(reverse("policy_review", args=[first.pk]))
    page.get_by_role("link", name="Acknowledgements").click()
    current = page.locator("section").filter(has_text="Version 1.0 (published now)")
    expect(current.get_by_role("cell", name="Sanne Jansen")).to_be_visible()

    # A new version with a changed block, published: the same link shows it, a new round.
    first.refresh_from_db()
    second = approved_policy(
        hr=hr, reviewer=reviewer, based_on=first, own_text="Meld nepaccounts direct bij HR."
    )
    assert publish_in_the_browser(page, second) == link

    staff.goto(link)
    expect(staff.get_by_text("Version 1.1")).to_be_visible()
    expect(staff.get_by_role("heading", name="What changed since version 1.0")).to_be_visible()
    expect(staff.get_by_label("Your name")).to_be_empty()

    page.goto(reverse("acknowledgement_register", args=[second.pk]))
    now = page.locator("section").filter(has_text="Version 1.1 (published now)")
    earlier = page.locator("section").filter(has_text="Version 1.0 (earlier version)")
    expect(now.get_by_text("0 people confirmed this version.")).to_be_visible()
    expect(earlier.get_by_role("cell", name="Sanne Jansen")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert re.fullmatch(
        r"[a-z0-9-]+_acknowledgements_[0-9-]+\.csv", download.value.suggested_filename
    )


def test_a_personal_link_on_a_phone_confirms_and_says_so_on_return(new_page):
    users = get_user_model().objects
    hr, reviewer = users.get(username="hr"), users.get(username="reviewer")
    policy = approved_policy(hr=hr, reviewer=reviewer)
    workflow.policy_publish(policy=policy, user=hr)
    policy.refresh_from_db()
    member = StaffMember.objects.create(
        organisation=policy.organisation, name="Piet de Boer", email="piet@voorbeeldzorg.example"
    )
    url = reverse(
        "personal_policy", kwargs={"token": policy.share_token, "key": personal_key(member)}
    )

    staff = new_page("en", width=360, height=740)
    staff.goto(url)
    expect(staff.get_by_text("You confirm as Piet de Boer")).to_be_visible()
    staff.locator("#confirm").get_by_role("button", name="I have read this policy").click()
    expect(staff.get_by_text("Thank you, Piet de Boer. You confirmed version 1.0")).to_be_visible()

    staff.goto(url)
    expect(staff.get_by_text("You confirmed version 1.0 on")).to_be_visible()
    expect(staff.locator("#confirm").get_by_role("button")).to_have_count(0)


def test_hr_copies_the_staff_link_and_sees_its_qr_code(new_page):
    published = Policy.objects.get(
        organisation__slug="voorbeeld-zorg", status=Policy.Status.PUBLISHED
    )
    page = new_page("en")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    log_in(page, "en", "hr")
    page.goto(reverse("acknowledgement_register", args=[published.pk]))
    page.get_by_role("button", name="Copy the link").click()
    expect(page.locator("#staff-link-copied")).to_have_text("The link is copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.get_by_label("Link for staff").input_value()
    qr = page.get_by_role("img", name="QR code of the staff link")
    expect(qr).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", qr.element_handle()) > 0
