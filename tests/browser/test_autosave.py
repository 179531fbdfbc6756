"""Autosave in a real browser: nothing typed is lost to a reload, an ended session, a lost
network or a colleague's save, and autosaves do not flood the history."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    LABELS,
    log_in,
    log_in_again_in_a_new_tab,
    log_out,
    preview_settles,
    start_policy,
)
from wizard.models import AuditEvent, Policy, Revision

pytestmark = pytest.mark.browser

STEP = "social_media"
STEP_URL = re.compile(r"/policies/(\d+)/steps/([a-z_]+)/$")
SAVED = re.compile(r"Saved at \d\d:\d\d")


def policy_id(page: Page) -> int:
    match = STEP_URL.search(page.url)
    assert match, page.url
    return int(match[1])


def own_words(page: Page):
    return page.get_by_label(LABELS["en"]["own_words"])


def autosave_status(page: Page):
    return page.locator("[data-autosave-status]")


def stored_own_text(pk: int) -> str:
    return Policy.objects.get(pk=pk).content[STEP].get("own_text", "")


def test_typed_text_is_saved_without_next_and_is_there_after_a_reload(page):
    log_in(page)
    start_policy(page)
    pk = policy_id(page)
    with preview_settles(page):
        own_words(page).fill("Getypt en niet op Volgende gedrukt.")
    expect(autosave_status(page)).to_have_text(SAVED)
    assert stored_own_text(pk) == "Getypt en niet op Volgende gedrukt."
    page.reload()
    expect(own_words(page)).to_have_value("Getypt en niet op Volgende gedrukt.")
    # The server has it: no copy on this device is offered.
    expect(page.locator("[data-autosave-restore]")).to_be_hidden()


def test_an_ended_session_keeps_the_text_and_saves_it_after_logging_in_again(page):
    log_in(page)
    start_policy(page)
    pk = policy_id(page)
    step_url = page.url
    # The session ends (the cookie is gone) while the user is typing.
    page.context.clear_cookies(name="sessionid")
    with preview_settles(page):
        own_words(page).fill("Tekst die niet verloren mag gaan.")
    page.get_by_role("button", name=LABELS["en"]["next"], exact=True).click()
    login_notice = page.locator("[data-autosave-login]")
    expect(login_notice).to_be_visible()
    expect(autosave_status(page)).to_have_text(
        "You are logged out. Log in again to save your text; it stays on this page."
    )
    assert page.url == step_url
    expect(own_words(page)).to_have_value("Tekst die niet verloren mag gaan.")
    assert stored_own_text(pk) == ""

    log_in_again_in_a_new_tab(page)

    # Back in the policy's tab (the browser tells the page it has the focus again).
    page.bring_to_front()
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(autosave_status(page)).to_have_text(SAVED)
    expect(login_notice).to_be_hidden()
    assert stored_own_text(pk) == "Tekst die niet verloren mag gaan."
    # And Next works again, with the text as saved.
    page.get_by_role("button", name=LABELS["en"]["next"], exact=True).click()
    expect(page).to_have_url(re.compile(rf"/policies/{pk}/steps/(?!{STEP}/)[a-z_]+/$"))
    page.goto(step_url)
    expect(own_words(page)).to_have_value("Tekst die niet verloren mag gaan.")


def test_text_typed_offline_is_offered_again_after_the_page_was_closed(page):
    log_in(page)
    start_policy(page)
    pk = policy_id(page)
    step_url = page.url
    context = page.context
    context.set_offline(True)
    own_words(page).fill("Getypt in de trein zonder netwerk.")
    expect(autosave_status(page)).to_have_text(
        "Not saved yet: you are offline. Your text is kept on this device."
    )
    page.close()
    context.set_offline(False)
    assert stored_own_text(pk) == ""

    again = context.new_page()
    again.goto(step_url)
    expect(own_words(again)).to_have_value("")
    restore = again.get_by_role("button", name=re.compile(r"^Restore what you typed at \d\d:\d\d$"))
    expect(restore).to_be_visible()
    restore.click()
    expect(own_words(again)).to_have_value("Getypt in de trein zonder netwerk.")
    expect(autosave_status(again)).to_have_text(SAVED)
    assert stored_own_text(pk) == "Getypt in de trein zonder netwerk."
    again.reload()
    expect(own_words(again)).to_have_value("Getypt in de trein zonder netwerk.")
    expect(again.locator("[data-autosave-restore]")).to_be_hidden()


def test_a_local_copy_is_never_shown_to_another_user(new_page):
    page = new_page("en")
    log_in(page)
    start_policy(page)
    step_url = page.url
    # The server never gets it (every autosave fails), so the copy stays on this device.
    page.route("**/autosave/", lambda route: route.abort("connectionreset"))
    own_words(page).fill("Alleen voor hr.")
    expect(autosave_status(page)).to_contain_text("Not saved yet")
    drafts = "Object.keys(localStorage).filter(k => k.startsWith('policybuilder:draft:'))"
    assert len(page.evaluate(drafts)) == 1
    # hr's session ends without logging out; someone else logs in on this browser.
    page.context.clear_cookies(name="sessionid")
    log_in(page, username="consultant")
    assert page.evaluate(drafts) == []
    page.goto(step_url)
    expect(page.locator("[data-autosave-restore]")).to_be_hidden()


def test_two_users_on_the_same_block_get_the_conflict_choice(new_page):
    first = new_page("en")
    log_in(first)
    start_policy(first)
    pk = policy_id(first)
    step_url = first.url
    second = new_page("en")
    log_in(second, username="consultant")
    second.goto(step_url)
    expect(own_words(second)).to_have_value("")

    with preview_settles(first):
        own_words(first).fill("De versie van hr.")
    expect(autosave_status(first)).to_have_text(SAVED)

    with preview_settles(second):
        own_words(second).fill("De versie van de consultant.")
    conflict = second.locator("[data-autosave-conflict]")
    expect(conflict).to_be_visible()
    expect(autosave_status(second)).to_contain_text("someone else changed this step")
    assert stored_own_text(pk) == "De versie van hr."
    conflict.get_by_role("button", name="Keep my version").click()
    expect(second).to_have_url(step_url)
    expect(own_words(second)).to_have_value("De versie van de consultant.")
    assert stored_own_text(pk) == "De versie van de consultant."


def test_a_stretch_of_typing_makes_few_revisions_and_one_audit_event(page, settings):
    settings.AUTOSAVE_REVISION_WINDOW_SECONDS = 6
    log_in(page)
    start_policy(page)
    pk = policy_id(page)
    saves = []
    page.on(
        "response",
        lambda r: saves.append(r) if r.url.endswith("/autosave/") and r.status == 200 else None,
    )
    field = own_words(page)
    started = time.monotonic()
    words = ["Wij", "zijn", "aardig", "online", "en", "offline", "altijd"]
    for word in words:
        with page.expect_response(lambda r: r.url.endswith("/autosave/")):
            field.press_sequentially(f"{word} ", delay=30)
    elapsed = time.monotonic() - started
    assert stored_own_text(pk) == " ".join(words)
    assert len(saves) == len(words)
    revisions = Revision.objects.filter(policy_id=pk, step=STEP).count()
    assert revisions <= elapsed // 6 + 1
    assert revisions < len(saves)
    audit = AuditEvent.objects.filter(policy_id=pk, action=AuditEvent.Action.SAVE_STEP)
    assert audit.count() == 1


def test_a_save_the_server_did_not_answer_is_tried_again(page):
    log_in(page)
    start_policy(page)
    pk = policy_id(page)
    refused = []

    def server_down_once(route):
        # The first autosave meets a restarting server (no answer); later ones go through.
        if not refused:
            refused.append(route.request.url)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/autosave/", server_down_once)
    with preview_settles(page):
        own_words(page).fill("Tijdens een herstart getypt.")
    expect(autosave_status(page)).to_contain_text("Not saved yet: the server does not answer")
    expect(autosave_status(page)).to_have_text(SAVED)
    assert refused
    assert stored_own_text(pk) == "Tijdens een herstart getypt."


def test_logging_out_removes_every_local_copy(page):
    log_in(page)
    start_policy(page)
    # The server never gets it (every autosave fails), so the copy stays on this device.
    page.route("**/autosave/", lambda route: route.abort("connectionreset"))
    own_words(page).fill("Nog niet opgeslagen.")
    expect(autosave_status(page)).to_contain_text("Not saved yet")
    drafts = "Object.keys(localStorage).filter(k => k.startsWith('policybuilder:draft:')).length"
    assert page.evaluate(drafts) == 1
    log_out(page)
    assert page.evaluate(drafts) == 0
