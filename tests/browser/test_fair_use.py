"""Over the preview's fair-use limit, the page keeps the last preview and says so, politely."""

from __future__ import annotations

import os
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LABELS, close_quietly, is_preview, log_in, start_policy

pytestmark = pytest.mark.browser
SCREENSHOT = os.environ.get("FAIR_USE_SCREENSHOT")


@pytest.fixture
def watched_page(browser, demo):
    """An English page whose script errors are collected; unlike conftest's `new_page` it
    lets 429 answers through, which these tests provoke on purpose."""
    context = browser.new_context(
        base_url=demo.url, locale="en", extra_http_headers={"Accept-Language": "en"}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    script_errors = []
    page.on("pageerror", lambda error: script_errors.append(error))
    yield page, script_errors
    close_quietly(context)


def test_the_preview_backs_off_and_keeps_the_last_one(watched_page, settings):
    settings.RATELIMIT_RATES = {**settings.RATELIMIT_RATES, "preview": "2/m"}
    page, script_errors = watched_page
    log_in(page)
    start_policy(page)
    own_words = page.get_by_label(LABELS["en"]["own_words"])
    preview = page.get_by_role("complementary", name="Preview")
    statuses = []
    for n in range(3):
        with page.expect_response(is_preview) as answer:
            own_words.fill(f"Typed words number {n}")
        statuses.append(answer.value.status)
    refused_at = time.monotonic()
    assert statuses == [200, 200, 429]
    # The seconds left in the limit's window: anything from 1 to 60, by where the test's
    # (standing) clock fell in it.
    retry_after = int(answer.value.headers["retry-after"])
    assert 1 <= retry_after <= 60
    # The last preview that came stays; the live region says why it does not follow.
    expect(preview).to_contain_text("Typed words number 1")
    status = page.locator("[data-preview-status]")
    expect(status).to_contain_text("Wait a minute")
    note = page.locator("[data-preview-paused]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Wait a minute")
    if SCREENSHOT:
        note.scroll_into_view_if_needed()
        page.screenshot(path=SCREENSHOT)
    # And the script waits: more typing sends nothing until the window has ended.
    sent = []
    page.on(
        "request",
        lambda request: (
            sent.append(time.monotonic()) if request.url.endswith("/preview/") else None
        ),
    )
    own_words.fill("Typed words number 3")
    page.wait_for_timeout(1500)
    assert all(moment - refused_at >= retry_after - 0.2 for moment in sent)
    assert script_errors == []


def test_a_preview_asked_too_soon_comes_a_second_later_without_a_word(watched_page, settings):
    settings.RATELIMIT_SPACING = {"preview": 1}
    page, script_errors = watched_page
    log_in(page)
    start_policy(page)
    own_words = page.get_by_label(LABELS["en"]["own_words"])
    preview = page.get_by_role("complementary", name="Preview")
    with page.expect_response(is_preview) as first:
        own_words.fill("First words")
    assert first.value.status == 200
    with page.expect_response(is_preview) as too_soon:
        own_words.fill("Second words")
    assert too_soon.value.status == 429
    # The script asks again a second later (and again, until the second has passed: the
    # database cache counts expiry in whole seconds), then shows the words.
    with page.expect_response(lambda r: is_preview(r) and r.status == 200):
        pass
    expect(preview).to_contain_text("Second words")
    expect(page.locator("[data-preview-paused]")).to_be_hidden()
    assert script_errors == []
