"""Browser tests: one Debian Chromium per run, driven by Playwright's sync API.

The app runs in pytest-django's `live_server` (a thread of this process, on the transactional
test database). Each test seeds the demo accounts itself and drives the app by visible labels,
as a user would.
"""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect, sync_playwright

# Assertions wait as long as actions may (new_page): busy cores slow the live server down.
expect.set_options(timeout=30_000)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "demo-pass-123"
# Labels of the interface, by language, as the user sees them.
LABELS = {
    "en": {
        "log_in": "Log in",
        "log_out": "Log out",
        "username": "Username",
        "password": "Password",
        "new_policy": "New policy",
        "next": "Next",
        "previous": "Previous",
        "finish": "Finish",
        "own_words": "In your own words",
        "review": "Review and export",
        "download_pdf": "Download PDF",
        "page_meter": "% of one A4 page",
        "policy_language": "Language of the policy",
        "title": "Title",
        "submit_for_review": "Submit for review",
    },
    "nl": {
        "log_in": "Inloggen",
        "log_out": "Uitloggen",
        "username": "Gebruikersnaam",
        "password": "Wachtwoord",
        "new_policy": "Nieuw beleid",
        "next": "Volgende",
        "previous": "Vorige",
        "finish": "Afronden",
        "own_words": "In je eigen woorden",
        "review": "Controleren en exporteren",
        "download_pdf": "PDF downloaden",
        "page_meter": "% van één A4-pagina",
        "policy_language": "Taal van het beleid",
        "title": "Titel",
        "submit_for_review": "Ter beoordeling aanbieden",
    },
}


@pytest.fixture(scope="package")
def browser() -> Browser:
    # Playwright's sync API keeps an event loop running in this thread; Django's ORM calls in
    # the test itself would then refuse to run. The Makefile sets this for the whole run; set it
    # here too (for the browser tests only) so a plain `pytest tests/browser` works.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The demo accounts are re-created for every test; the default hasher costs ~0.3 s a call.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _previews_without_spacing(settings):
    # The live server answers a preview within a second of the last with a quiet 429 that the
    # script retries (wizard/limits.py); the walks here type faster than that and wait for each
    # preview. tests/browser/test_fair_use.py drives the spacing itself.
    settings.RATELIMIT_SPACING = {"preview": 0}


@pytest.fixture
def demo(live_server):
    """The demo organisations and accounts, in the live server's (per-test) database."""
    call_command("seed_demo", stdout=_Discard())
    return live_server


class _Discard:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.fixture
def new_page(browser: Browser, demo):
    """Open pages in fresh contexts (own cookies) speaking `language`; closed after the test.

    Every page also watches for what a user would not see but should never happen: a script
    error, a Content-Security-Policy violation, or a failed request for a script, stylesheet,
    font, image or icon (such as /favicon.ico). The test fails on any of them.
    """
    contexts = []
    problems: list[str] = []

    def make(language: str = "en", width: int = 1400, height: int = 900) -> Page:
        context = browser.new_context(
            base_url=demo.url,
            locale=language,
            extra_http_headers={"Accept-Language": language},
            viewport={"width": width, "height": height},
            accept_downloads=True,
        )
        # Generous: on a machine whose cores other work keeps busy, a print preview (a
        # WeasyPrint layout) can take seconds to come back.
        context.set_default_timeout(30_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("console", lambda message: _console(message, problems))
        page.on("response", lambda response: _response(response, problems))
        return page

    yield make
    for context in contexts:
        close_quietly(context)
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


def close_quietly(context) -> None:
    """Close a browser context without a last request reaching the live server: a page that
    is closed sends its pending autosave (pagehide), which would still be running when the
    test's database is flushed."""
    context.route("**/*", lambda route: route.abort())
    context.close()


def _console(message, problems: list[str]) -> None:
    if message.type == "error" and "Failed to load resource" not in message.text:
        problems.append(f"console error: {message.text}")


# Answers of the autosave that its script handles on purpose: the session ended (401), a
# stale CSRF token or a policy that cannot change now (403), a conflict (409).
AUTOSAVE_ANSWERS = {401, 403, 409}


def _response(response, problems: list[str]) -> None:
    # A page may answer 4xx on purpose (404, 409 conflict); what it loads may not.
    if (
        response.request.resource_type == "fetch"
        and response.url.endswith("/autosave/")
        and response.status in AUTOSAVE_ANSWERS
    ):
        return
    # The live preview's "busy" answer (another preview of this user still renders, or ended
    # less than a second ago): the script asks again a second later, silently. Over the
    # fair-use rate the wait is the rest of the minute, and that stays a problem here.
    if (
        response.request.resource_type == "fetch"
        and response.url.endswith("/preview/")
        and response.status == 429
        and response.headers.get("retry-after") == "1"
    ):
        return
    if response.status >= 400 and response.request.resource_type != "document":
        problems.append(f"{response.status} for {response.request.resource_type} {response.url}")


@pytest.fixture
def page(new_page) -> Page:
    return new_page("en")


def log_in(page: Page, language: str = "en", username: str = "hr") -> None:
    text = LABELS[language]
    page.goto("/accounts/login/")
    main = page.get_by_role("main")
    main.get_by_label(text["username"]).fill(username)
    main.get_by_label(text["password"]).fill(DEMO_PASSWORD)
    main.get_by_role("button", name=text["log_in"]).click()
    expect(page.get_by_role("button", name=re.compile(text["log_out"]))).to_be_visible()
    # The button shows while the page is still parsed; app.js (deferred) has run only once the
    # document is loaded, and tests after a login look at what it does (local copies dropped).
    page.wait_for_load_state("domcontentloaded")


def log_in_again_in_a_new_tab(page: Page, username: str = "hr") -> None:
    """After a session ended: follow the page's "Log in again (opens a new tab)", log in
    there, and close that tab (the page itself stays as it was)."""
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Log in again (opens a new tab)").click()
    login_tab = opened.value
    main = login_tab.get_by_role("main")
    main.get_by_label(LABELS["en"]["username"]).fill(username)
    main.get_by_label(LABELS["en"]["password"]).fill(DEMO_PASSWORD)
    main.get_by_role("button", name=LABELS["en"]["log_in"]).click()
    expect(login_tab.get_by_role("heading", name="You are logged in again")).to_be_visible()
    login_tab.close()


def log_out(page: Page, language: str = "en") -> None:
    page.get_by_role("button", name=re.compile(LABELS[language]["log_out"])).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def start_policy(
    page: Page, language: str = "en", policy_language: str | None = None, title: str = ""
) -> None:
    """From the dashboard: click New policy; lands on step 1."""
    text = LABELS[language]
    page.goto("/")
    if title:
        page.get_by_role("main").get_by_label(text["title"]).fill(title)
    if policy_language:
        page.get_by_label(text["policy_language"]).select_option(policy_language)
    page.get_by_role("button", name=text["new_policy"]).click()
    arrive(page, re.compile(r"/policies/\d+/steps/social_media/$"))


def arrive(page: Page, url: str | re.Pattern) -> None:
    """Wait until the page is at `url` and its deferred script (app.js) has run.

    Next, Previous and Finish go through the script (it checks the session first), so the
    next page comes a while after the click; and a field can be filled before the script
    has run, which then starts no preview and no autosave. Acting on the page before both
    would type into the page being left, or into one that does not listen yet.
    """
    page.wait_for_url(url, wait_until="domcontentloaded")


def is_preview(response) -> bool:
    return response.url.endswith("/preview/") and response.request.method == "POST"


def preview_settles(page: Page):
    """Wrap typing with this before a submit: the preview it started has come back, rather
    than still rendering on the live server beside the next page (or the test's teardown)."""
    return page.expect_response(is_preview)
