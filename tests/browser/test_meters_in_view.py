"""The page and readability meters stay in view while typing: beside the field on a desktop
(the policy scrolls by beneath them), in a compact bar at the bottom of a phone's screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LABELS, log_in, preview_settles, start_policy

pytestmark = pytest.mark.browser

LONG_TEXT = " ".join(
    f"Zin {n}: wij schrijven hier een flink stuk eigen tekst om het beleid langer te maken."
    for n in range(40)
)


SAVED = re.compile(r"(Saved at|Opgeslagen om) \d\d:\d\d")


def autosave_done(page: Page) -> None:
    # The typed text is autosaved a moment later: the test ends after that request, not while
    # it still runs against the database the test is about to flush.
    expect(page.locator("[data-autosave-status]")).to_have_text(SAVED)


def in_viewport(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_on_a_desktop_the_meter_stays_beside_the_last_field(new_page):
    page = new_page("en", width=1366, height=900)
    log_in(page)
    start_policy(page)
    # A long policy: the preview is far taller than the screen.
    with preview_settles(page):
        page.get_by_label(LABELS["en"]["own_words"]).fill(LONG_TEXT)
    last = page.locator("#step-form").locator("textarea, input:not([type=hidden])").last
    last.scroll_into_view_if_needed()
    last.focus()
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => window.scrollY > 0")
    assert in_viewport(page, "[data-meter]")
    assert in_viewport(page, ".readability")
    assert in_viewport(page, "#step-form button.button--primary")
    # The policy itself scrolled by beneath the meters.
    assert page.locator(".policy-preview").bounding_box()["y"] < 0
    autosave_done(page)


def test_on_a_phone_a_compact_bar_shows_the_meters_while_typing(new_page):
    page = new_page("en", width=390, height=844)
    log_in(page)
    start_policy(page)
    field = page.get_by_label(LABELS["en"]["own_words"])
    with preview_settles(page):
        field.fill(LONG_TEXT)
    bar = page.locator("[data-meter-bar]")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("% of one A4 page")
    expect(bar).to_contain_text("Readability")
    field.focus()
    field.press("End")
    assert in_viewport(page, "[data-meter-bar]")
    # The field being typed in stays in view above the bar.
    field_box = field.bounding_box()
    assert field_box["y"] < bar.bounding_box()["y"]
    # The full meters are still there, below the form.
    assert not in_viewport(page, "[data-meter]")
    autosave_done(page)


def test_the_bar_follows_the_preview_in_dutch(new_page):
    page = new_page("nl", width=390, height=844)
    log_in(page, "nl")
    start_policy(page, "nl")
    bar = page.locator("[data-meter-bar]")
    expect(bar).to_contain_text("% van één A4-pagina")
    with preview_settles(page):
        page.get_by_label(LABELS["nl"]["own_words"]).fill(LONG_TEXT)
    expect(bar).to_contain_text("Leesbaarheid")
    autosave_done(page)
