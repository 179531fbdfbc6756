"""Fair use: the expensive pages answer 429 above their rate, per user or per address."""

from __future__ import annotations

import hashlib

import pytest
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse

from tests.factories import INTAKE_ANSWERS, MembershipFactory, form_data
from wizard import limits
from wizard.models import Membership, Policy
from wizard.review import workflow


@pytest.fixture
def low_rates(settings):
    settings.RATELIMIT_RATES = {
        "preview": "2/m",
        "export": "2/m",
        "organisation_new": "2/h",
    }
    return settings


def preview(client, policy, *, pause: bool = True):
    """One live preview; with `pause`, the user then waits the second before the next one."""
    url = reverse("policy_preview", kwargs={"pk": policy.pk, "step": "conduct"})
    data = form_data(policy, "conduct")
    response = client.post(url, data, headers={"X-Requested-With": "fetch"})
    if pause:
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        digest = hashlib.sha256(cookie.encode()).hexdigest()[:32]
        cache.delete_many(
            [f"busy:preview:{client.session['_auth_user_id']}", f"busy:preview:session:{digest}"]
        )
    return response


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
    # A preview per pause in typing, a second or more apart: 40 in a minute all answer.
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
    data = {"policy_language": "nl", "brand_colour": "#112233", **INTAKE_ANSWERS}
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
def test_the_staff_link_is_not_limited_per_address(low_rates, client, published, name):
    # A whole office behind one address reads it at once; it is cheap and the same for all.
    url = reverse(name, kwargs={"token": published.share_token})
    assert {client.get(url).status_code for _ in range(30)} == {200}


def test_a_second_preview_while_one_renders_gets_a_quiet_busy_answer(editor_client, editor, policy):
    # Another worker is still rendering this user's preview: the flag in the shared cache says so.
    cache.add(f"busy:preview:{editor.pk}", True, timeout=30)
    response = preview(editor_client, policy, pause=False)
    assert response.status_code == 429
    assert response.json() == {"error": "busy", "message": ""}
    assert response["Retry-After"] == "1"


def test_the_next_preview_waits_the_spacing_after_the_last(editor_client, editor, policy, settings):
    # A spacing far longer than the test: the second request comes within it however slow.
    settings.RATELIMIT_SPACING = {"preview": 60}
    assert preview(editor_client, policy, pause=False).status_code == 200
    response = preview(editor_client, policy, pause=False)
    assert (response.status_code, response.json()["error"]) == (429, "busy")
    # The flag outlives the preview by the spacing, then goes.
    assert cache.get(f"busy:preview:{editor.pk}") is True


def test_the_preview_spacing_is_a_second(settings):
    assert settings.RATELIMIT_SPACING == {"preview": 1}


def test_without_spacing_the_flag_goes_with_the_request(rf, editor):
    @limits.one_at_a_time("test")
    def view(request):
        assert cache.get(f"busy:test:{editor.pk}") is True
        return HttpResponse("ok")

    request = rf.get("/")
    request.user = editor
    assert view(request).status_code == 200
    assert cache.get(f"busy:test:{editor.pk}") is None


def test_a_busy_preview_of_one_user_does_not_block_another(client, editor, policy, organisation):
    cache.add(f"busy:preview:{editor.pk}", True, timeout=30)
    colleague = MembershipFactory(organisation=organisation, role=Membership.Role.EDITOR).user
    client.force_login(colleague)
    assert preview(client, policy).status_code == 200


def test_a_preview_that_is_not_found_does_not_hold_the_next_back(client, outsider, policy):
    client.force_login(outsider)
    assert preview(client, policy, pause=False).status_code == 404
    assert cache.get(f"busy:preview:{outsider.pk}") is None


def test_a_busy_session_is_answered_before_its_user_is_read(
    editor_client, policy, django_assert_max_num_queries
):
    assert preview(editor_client, policy, pause=False).status_code == 200
    # Within the second after: one cache read answers, no session or user lookup.
    with django_assert_max_num_queries(1):
        response = preview(editor_client, policy, pause=False)
    assert (response.status_code, response.json()["error"]) == (429, "busy")


def test_the_address_is_the_sockets_without_a_proxy(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert limits.client_address(request) == "192.0.2.1"


@pytest.mark.parametrize("proxies", [0, 1])
def test_login_throttling_counts_the_same_address_as_the_limits(rf, settings, proxies):
    settings.TRUSTED_PROXY_COUNT = proxies
    first = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")
    second = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")
    addresses = {get_client_ip_address(first), get_client_ip_address(second)}
    assert get_client_ip_address(first) == limits.client_address(first)
    assert len(addresses) == 1 + proxies


def test_behind_one_proxy_the_forwarded_address_counts_and_forged_ones_do_not(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.9")
    assert limits.client_address(request) == "198.51.100.9"
    garbage = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert limits.client_address(garbage) == "10.0.0.2"
