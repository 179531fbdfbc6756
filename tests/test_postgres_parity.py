"""What must behave the same on SQLite and PostgreSQL (`make test` runs the suite on both).

PostgreSQL refuses NUL (\\x00) in text and JSON, where SQLite stores it: every path that
stores or looks up user text must strip or refuse it first, or PostgreSQL answers with a 500.
"""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    INTAKE_ANSWERS,
    PASSWORD,
    MembershipFactory,
    PolicyFactory,
    form_data,
    step_overrides,
    step_url,
    text_form_fields,
)
from wizard.models import Comment, Membership, Organisation, Policy
from wizard.organisations.forms import OrganisationForm
from wizard.policies.blocks import BLOCKS
from wizard.policies.forms import DetailsForm

ON_POSTGRESQL = connection.vendor == "postgresql"
ON_SQLITE = connection.vendor == "sqlite"


NUL = "\x00"
TEXT_WITH_NUL = f"Vei{NUL}lig delen{NUL}"
TEXT_WITHOUT_NUL = "Veilig delen"


@pytest.fixture(autouse=True)
def _reset_axes(db):
    from axes.utils import reset

    reset()


def test_the_suite_knows_which_database_it_runs_on():
    assert connection.vendor in ("sqlite", "postgresql")


# --- Every user-text input strips NUL bytes ------------------------------------------------


def test_nul_bytes_are_stripped_from_every_step_field(editor_client, policy):
    for block in BLOCKS:
        overrides = step_overrides(block, TEXT_WITH_NUL)
        response = editor_client.post(
            step_url(policy, block.key), form_data(policy, block.key, **overrides)
        )
        policy.refresh_from_db()
        assert response.status_code == 302, block.key
        for name in overrides:
            stored = policy.content[block.key][name]
            assert stored in (TEXT_WITHOUT_NUL, [TEXT_WITHOUT_NUL]), (block.key, name)


def test_nul_bytes_are_stripped_from_a_draft_saved_by_previous(editor_client, policy):
    data = {**form_data(policy, "authentic", own_text=TEXT_WITH_NUL), "wizard_goto_step": "conduct"}
    data["authentic-disclosure_line"] = "x" * 500 + NUL  # too long: saved as a draft
    response = editor_client.post(step_url(policy, "authentic"), data)
    policy.refresh_from_db()
    assert response.status_code == 302
    assert policy.content["authentic"]["own_text"] == TEXT_WITHOUT_NUL
    assert NUL not in policy.content["authentic"]["disclosure_line"]


def test_nul_bytes_in_the_preview_are_measured_not_a_500(editor_client, policy):
    url = reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"})
    response = editor_client.post(url, form_data(policy, "conduct", own_text=TEXT_WITH_NUL))
    assert response.status_code == 200
    assert TEXT_WITHOUT_NUL in response.json()["html"]


def test_nul_bytes_in_a_clause_or_option_key_are_ignored(editor_client, policy):
    data = form_data(policy, "social_media", clauses=[NUL, "opportunity" + NUL])
    data["social_media-platforms"] = ["linkedin" + NUL]
    data["wizard_goto_step"] = "conduct"
    response = editor_client.post(step_url(policy, "social_media"), data)
    policy.refresh_from_db()
    assert response.status_code == 302
    assert NUL not in str(policy.content)


def test_nul_bytes_are_stripped_from_the_finishing_details(editor_client, policy):
    data = {"language": "nl", **dict.fromkeys(text_form_fields(DetailsForm), f"1.{NUL}0")}
    response = editor_client.post(reverse("policy_review", kwargs={"pk": policy.pk}), data)
    policy.refresh_from_db()
    assert response.status_code == 302
    assert (policy.title, policy.version_label, policy.contact_person) == ("1.0", "1.0", "1.0")


def test_a_nul_byte_in_the_contact_address_is_a_field_error(editor_client, policy):
    data = {
        "title": "Beleid",
        "language": "nl",
        "version_label": "1",
        "contact_email": f"a{NUL}@b.nl",
    }
    response = editor_client.post(reverse("policy_review", kwargs={"pk": policy.pk}), data)
    assert response.status_code == 200
    assert response.context["form"].errors["contact_email"]


def test_nul_bytes_are_stripped_from_a_new_policy_title(editor_client):
    response = editor_client.post(reverse("policy_new"), {"title": TEXT_WITH_NUL, "language": "nl"})
    assert response.status_code == 302
    assert Policy.objects.get().title == TEXT_WITHOUT_NUL


def test_nul_bytes_are_stripped_from_a_new_organisation(client, consultant):
    client.force_login(consultant)
    data = {"policy_language": "nl", "brand_colour": "#1f5f8b", **INTAKE_ANSWERS}
    data.update(dict.fromkeys(text_form_fields(OrganisationForm), TEXT_WITH_NUL))
    response = client.post(reverse("organisation_new"), data)
    created = Organisation.objects.exclude(memberships__role=Membership.Role.EDITOR).get(
        name=TEXT_WITHOUT_NUL
    )
    assert response.status_code == 302
    assert created.contact_person == TEXT_WITHOUT_NUL


def test_a_nul_byte_in_an_organisation_address_is_a_field_error(client, consultant):
    client.force_login(consultant)
    data = {
        "name": "Klant",
        "policy_language": "nl",
        "brand_colour": "#1f5f8b",
        "contact_email": f"a{NUL}@b.nl",
    }
    response = client.post(reverse("organisation_new"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["contact_email"]


def test_nul_bytes_are_stripped_from_a_comment(client, reviewer, policy):
    client.force_login(reviewer)
    url = reverse("comment_add", kwargs={"pk": policy.pk})
    client.post(url, {"block_key": "conduct", "text": TEXT_WITH_NUL})
    assert Comment.objects.get().text == TEXT_WITHOUT_NUL


def test_a_nul_byte_in_a_comments_block_key_is_refused(client, reviewer, policy):
    client.force_login(reviewer)
    url = reverse("comment_add", kwargs={"pk": policy.pk})
    response = client.post(url, {"block_key": "conduct" + NUL, "text": "Goed"})
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_nul_bytes_are_stripped_from_a_decision_note(client, reviewer, policy):
    policy.status = Policy.Status.IN_REVIEW
    policy.save()
    client.force_login(reviewer)
    url = reverse("policy_request_changes", kwargs={"pk": policy.pk})
    response = client.post(url, {"note": TEXT_WITH_NUL})
    assert response.status_code == 302
    assert Comment.objects.get().text == TEXT_WITHOUT_NUL


# --- Log in, passwords ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "credentials",
    [
        {"login": f"user{NUL}", "password": "x"},
        {"login": "nobody", "password": f"pass{NUL}word"},
        {"login": NUL, "password": NUL},
    ],
)
def test_a_nul_byte_in_the_login_form_is_a_form_error(client, db, credentials):
    response = client.post(reverse("account_login"), credentials)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_a_nul_byte_after_a_real_username_does_not_log_in(client, editor):
    response = client.post(
        reverse("account_login"), {"login": editor.username + NUL, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_nul_byte_in_the_password_reset_form_is_a_form_error(client, db):
    response = client.post(reverse("account_reset_password"), {"email": f"a{NUL}@example.org"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_a_nul_byte_in_a_new_password_is_a_form_error(editor_client):
    new = f"a-new-long-pass{NUL}word-42"
    response = editor_client.post(
        reverse("account_change_password"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200
    assert response.context["form"].errors


# --- Look-ups with NUL: search, filters, paths, parameters ---------------------------------


def searchable_admin_urls() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model, model_admin in admin.site._registry.items()
        if model_admin.search_fields
    ]


@pytest.mark.parametrize("url", searchable_admin_urls())
def test_an_admin_search_with_a_nul_byte_is_a_400_on_both_databases(admin_client, url):
    assert admin_client.get(url, {"q": f"beleid{NUL}"}).status_code == 400


def test_admin_search_ignores_ascii_case_on_both_databases(admin_client, policy):
    policy.title = "Social-Mediabeleid Voorbeeld"
    policy.save()
    response = admin_client.get(reverse("admin:wizard_policy_changelist"), {"q": "MEDIABELEID"})
    assert response.context["cl"].result_count == 1


def test_admin_search_ignores_the_case_of_accented_letters_on_both_databases(admin_client, policy):
    policy.title = "Één beleid voor Ölands Coöperatie"
    policy.save()
    response = admin_client.get(reverse("admin:wizard_policy_changelist"), {"q": "één ÖLANDS"})
    assert response.context["cl"].result_count == 1


def test_a_nul_byte_in_an_admin_filter_answers(admin_client, policy):
    url = reverse("admin:wizard_policy_changelist")
    assert admin_client.get(url, {"status__exact": NUL}).status_code in (200, 302, 400)


def urls_with_a_nul_parameter(pk: int) -> list[str]:
    """Every route, with `pk` filled in and every text parameter a NUL byte."""
    urls = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if route.startswith("^"):
                    continue
                for name in entry.pattern.converters:
                    value = str(pk) if name == "pk" else "%00"
                    route = re.sub(rf"<(\w+:)?{name}>", value, route)
                urls.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return urls


QUERY_WITH_NUL = {"page": NUL, "q": NUL, "next": NUL, "older": NUL, "newer": NUL, "step": NUL}


def test_no_page_fails_on_nul_bytes_in_its_path_or_query(client, policy, editor):
    client.raise_request_exception = False  # collect every failure, not just the first
    failures = {}
    for url in urls_with_a_nul_parameter(policy.pk):
        # Logging out is tried last by the form test.
        if url == reverse("account_logout"):
            continue
        client.force_login(editor)
        status = client.get(url, QUERY_WITH_NUL).status_code
        if status >= 500:
            failures[url] = status
    assert failures == {}


def test_no_form_fails_on_nul_bytes_in_every_field(client, policy, editor):
    body = dict.fromkeys(
        ("title", "name", "text", "note", "organisation", "choice", "revision"), NUL
    )
    client.raise_request_exception = False  # collect every failure, not just the first
    failures = {}
    for url in urls_with_a_nul_parameter(policy.pk):
        client.force_login(editor)
        status = client.post(url, {**body, "next": NUL}).status_code
        if status >= 500:
            failures[url] = status
    assert failures == {}


def test_a_nul_byte_in_a_published_link_is_refused(client, db):
    PolicyFactory(status=Policy.Status.PUBLISHED, share_token="a" * 43)
    assert client.get(f"/p/{'a' * 20}%00/").status_code in (400, 404)


def test_switching_to_a_nul_organisation_is_404(editor_client):
    response = editor_client.post(reverse("organisation_switch"), {"organisation": f"1{NUL}"})
    assert response.status_code == 404


def test_a_nul_byte_in_the_language_switch_is_harmless(client, db):
    response = client.post(reverse("set_language"), {"language": NUL, "next": NUL})
    assert response.status_code == 302


def test_usernames_match_case_insensitively_on_both_databases(client, db):
    # allauth looks user names up without regard to case (and refuses a sign-up whose name
    # differs from another only in case), on SQLite as on PostgreSQL.
    user = MembershipFactory().user
    response = client.post(
        reverse("account_login"), {"login": user.username.upper(), "password": PASSWORD}
    )
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response.status_code == 302


def test_a_policy_lookup_with_a_nul_pk_is_400(editor_client):
    assert editor_client.get("/policies/1%00/").status_code == 400


def test_a_nul_in_the_login_query_is_refused(client, editor):
    response = client.post(
        reverse("account_login") + "?next=%00//evil.example",
        {"login": editor.username, "password": PASSWORD},
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_logging_in_with_nul_in_the_posted_next_stays_on_site(client, editor):
    response = client.post(
        reverse("account_login"),
        {"login": editor.username, "password": PASSWORD, "next": f"{NUL}//evil.example"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_the_test_client_really_sends_nul_bytes(rf):
    # Guards the tests above: a client that dropped NUL bytes would make them all pass.
    assert rf.post("/", {"text": TEXT_WITH_NUL}).POST["text"] == TEXT_WITH_NUL
