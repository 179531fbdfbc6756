"""Attacks on who may do what: forged requests, roles, skipped steps, redirects, Host headers.

Another organisation's ids on every URL answer 404: see tests/test_isolation.py. Basic login
throttling: see tests/organisations/test_accounts.py.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    INTAKE_ANSWERS,
    PASSWORD,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    form_data,
    publish,
    step_url,
)
from wizard.models import AuditEvent, Membership, Organisation, Policy
from wizard.policies.services import policy_set_content
from wizard.policies.steps import STEP_KEYS
from wizard.review import workflow
from wizard.rollout.services import policy_fingerprint


@pytest.fixture(autouse=True)
def _reset_axes(db):
    from axes.utils import reset

    reset()


# --- CSRF: every URL refuses a POST without a token ---------------------------------------

SAMPLE_BY_CONVERTER = {
    "IntConverter": "1",
    "StringConverter": "x",
    "SlugConverter": "x",
    "PathConverter": "x",
    "UUIDConverter": str(uuid.UUID(int=1)),
}


def every_url() -> list[str]:
    """One concrete URL per route, parameters filled by converter type (new routes included)."""
    urls = []

    def walk(patterns, prefix: str, converters: dict) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = {**converters, **getattr(entry.pattern, "converters", {})}
                walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if route.startswith("^") or "(?P" in route:
                    continue  # regex routes (admin internals, media in DEBUG)
                # A parameter may belong to an include()'s prefix (allauth's key pages).
                for name, converter in {**converters, **entry.pattern.converters}.items():
                    sample = SAMPLE_BY_CONVERTER[type(converter).__name__]
                    route = re.sub(rf"<(\w+:)?{name}>", sample, route)
                urls.append("/" + route)

    walk(get_resolver().url_patterns, "", {})
    return sorted(set(urls))


def test_the_url_walk_finds_the_forms_that_post():
    urls = every_url()
    assert "/accounts/login/" in urls
    assert "/policies/1/steps/x/" in urls
    assert "/admin/" in urls


def test_every_url_refuses_a_post_without_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get(reverse("dashboard"))  # the CSRF cookie, but no token in the form
    statuses = {url: client.post(url, {"x": "1"}).status_code for url in every_url()}
    assert {url: status for url, status in statuses.items() if status != 403} == {}


def test_login_without_csrf_token_is_refused(editor):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("account_login"), {"login": editor.username, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_step_post_without_csrf_token_saves_nothing(editor, policy):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(step_url(policy, "conduct"), form_data(policy, "conduct", own_text="x"))
    policy.refresh_from_db()
    assert response.status_code == 403
    assert policy.content["conduct"]["own_text"] == ""


def test_a_csrf_token_from_another_session_is_refused(editor, policy):
    attacker = Client(enforce_csrf_checks=True)
    attacker.get(reverse("account_login"))
    token = attacker.cookies["csrftoken"].value
    victim = Client(enforce_csrf_checks=True)
    victim.force_login(editor)
    data = {**form_data(policy, "conduct", own_text="x"), "csrfmiddlewaretoken": token}
    assert victim.post(step_url(policy, "conduct"), data).status_code == 403


def test_the_csrf_failure_page_is_the_sites_own(editor):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("account_login"), {"login": editor.username}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 403
    assert "This form has expired" in html
    assert "<style" not in html


# --- Roles ----------------------------------------------------------------------------------


def member(organisation: Organisation, role: str) -> Client:
    client = Client()
    client.force_login(MembershipFactory(organisation=organisation, role=role).user)
    return client


def test_a_reviewer_cannot_save_a_step(organisation, policy):
    client = member(organisation, Membership.Role.REVIEWER)
    response = client.post(step_url(policy, "conduct"), form_data(policy, "conduct", own_text="x"))
    policy.refresh_from_db()
    assert response.status_code == 403
    assert policy.content["conduct"]["own_text"] == ""


def test_a_reviewer_cannot_save_the_finishing_details(organisation, policy):
    client = member(organisation, Membership.Role.REVIEWER)
    url = reverse("policy_review", kwargs={"pk": policy.pk})
    response = client.post(url, {"title": "Gekaapt", "language": "nl", "version_label": "9"})
    policy.refresh_from_db()
    assert response.status_code == 403
    assert policy.title != "Gekaapt"


def test_a_reviewer_cannot_force_a_conflict_resolution(organisation, policy):
    client = member(organisation, Membership.Role.REVIEWER)
    url = reverse("conflict_resolve", kwargs={"pk": policy.pk, "step": "conduct"})
    assert client.post(url, {"choice": "mine"}).status_code == 403


def test_a_reviewer_cannot_start_a_policy(organisation):
    client = member(organisation, Membership.Role.REVIEWER)
    response = client.post(reverse("policy_new"), {"title": "Nieuw", "language": "nl"})
    assert response.status_code == 403
    assert not Policy.objects.filter(title="Nieuw").exists()


def test_an_editor_cannot_create_a_client_organisation(organisation):
    client = member(organisation, Membership.Role.EDITOR)
    data = {"name": "Klant", "policy_language": "nl", "brand_colour": "#1f5f8b", **INTAKE_ANSWERS}
    response = client.post(reverse("organisation_new"), data)
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Klant").exists()


def role_transition_cases() -> list[tuple[str, str]]:
    """(transition, role) for every role that a workflow transition is not meant for."""
    return [
        (name, role)
        for name, transition in workflow.TRANSITIONS.items()
        for role in Membership.Role.values
        if role not in transition.roles
    ]


@pytest.mark.parametrize(("name", "role"), role_transition_cases())
def test_a_role_cannot_make_a_status_change_meant_for_another(organisation, policy, name, role):
    transition = workflow.TRANSITIONS[name]
    policy.status = sorted(transition.sources)[0]
    policy.save()
    client = member(organisation, role)
    response = client.post(reverse(transition.url_name, kwargs={"pk": policy.pk}))
    policy.refresh_from_db()
    assert response.status_code == 403
    assert policy.status == sorted(transition.sources)[0]


# --- Forged fields --------------------------------------------------------------------------


def test_forged_fields_on_the_details_form_are_ignored(editor_client, policy):
    own_organisation = policy.organisation_id
    other = OrganisationFactory()
    url = reverse("policy_review", kwargs={"pk": policy.pk})
    data = {
        "title": "Beleid",
        "language": "nl",
        "version_label": "1.0",
        "organisation": other.pk,
        "status": Policy.Status.PUBLISHED,
        "version": 999,
        "share_token": "forged-token",
        "created_by": "",
        "content": "{}",
    }
    response = editor_client.post(url, data)
    policy.refresh_from_db()
    assert response.status_code == 302
    assert policy.organisation_id == own_organisation
    assert policy.status == Policy.Status.DRAFT
    assert policy.share_token == ""
    assert policy.version < 999
    assert policy.content["conduct"]["clauses"]


def test_a_new_policy_cannot_be_started_in_a_forged_organisation(editor_client, organisation):
    other = OrganisationFactory()
    data = {"title": "Nieuw", "language": "nl", "organisation": other.pk, "status": "published"}
    editor_client.post(reverse("policy_new"), data)
    created = Policy.objects.get(title="Nieuw")
    assert created.organisation == organisation
    assert created.status == Policy.Status.DRAFT


def test_a_new_organisation_ignores_forged_slug_and_members(client, consultant):
    client.force_login(consultant)
    intruder = UserFactory()
    data = {
        "name": "Klant B.V.",
        "policy_language": "nl",
        "brand_colour": "#1f5f8b",
        **INTAKE_ANSWERS,
        "slug": "admin",
        "memberships": intruder.pk,
        "user": intruder.pk,
    }
    client.post(reverse("organisation_new"), data)
    created = Organisation.objects.get(name="Klant B.V.")
    assert created.slug == "klant-bv"
    assert list(created.memberships.values_list("user", "role")) == [
        (consultant.pk, Membership.Role.CONSULTANT)
    ]


# --- Skipping steps ---------------------------------------------------------------------------


@pytest.fixture
def policy_with_a_skipped_step(policy):
    skipped = {**policy.content["authentic"], "clauses": [], "own_text": ""}
    policy_set_content(policy, {**policy.content, "authentic": skipped})
    policy.save()
    return policy


def test_jumping_to_the_review_sends_the_user_back_to_the_skipped_step(
    editor_client, policy_with_a_skipped_step
):
    policy = policy_with_a_skipped_step
    data = {**form_data(policy, "social_media"), "wizard_goto_step": "review"}
    response = editor_client.post(step_url(policy, "social_media"), data, follow=True)
    policy.refresh_from_db()
    assert response.redirect_chain[-1][0] == step_url(policy, "authentic")
    assert policy.last_step != "review"


def test_a_forged_current_step_cannot_finish_from_the_first_step(
    editor_client, policy_with_a_skipped_step
):
    policy = policy_with_a_skipped_step
    data = form_data(policy, "social_media")
    data[f"policy_wizard_{policy.pk}-current_step"] = STEP_KEYS[-1]
    response = editor_client.post(step_url(policy, "social_media"), data)
    assert response["Location"] == step_url(policy, STEP_KEYS[1])


@pytest.mark.parametrize("name", ["finish", "review", "done", "0", "conduct/../audience"])
def test_a_step_name_that_is_not_a_block_is_404(editor_client, policy, name):
    url = reverse("wizard_step", kwargs={"pk": policy.pk, "step": "conduct"}).replace(
        "conduct", name
    )
    assert editor_client.post(url, form_data(policy, "conduct")).status_code == 404


@pytest.mark.parametrize("goto", ["finish", "done", "", "__all__", "audience\x00"])
def test_a_goto_step_that_is_not_a_block_is_refused(editor_client, policy, goto):
    data = {**form_data(policy, "conduct"), "wizard_goto_step": goto}
    assert editor_client.post(step_url(policy, "conduct"), data).status_code == 400


def test_a_policy_with_a_skipped_step_cannot_be_exported(editor_client, policy_with_a_skipped_step):
    policy = policy_with_a_skipped_step
    url = reverse("policy_export", kwargs={"pk": policy.pk, "fmt": "pdf"})
    response = editor_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("policy_review", kwargs={"pk": policy.pk})
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_policy_with_a_skipped_step_cannot_be_submitted(
    editor_client, policy_with_a_skipped_step
):
    policy = policy_with_a_skipped_step
    editor_client.post(reverse("policy_submit", kwargs={"pk": policy.pk}))
    policy.refresh_from_db()
    assert policy.status == Policy.Status.DRAFT


# --- Open redirects ---------------------------------------------------------------------------

OFFSITE = [
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "///evil.example",
    " //evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "https://testserver@evil.example/",
]


def stays_on_site(location: str) -> bool:
    # As a browser reads it: tabs and newlines dropped, "\" taken for "/", leading blanks gone.
    normalized = re.sub(r"[\t\r\n]", "", location).lstrip(" \x00-\x1f").replace("\\", "/")
    parts = urlsplit(normalized)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == "testserver"
    return normalized.startswith("/") and not normalized.startswith("//")


def test_the_redirect_check_recognises_offsite_targets():
    assert not any(stays_on_site(target) for target in OFFSITE)
    assert stays_on_site("/policies/1/review/")


@pytest.mark.parametrize("target", OFFSITE)
def test_login_never_redirects_off_site(client, editor, target):
    url = reverse("account_login") + "?next=" + target
    data = {"login": editor.username, "password": PASSWORD, "next": target}
    response = client.post(url, data)
    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFFSITE)
def test_logout_never_redirects_off_site(editor_client, target):
    response = editor_client.post(reverse("account_logout") + "?next=" + target, {"next": target})
    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFFSITE)
def test_set_language_never_redirects_off_site(client, db, target):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": target}, HTTP_REFERER=target
    )
    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFFSITE)
def test_organisation_switch_never_redirects_off_site(editor_client, organisation, target):
    data = {"organisation": organisation.pk, "next": target}
    response = editor_client.post(reverse("organisation_switch"), data)
    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", OFFSITE)
def test_a_review_action_never_redirects_off_site(client, reviewer, policy, target):
    client.force_login(reviewer)
    url = reverse("comment_add", kwargs={"pk": policy.pk})
    response = client.post(url, {"text": "", "next": target})
    assert response.status_code == 302
    assert stays_on_site(response["Location"]), response["Location"]


# --- Host headers ----------------------------------------------------------------------------

HOSTILE_HOSTS = [
    "evil.example",
    "testserver.evil.example",
    "evil.example:443",
    "testserver:80@evil.example",
    "testserver/evil.example",
    "[::1",
    "",
    "bad host",
    "testserver:notaport",
]


@pytest.mark.parametrize("host", HOSTILE_HOSTS)
def test_a_hostile_host_header_is_a_400_page(client, db, host):
    response = client.get(reverse("account_login"), HTTP_HOST=host)
    assert response.status_code == 400
    assert "evil.example" not in response.content.decode()


@pytest.mark.parametrize("host", HOSTILE_HOSTS)
def test_a_hostile_host_header_on_a_post_is_a_400_page(editor_client, host):
    response = editor_client.post(reverse("policy_new"), {"language": "nl"}, HTTP_HOST=host)
    assert response.status_code == 400
    assert not Policy.objects.exists()


def test_the_400_page_for_a_hostile_host_carries_the_security_headers(client, db):
    response = client.get(reverse("account_login"), HTTP_HOST="evil.example")
    assert response["X-Frame-Options"] == "DENY"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_password_reset_with_a_hostile_host_sends_no_mail(client, editor):
    response = client.post(
        reverse("account_reset_password"), {"email": editor.email}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 400
    assert mail.outbox == []


@pytest.mark.parametrize(
    "header", ["HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_SERVER", "HTTP_FORWARDED"]
)
def test_password_reset_links_ignore_forwarded_host_headers(client, editor, header):
    value = "host=evil.example" if header == "HTTP_FORWARDED" else "evil.example"
    client.post(reverse("account_reset_password"), {"email": editor.email}, **{header: value})
    assert len(mail.outbox) == 1
    assert "evil.example" not in mail.outbox[0].body
    assert "http://testserver/accounts/password/reset/key/" in mail.outbox[0].body


# --- Export file names ------------------------------------------------------------------------

HOSTILE_NAMES = [
    'Evil "Quoted" B.V.',
    "Line\r\nSet-Cookie: sessionid=stolen",
    "../../etc/passwd",
    "a\\b/c",
    "naam; filename=evil.exe",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_the_download_header_stays_one_safe_file_name(editor_client, policy, name):
    policy.organisation.name = name
    policy.organisation.save()
    policy.title = name
    policy.save()
    response = editor_client.get(reverse("policy_export", kwargs={"pk": policy.pk, "fmt": "md"}))
    disposition = response["Content-Disposition"]
    match = re.fullmatch(r'attachment; filename="([A-Za-z0-9._-]+)"', disposition)
    assert response.status_code == 200
    assert match, disposition
    assert ".." not in match[1]
    assert "Set-Cookie" not in response.serialize_headers().decode()


# --- Login brute force ------------------------------------------------------------------------


def failed_login(client: Client, username: str, **headers):
    return client.post(
        reverse("account_login"), {"login": username, "password": "not-the-password"}, **headers
    )


def test_rotating_forwarded_for_cannot_dodge_the_per_account_limit(client, editor):
    for n in range(5):
        failed_login(client, editor.username, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = client.post(
        reverse("account_login"),
        {"login": editor.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_rotating_real_ip_headers_cannot_dodge_the_per_address_limit(client, db):
    for n in range(5):
        failed_login(
            client,
            f"guess{n}",
            HTTP_X_REAL_IP=f"203.0.113.{n}",
            HTTP_CLIENT_IP=f"203.0.113.{n}",
            HTTP_FORWARDED=f"for=203.0.113.{n}",
        )
    victim = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": victim.username, "password": PASSWORD}
    )
    assert response.status_code == 429


def test_attempts_from_other_addresses_do_not_lock_the_account_here(editor):
    # Locks are per user name and address together, and per address: never per user name
    # alone, or anyone could keep anyone locked out.
    for n in range(5):
        failed_login(Client(REMOTE_ADDR=f"203.0.113.{n}"), editor.username)
    response = Client(REMOTE_ADDR="198.51.100.9").post(
        reverse("account_login"), {"login": editor.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_the_lockout_page_does_not_say_whether_the_account_exists(client, editor):
    for _ in range(5):
        failed_login(client, editor.username)
    for _ in range(5):
        failed_login(Client(REMOTE_ADDR="192.0.2.1"), "nobody-by-this-name")
    known = client.post(reverse("account_login"), {"login": editor.username, "password": "x"})
    unknown = Client(REMOTE_ADDR="192.0.2.1").post(
        reverse("account_login"), {"login": "nobody-by-this-name", "password": "x"}
    )
    assert known.status_code == unknown.status_code == 429


# --- The staff link's confirmation links ----------------------------------------------------


def test_a_confirmation_link_does_not_work_under_another_organisations_staff_link(
    client, policy, editor
):
    ours = publish(policy, editor)
    other_editor = MembershipFactory(role=Membership.Role.EDITOR).user
    theirs = publish(
        Policy.objects.create(
            organisation=other_editor.memberships.get().organisation, title="Ander beleid"
        ),
        other_editor,
    )
    client.post(
        reverse("published_acknowledge", kwargs={"token": ours.share_token}),
        {
            "name": "Sanne",
            "email": "sanne@example.org",
            "fingerprint": policy_fingerprint(ours),
        },
    )
    key = re.search(r"/confirm/([^/\s]+)/", mail.outbox[0].body).group(1)
    url = reverse("confirm_by_email", kwargs={"token": theirs.share_token, "key": key})
    assert client.post(url).status_code == 404
    assert not theirs.acknowledgements.exists()
