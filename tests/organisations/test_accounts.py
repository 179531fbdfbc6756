"""Log in, log out, change and reset the password; throttling that a forged header can't dodge."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def _reset_axes(db):
    from axes.utils import reset

    reset()


def test_login_with_username_and_password_opens_the_dashboard(client, editor):
    response = client.post(
        reverse("account_login"), {"login": editor.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert response.context["user"] == editor


def test_login_starts_a_new_session(client, editor):
    client.get(reverse("account_login"))
    client.cookies["sessionid"] = "attacker-chosen-session-id"
    client.post(reverse("account_login"), {"login": editor.username, "password": PASSWORD})
    assert client.cookies["sessionid"].value != "attacker-chosen-session-id"


def test_wrong_password_shows_an_error_and_does_not_log_in(client, editor):
    response = client.post(reverse("account_login"), {"login": editor.username, "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(editor_client):
    response = editor_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in editor_client.session


def test_pages_need_login(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_password_change_rejects_a_weak_password(editor_client):
    response = editor_client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]


def test_password_reset_sends_an_email(client, editor):
    response = client.post(reverse("account_reset_password"), {"email": editor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert editor.email in mail.outbox[0].to


def _fail_login(client, username: str, forwarded_for: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(
        reverse("account_login"), {"login": username, "password": "wrong-password"}, **headers
    )


def test_login_is_locked_after_five_failures(client, editor):
    for _ in range(5):
        _fail_login(client, editor.username)
    response = client.post(
        reverse("account_login"), {"login": editor.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_rotating_x_forwarded_for_does_not_reset_the_throttle(client, db):
    # Different usernames, so only the per-address limit can stop this attacker.
    for n in range(5):
        _fail_login(client, f"guess{n}", forwarded_for=f"203.0.113.{n}")
    victim = UserFactory()
    response = Client().post(  # the victim's own browser, behind the same proxy
        reverse("account_login"),
        {"login": victim.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_forwarded_client_is_throttled_apart(client, db, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        _fail_login(client, f"guess{n}", forwarded_for="203.0.113.9")
    victim = UserFactory()
    response = Client().post(  # the victim's own browser, behind the same proxy
        reverse("account_login"),
        {"login": victim.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302
    assert _fail_login(client, "guess9", forwarded_for="203.0.113.9").status_code == 429
