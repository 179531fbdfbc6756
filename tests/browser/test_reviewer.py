"""A reviewer's journey: the header's "To review (N)" leads to the queue, and a comment typed
before clicking a decision is saved with it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import log_in, log_in_again_in_a_new_tab
from wizard.models import Comment, Organisation, Policy
from wizard.policies.services import policy_create
from wizard.review import workflow

pytestmark = pytest.mark.browser


def submitted_policy(title: str = "Beleid om te beoordelen") -> Policy:
    hr = get_user_model().objects.get(username="hr")
    organisation = Organisation.objects.get(slug="voorbeeld-zorg")
    policy = policy_create(organisation=organisation, user=hr, title=title)
    workflow.policy_submit(policy=policy, user=hr)
    return policy


def test_the_header_shows_what_waits_and_leads_to_the_queue(page: Page):
    policy = submitted_policy()
    log_in(page, username="reviewer")
    # Someone who only reviews starts at the queue.
    expect(page).to_have_url(re.compile(r"/review/$"))
    page.goto(reverse("organisation_list"))
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("link", name="To review (1)").click()
    expect(page).to_have_url(re.compile(r"/review/$"))
    page.get_by_role("main").get_by_role("link", name=policy.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Review: {policy.title}")


def test_a_comment_typed_before_request_changes_is_saved_with_it(page: Page):
    policy = submitted_policy()
    log_in(page, username="reviewer")
    page.goto(reverse("policy_review", args=[policy.pk]))
    main = page.get_by_role("main")
    main.get_by_role("combobox", name="Building block").select_option("conduct")
    comment = main.get_by_role("textbox", name="Comment", exact=True)
    comment.fill("Maak de gedragsregels korter, graag.")
    main.get_by_role("button", name="Request changes").click()
    expect(main.get_by_text("Changes are requested.")).to_be_visible()
    policy.refresh_from_db()
    assert policy.status == Policy.Status.CHANGES_REQUESTED
    comment = Comment.objects.get(policy=policy)
    assert (comment.block_key, comment.text) == (
        "conduct",
        "Maak de gedragsregels korter, graag.",
    )


def test_a_comment_typed_after_the_session_ended_stays_and_is_sent_after_logging_in(
    page: Page,
):
    policy = submitted_policy()
    log_in(page, username="reviewer")
    page.goto(reverse("policy_review", args=[policy.pk]))
    review_url = page.url
    main = page.get_by_role("main")
    main.get_by_role("combobox", name="Building block").select_option("conduct")
    comment = main.get_by_role("textbox", name="Comment", exact=True)
    # The session ends (a timeout, a logout in another tab) while the reviewer types.
    page.context.clear_cookies(name="sessionid")
    comment.fill("Noem ook de gedragscode voor stagiairs.")
    main.get_by_role("button", name="Save comment").click()
    expect(main.get_by_role("alert")).to_contain_text(
        "You are logged out, so this was not sent. Your text stays here"
    )
    assert page.url == review_url
    expect(comment).to_have_value("Noem ook de gedragscode voor stagiairs.")
    assert not Comment.objects.exists()

    log_in_again_in_a_new_tab(page, username="reviewer")

    main.get_by_role("button", name="Save comment").click()
    expect(main.get_by_text("Noem ook de gedragscode voor stagiairs.")).to_be_visible()
    comment = Comment.objects.get(policy=policy)
    assert (comment.block_key, comment.text) == (
        "conduct",
        "Noem ook de gedragscode voor stagiairs.",
    )


def test_a_double_click_on_save_comment_sends_it_once(page: Page):
    policy = submitted_policy()
    log_in(page, username="reviewer")
    page.goto(reverse("policy_review", args=[policy.pk]))
    posts = []
    page.on(
        "request", lambda request: posts.append(request.url) if request.method == "POST" else None
    )
    main = page.get_by_role("main")
    main.get_by_role("combobox", name="Building block").select_option("conduct")
    main.get_by_role("textbox", name="Comment", exact=True).fill("Eén keer, graag.")
    # The second click comes while the page asks whether the session is still there.
    main.get_by_role("button", name="Save comment").dblclick()
    expect(main.get_by_text("Eén keer, graag.")).to_be_visible()
    comment_path = reverse("comment_add", args=[policy.pk])
    assert len([url for url in posts if url.endswith(comment_path)]) == 1
    assert Comment.objects.filter(policy=policy).count() == 1
