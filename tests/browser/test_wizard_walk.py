"""Walk the wizard in a real browser, by visible labels, as the acceptance checks do."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.conftest import (
    LABELS,
    arrive,
    log_in,
    log_out,
    preview_settles,
    start_policy,
)
from wizard.models import Policy
from wizard.policies.blocks import BLOCKS

pytestmark = pytest.mark.browser

OWN_WORDS = "Coöperatie één 👍"
STEP_URL = re.compile(r"/policies/(\d+)/steps/([a-z_]+)/$")


def own_words(number: int) -> str:
    return f"{OWN_WORDS} (stap {number})"


def current_step(page: Page) -> str:
    match = STEP_URL.search(page.url)
    assert match, page.url
    return match[2]


def first_clause(page: Page):
    return (
        page.locator("#step-form fieldset")
        .filter(has=page.locator("legend", has_text=re.compile(r"^(Clauses|Clausules)$")))
        .get_by_role("checkbox")
        .first
    )


def toggle_first_clause(page: Page) -> bool:
    """Tick or untick the first ready clause; returns its new state."""
    checkbox = first_clause(page)
    was = checkbox.is_checked()
    checkbox.click()
    expect(checkbox).to_be_checked(checked=not was)
    return not was


def walk_all_steps(page: Page, language: str) -> None:
    """On each of the six steps change a clause and type own words, then Next / Finish.
    On step 3, first go back with Previous and return: what was typed is still there."""
    text = LABELS[language]
    for number, block in enumerate(BLOCKS, start=1):
        assert current_step(page) == block.key
        with preview_settles(page):
            toggle_first_clause(page)
            page.get_by_label(text["own_words"]).fill(own_words(number))
        if number == 3:
            page.get_by_role("button", name=text["previous"], exact=True).click()
            expect(page).to_have_url(re.compile(rf"/steps/{BLOCKS[1].key}/$"))
            expect(page.get_by_label(text["own_words"])).to_have_value(own_words(2))
            page.get_by_role("button", name=text["next"], exact=True).click()
            expect(page).to_have_url(re.compile(rf"/steps/{block.key}/$"))
            expect(page.get_by_label(text["own_words"])).to_have_value(own_words(3))
        last = number == len(BLOCKS)
        page.get_by_role("button", name=text["finish" if last else "next"], exact=True).click()
        if not last:
            arrive(page, re.compile(rf"/steps/{BLOCKS[number].key}/$"))
    expect(page).to_have_url(re.compile(r"/policies/\d+/review/$"))


def download_pdf(page: Page, language: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=LABELS[language]["download_pdf"]).click()
    path = info.value.path()
    with open(path, "rb") as pdf:
        return pdf.read()


@pytest.mark.parametrize(
    ("language", "policy_language"), [("en", "en"), ("nl", None)], ids=["en", "nl"]
)
def test_walk_the_whole_wizard_and_download_the_pdf(new_page, language, policy_language):
    text = LABELS[language]
    page = new_page(language)
    log_in(page, language)
    start_policy(page, language, policy_language)
    walk_all_steps(page, language)

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1).first).to_contain_text(text["review"])
    preview = page.locator(".policy-preview")
    for number in range(1, len(BLOCKS) + 1):
        expect(preview).to_contain_text(own_words(number))
    pdf = download_pdf(page, language)
    assert pdf.startswith(b"%PDF"), pdf[:40]
    document = PdfReader(io.BytesIO(pdf))
    assert len(document.pages) == 1
    assert "Coöperatie één" in document.pages[0].extract_text()

    policy = Policy.objects.get(pk=int(re.search(r"/policies/(\d+)/", page.url)[1]))
    assert policy.last_step == "review"
    assert [policy.content[b.key]["own_text"] for b in BLOCKS] == [
        own_words(n) for n in range(1, 7)
    ]


def test_leave_at_step_3_log_out_and_resume_where_you_left(page):
    text = LABELS["en"]
    title = f"Beleid {OWN_WORDS}"
    log_in(page)
    start_policy(page, title=title)
    for number in (1, 2):
        with preview_settles(page):
            page.get_by_label(text["own_words"]).fill(own_words(number))
        page.get_by_role("button", name=text["next"], exact=True).click()
        arrive(page, re.compile(rf"/steps/{BLOCKS[number].key}/$"))
    with preview_settles(page):
        ticked = toggle_first_clause(page)
        page.get_by_label(text["own_words"]).fill(own_words(3))
    # Leave step 3 without finishing it: Previous saves what was typed, without validation.
    page.get_by_role("button", name=text["previous"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/steps/conduct/$"))
    log_out(page)

    log_in(page)
    page.get_by_role("main").get_by_role("link", name=title).click()
    expect(page).to_have_url(re.compile(r"/steps/authentic/$"))
    expect(page.get_by_label(text["own_words"])).to_have_value(own_words(3))
    expect(first_clause(page)).to_be_checked(checked=ticked)
    page.get_by_role("button", name=text["previous"], exact=True).click()
    expect(page.get_by_label(text["own_words"])).to_have_value(own_words(2))
    page.get_by_role("button", name=text["previous"], exact=True).click()
    expect(page.get_by_label(text["own_words"])).to_have_value(own_words(1))


def test_previous_keeps_what_was_typed_on_the_current_step(page):
    text = LABELS["en"]
    log_in(page)
    start_policy(page)
    page.get_by_role("button", name=text["next"], exact=True).click()
    arrive(page, re.compile(r"/steps/conduct/$"))
    with preview_settles(page):
        ticked = toggle_first_clause(page)
        page.get_by_label("Core values").fill("Respect\nCoöperatie één 👍")
        page.get_by_label(text["own_words"]).fill(own_words(2))
    page.get_by_role("button", name=text["previous"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/steps/social_media/$"))
    page.get_by_role("button", name=text["next"], exact=True).click()
    expect(page).to_have_url(re.compile(r"/steps/conduct/$"))
    expect(page.get_by_label(text["own_words"])).to_have_value(own_words(2))
    expect(page.get_by_label("Core values")).to_have_value("Respect\nCoöperatie één 👍")
    expect(first_clause(page)).to_be_checked(checked=ticked)


def test_live_preview_follows_typing_without_submitting(page):
    text = LABELS["en"]
    log_in(page)
    start_policy(page)
    # Only the preview reaches the server here: autosave (tests/browser/test_autosave.py)
    # would store the text after a pause in typing, which a busy machine makes long enough.
    page.route("**/autosave/", lambda route: route.abort())
    meter = page.locator("[data-meter] .meter__label")
    expect(meter).to_contain_text(text["page_meter"])
    before = meter.inner_text()
    words = f"{OWN_WORDS} " + "long enough to move the page meter. " * 12
    page.get_by_label(text["own_words"]).press_sequentially(OWN_WORDS, delay=5)
    page.get_by_label(text["own_words"]).fill(words)
    preview = page.get_by_role("complementary", name="Preview")
    expect(preview).to_contain_text("long enough to move the page meter.")
    expect(preview).to_contain_text(OWN_WORDS)
    expect(meter).to_contain_text(text["page_meter"])
    expect(meter).not_to_have_text(before)
    # Every clause and platform and more words: past 100%, and a stable live region says so.
    status = page.get_by_role("status").filter(has_text=text["page_meter"])
    expect(status).to_have_count(0)
    for checkbox in page.locator("#step-form").get_by_role("checkbox").all():
        checkbox.check()
    page.get_by_label(text["own_words"]).fill(f"{OWN_WORDS} " * 30)
    expect(page.locator("[data-meter]")).to_have_class(re.compile("meter--(over|smaller)"))
    expect(status).to_contain_text(re.compile(r"Too long|smaller type"))
    assert STEP_URL.search(page.url)[2] == "social_media"  # nothing was submitted
    policy = Policy.objects.get(pk=int(STEP_URL.search(page.url)[1]))
    assert policy.content["social_media"].get("own_text", "") == ""


def test_keyboard_only(page):
    """Tab to the first clause, toggle it with Space, Tab on to Next and press Enter."""
    text = LABELS["en"]
    log_in(page)
    start_policy(page)
    checkbox = first_clause(page)
    was = checkbox.is_checked()
    for _ in range(80):
        page.keyboard.press("Tab")
        if checkbox.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first clause")
    with preview_settles(page):
        page.keyboard.press("Space")
    expect(checkbox).to_be_checked(checked=not was)
    own = page.get_by_label(text["own_words"])
    for _ in range(80):
        page.keyboard.press("Tab")
        if own.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the own words")
    with preview_settles(page):
        page.keyboard.type(OWN_WORDS)
    next_button = page.get_by_role("button", name=text["next"], exact=True)
    for _ in range(10):
        page.keyboard.press("Tab")
        if next_button.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached Next")
    # Focus is visible where it lands.
    assert next_button.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/steps/conduct/$"))
    policy = Policy.objects.get(pk=int(STEP_URL.search(page.url)[1]))
    assert policy.content["social_media"]["own_text"] == OWN_WORDS
    first_key = BLOCKS[0].clauses[0].key
    assert (first_key in policy.content["social_media"]["clauses"]) is not was


def test_error_summary_takes_focus_and_links_to_the_field(page):
    text = LABELS["en"]
    log_in(page)
    start_policy(page)
    page.get_by_role("button", name=text["next"], exact=True).click()
    arrive(page, re.compile(r"/steps/conduct/$"))
    with preview_settles(page):
        for checkbox in page.get_by_role("group", name="Clauses").get_by_role("checkbox").all():
            checkbox.uncheck()
        page.get_by_label(text["own_words"]).fill("")
    page.get_by_role("button", name=text["next"], exact=True).click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please correct the following")
    link = summary.get_by_role("link", name=re.compile("Choose at least one clause"))
    target_id = link.get_attribute("href").removeprefix("#")
    field = page.locator(f"[id='{target_id}']")
    expect(field).to_be_attached()
    group = page.get_by_role("group", name="Clauses")
    expect(group.locator(f"[id='{target_id}']")).to_be_attached()
    expect(group).to_contain_text("Choose at least one clause")
    expect(group).to_have_accessible_description(re.compile("Choose at least one clause"))
    link.click()
    expect(field).to_be_focused()
