"""Fair use: the expensive pages answer 429 above their rate, per user or per address."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories import MembershipFactory
from tests.policies.test_wizard import form_data
from wizard.models import Membership, Policy
from wizard.review import workflow


@pytest.fixture
def low_rates(settings):
    settings.RATELIMIT_RATES = {
        "preview": "2/m",
        "export": "2/m",
        "organisation_new": "2/h",
        "staff_page": "2/m",
        "staff_pdf": "2/m",
    }
    return settings


def preview(client, policy):
    url = reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"})
    return client.post(url, form_data(policy, "conduct"), headers={"X-Requested-With": "fetch"})


def test_the_preview_answers_429_in_json_above_its_rate(low_rates, editor_client, policy):
    assert [preview(editor_client, policy).status_code for _ in range(2)] == [200, 200]
    response = preview(editor_client, policy)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert 1 <= int(response["Retry-After"]) <= 60  # the rest of the one-minute window
    # In the user's language (Dutch by default).
    assert "Wacht een minuut" in response.json()["message"]


def test_the_preview_limit_is_per_user(low_rates, client, editor_client, policy, organisation):
    for _ in range(3):
        preview(editor_client, policy)
    colleague = MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR).user
    client.force_login(colleague)
    assert preview(client, policy).status_code == 200


def test_the_default_preview_rate_lets_a_typist_through(editor_client, policy):
    # One preview per keystroke pause (the script waits 400 ms): 40 in a row all answer.
    assert {preview(editor_client, policy).status_code for _ in range(40)} == {200}


def test_an_exempt_account_is_not_limited(low_rates, editor_client, editor, policy):
    low_rates.RATELIMIT_EXEMPT_USERNAMES = [editor.get_username()]
    assert {preview(editor_client, policy).status_code for _ in range(4)} == {200}


def test_limits_can_be_switched_off(low_rates, editor_client, policy):
    low_rates.RATELIMIT_ENABLE = False
    assert {preview(editor_client, policy).status_code for _ in range(4)} == {200}


def test_exports_answer_the_sites_429_page_above_their_rate(low_rates, editor_client, policy):
    url = reverse("policy_export", kwargs={"pk": policy.pk, "fmt": "md"})
    assert [editor_client.get(url).status_code for _ in range(2)] == [200, 200]
    response = editor_client.get(url)
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert "Te veel verzoeken" in response.content.decode()


def test_the_429_page_speaks_english_to_english_users(low_rates, editor_client, policy):
    editor_client.cookies["django_language"] = "en"
    url = reverse("policy_export", kwargs={"pk": policy.pk, "fmt": "md"})
    for _ in range(2):
        editor_client.get(url)
    response = editor_client.get(url)
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


def test_creating_organisations_is_limited_but_the_form_is_not(low_rates, client, consultant):
    client.force_login(consultant)
    url = reverse("organisation_new")
    data = {"policy_language": "nl", "brand_colour": "#112233"}
    statuses = [client.post(url, {**data, "name": f"Klant {n}"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert client.get(url).status_code == 200


@pytest.fixture
def published(policy, editor):
    Policy.objects.filter(pk=policy.pk).update(status=Policy.Status.APPROVED)
    policy.refresh_from_db()
    workflow.policy_publish(policy=policy, user=editor)
    policy.refresh_from_db()
    return policy


@pytest.mark.parametrize("name", ["published_policy", "published_policy_pdf"])
def test_the_staff_link_is_limited_per_address(low_rates, client, published, name):
    url = reverse(name, kwargs={"token": published.share_token})
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    assert client.get(url).status_code == 429
    # Another address still reads it.
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_a_second_preview_while_one_renders_gets_a_quiet_busy_answer(editor_client, editor, policy):
    # Another worker is still rendering this user's preview: the flag in the shared cache says so.
    cache.add(f"busy:preview:{editor.pk}", True, timeout=30)
    response = preview(editor_client, policy)
    assert response.status_code == 429
    assert response.json() == {"error": "busy", "message": ""}
    assert response["Retry-After"] == "1"


def test_the_busy_flag_is_cleared_after_the_preview(editor_client, editor, policy):
    assert preview(editor_client, policy).status_code == 200
    assert cache.get(f"busy:preview:{editor.pk}") is None
    assert preview(editor_client, policy).status_code == 200


def test_a_busy_preview_of_one_user_does_not_block_another(client, editor, policy, organisation):
    cache.add(f"busy:preview:{editor.pk}", True, timeout=30)
    colleague = MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR).user
    client.force_login(colleague)
    assert preview(client, policy).status_code == 200
