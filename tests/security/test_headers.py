"""Response headers and markup: a strict CSP the pages really keep, no framing, safe cookies.

The markup checks parse every main page, so an inline script, an event-handler attribute or a
style attribute added to a template later fails here before a browser's CSP silently blocks it.
"""

from __future__ import annotations

import json

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    PolicyFactory,
    form_data,
    step_url,
)
from wizard import views
from wizard.models import Membership, Policy
from wizard.policies.steps import STEP_KEYS


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


# --- Every main page, as its user sees it ---------------------------------------------------


@pytest.fixture
def conflict_response(client, policy, editor, consultant):
    stale = form_data(policy, "conduct", own_text="Versie van de consultant")
    client.force_login(editor)
    client.post(step_url(policy, "conduct"), form_data(policy, "conduct", own_text="Versie HR"))
    client.force_login(consultant)
    return client.post(step_url(policy, "conduct"), stale)


def main_pages(client, policy, editor, reviewer, consultant) -> dict[str, object]:
    """name -> response, covering the pages a user of each role reaches."""
    pages = {"login": client.get(reverse("account_login"))}
    pages["password reset"] = client.get(reverse("account_reset_password"))
    pages["404"] = client.get("/no-such-page/")
    client.force_login(editor)
    pages["dashboard"] = client.get(reverse("dashboard"))
    for step in STEP_KEYS:
        pages[f"step {step}"] = client.get(step_url(policy, step))
    pages["step with errors"] = client.post(
        step_url(policy, "conduct"), form_data(policy, "conduct", clauses=[], own_text="")
    )
    pages["review"] = client.get(reverse("policy_review", kwargs={"pk": policy.pk}))
    pages["review with errors"] = client.post(
        reverse("policy_review", kwargs={"pk": policy.pk}), {"title": ""}
    )
    pages["password change"] = client.get(reverse("account_change_password"))
    pages["history"] = client.get(reverse("policy_history", kwargs={"pk": policy.pk}))
    client.force_login(reviewer)
    pages["audit trail"] = client.get(reverse("policy_audit", kwargs={"pk": policy.pk}))
    pages["review as reviewer"] = client.get(reverse("policy_review", kwargs={"pk": policy.pk}))
    pages["review queue"] = client.get(reverse("review_queue"))
    pages["403"] = client.get(step_url(policy, "conduct"))
    client.force_login(consultant)
    pages["new organisation"] = client.get(reverse("organisation_new"))
    pages["workspace"] = client.get(reverse("workspace"))
    pages["templates"] = client.get(reverse("template_list"))
    pages["400"] = client.get(reverse("dashboard"), HTTP_HOST="evil.example")
    client.logout()
    csrf_checking = Client(enforce_csrf_checks=True)
    pages["403 csrf"] = csrf_checking.post(reverse("account_login"), {"login": editor.username})
    for _attempt in range(django_settings.AXES_FAILURE_LIMIT + 1):
        locked = client.post(reverse("account_login"), {"login": "nobody", "password": "wrong"})
    pages["429 locked out"] = locked
    published = PolicyFactory(
        organisation=policy.organisation, status=Policy.Status.PUBLISHED, share_token="t" * 43
    )
    pages["published"] = Client().get(reverse("published_policy", args=[published.share_token]))
    return pages


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    # Rendered once for all the checks below (the page meter lays out the policy each time),
    # in a transaction that is rolled back afterwards.
    with django_db_blocker.unblock(), transaction.atomic():
        organisation = OrganisationFactory()
        users = {
            role: MembershipFactory(organisation=organisation, role=role).user
            for role in Membership.Role.values
        }
        policy = PolicyFactory(organisation=organisation, created_by=users["editor"])
        responses = main_pages(
            Client(), policy, users["editor"], users["reviewer"], users["consultant"]
        )
        transaction.set_rollback(True)
    return responses


def test_the_main_pages_answer_as_expected(pages):
    statuses = {name: response.status_code for name, response in pages.items()}
    expected = dict.fromkeys(pages, 200) | {
        "404": 404,
        "403": 403,
        "403 csrf": 403,
        "400": 400,
        "429 locked out": 429,
    }
    assert statuses == expected


def test_no_main_page_has_inline_script_style_or_event_handlers(pages, inline_code):
    problems = {
        name: inline_code(response.content.decode())
        for name, response in pages.items()
        if inline_code(response.content.decode())
    }
    assert problems == {}


def test_the_conflict_page_has_no_inline_code(conflict_response, inline_code):
    assert conflict_response.status_code == 409
    assert inline_code(conflict_response.content.decode()) == []


def test_the_500_page_has_no_inline_code(db, inline_code):
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert inline_code(response.content.decode()) == []


def test_the_preview_fragment_has_no_inline_code(editor_client, policy, inline_code):
    url = reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"})
    payload = editor_client.post(url, form_data(policy, "conduct", own_text="Tekst")).json()
    assert inline_code(payload["html"]) == []


def test_the_finder_sees_what_it_must_refuse(inline_code):
    html = (
        '<script>alert(1)</script><style>p{}</style><p style="x" onclick="y">'
        '<a href=" JavaScript:alert(1)">x</a><img src=x onerror=alert(1)/>'
    )
    assert len(inline_code(html)) == 6


# --- Content-Security-Policy ---------------------------------------------------------------


def test_every_main_page_sends_a_csp(pages):
    missing = [
        name for name, response in pages.items() if "Content-Security-Policy" not in response
    ]
    assert missing == []


def test_csp_allows_scripts_from_self_only(pages):
    script_src = csp_directives(pages["dashboard"])["script-src"]
    assert script_src == ["'self'"]


def test_csp_never_allows_inline_or_eval(pages):
    for name, response in pages.items():
        header = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in header, name
        assert "'unsafe-eval'" not in header, name


def test_csp_allows_styles_from_self_only(pages):
    assert csp_directives(pages["dashboard"])["style-src"] == ["'self'"]


def test_csp_forbids_framing_plugins_and_base_tags(pages):
    directives = csp_directives(pages["login"])
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]


def test_csp_limits_where_forms_post(pages):
    assert csp_directives(pages["login"])["form-action"] == ["'self'"]


def test_the_preview_json_carries_the_csp_too(editor_client, policy):
    url = reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"})
    response = editor_client.post(url, form_data(policy, "conduct"))
    assert csp_directives(response)["script-src"] == ["'self'"]


# --- Other headers -------------------------------------------------------------------------


def test_pages_may_not_be_framed(pages):
    assert {response["X-Frame-Options"] for response in pages.values()} == {"DENY"}


def test_pages_forbid_content_type_sniffing(pages):
    assert pages["dashboard"]["X-Content-Type-Options"] == "nosniff"


def test_pages_send_a_strict_referrer_policy(pages):
    assert pages["dashboard"]["Referrer-Policy"] == "same-origin"


# --- Sessions ------------------------------------------------------------------------------


def _stored_session(client):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_activity_renews_the_session_at_most_every_few_minutes(editor_client, settings):
    from wizard.middleware import SESSION_REFRESHED_KEY

    # Right after login the session was just written: reading pages writes nothing.
    editor_client.get(reverse("dashboard"))
    expiry = _stored_session(editor_client).expire_date
    response = editor_client.get(reverse("dashboard"))
    assert "sessionid" not in response.cookies
    assert _stored_session(editor_client).expire_date == expiry

    # Once the last write is SESSION_REFRESH_SECONDS old, the next page renews the session.
    session = editor_client.session
    session[SESSION_REFRESHED_KEY] -= settings.SESSION_REFRESH_SECONDS
    session.save()
    before = _stored_session(editor_client).expire_date
    response = editor_client.get(reverse("dashboard"))
    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert _stored_session(editor_client).expire_date >= before


def test_an_idle_session_expires_and_asks_for_login_again(editor_client, settings):
    from django.utils import timezone

    session = _stored_session(editor_client)
    session.expire_date = timezone.now() - timezone.timedelta(seconds=1)
    session.save()
    cache.clear()  # the cached copy times out with the session (cached_db)
    response = editor_client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_sessions_are_renewed_often_enough_for_the_timeout(settings):
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert 0 < settings.SESSION_REFRESH_SECONDS <= settings.SESSION_COOKIE_AGE / 10


def test_sessions_expire_within_a_working_day(settings):
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_an_inactive_session_is_logged_out(editor_client):
    Session.objects.update(expire_date=timezone.now() - timezone.timedelta(seconds=1))
    cache.clear()  # the cached copy times out with the session (cached_db)
    response = editor_client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_logging_in_replaces_an_existing_session(client, editor):
    session = client.session
    session["planted"] = "by an attacker"
    session.save()
    planted_key = session.session_key
    client.post(reverse("account_login"), {"login": editor.username, "password": PASSWORD})
    assert client.session.session_key != planted_key
    assert not Session.objects.filter(session_key=planted_key).exists()


def test_the_session_cookie_is_not_readable_by_scripts(client, editor):
    response = client.post(
        reverse("account_login"), {"login": editor.username, "password": PASSWORD}
    )
    assert response.cookies["sessionid"]["httponly"] is True


def test_the_csrf_cookie_is_not_readable_by_scripts(db, client):
    response = client.get(reverse("account_login"))
    assert response.cookies["csrftoken"]["httponly"] is True


# --- Production settings, read in a fresh process ------------------------------------------

PRODUCTION_SETTINGS = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_AGE",
    "SESSION_REFRESH_SECONDS",
    "MIDDLEWARE",
]


@pytest.fixture(scope="module")
def production_settings(run_manage, production_env) -> dict:
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=production_env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_runs_without_debug(production_settings):
    assert production_settings["DEBUG"] is False


def test_production_cookies_are_secure(production_settings):
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["LANGUAGE_COOKIE_SECURE"] is True


def test_production_cookies_are_http_only(production_settings):
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["CSRF_COOKIE_HTTPONLY"] is True


def test_production_redirects_to_https(production_settings):
    assert production_settings["SECURE_SSL_REDIRECT"] is True


def test_production_sends_hsts_for_a_year_or_more(production_settings):
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_production_forbids_framing(production_settings):
    assert production_settings["X_FRAME_OPTIONS"] == "DENY"


def test_production_sessions_expire_after_inactivity(production_settings):
    assert "wizard.middleware.SessionActivityMiddleware" in production_settings["MIDDLEWARE"]
    assert 0 < production_settings["SESSION_REFRESH_SECONDS"] <= 10 * 60
    assert 0 < production_settings["SESSION_COOKIE_AGE"] <= 8 * 60 * 60
