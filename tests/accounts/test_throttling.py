"""Login throttling (django-axes with allauth): per name and address, and per address only."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.accounts.conftest import link_in_last_mail
from tests.factories import PASSWORD

NEW_PASSWORD = "another-strong-pass-77"


def fail_login(client: Client, login: str) -> None:
    client.post(reverse("account_login"), {"login": login, "password": "not-the-password"})


def log_in(client: Client, login: str, password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password})


def test_five_wrong_passwords_lock_that_name_from_that_address(editor):
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(5):
        fail_login(attacker, editor.username)
    assert log_in(attacker, editor.username).status_code == 429


def test_wrong_passwords_from_one_address_do_not_lock_the_user_out_elsewhere(editor):
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(5):
        fail_login(attacker, editor.username)
    response = log_in(Client(REMOTE_ADDR="198.51.100.7"), editor.username)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_attempts_are_counted_under_the_name_typed_whatever_its_case(editor):
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    for n in range(5):
        fail_login(attacker, editor.username.upper() if n % 2 else editor.username)
    assert log_in(attacker, editor.username).status_code == 429


def test_a_completed_password_reset_lifts_the_users_lock(editor, mailoutbox):
    client = Client(REMOTE_ADDR="203.0.113.5")
    for _ in range(4):
        fail_login(client, editor.username)
    fail_login(client, editor.email)  # the lock holds for the address typed as well
    assert log_in(client, editor.username).status_code == 429

    Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("account_reset_password"), {"email": editor.email}
    )
    reset = Client(REMOTE_ADDR="198.51.100.7")
    form = reset.get(link_in_last_mail("/password/reset/key/"), follow=True)
    reset.post(form.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    # Only the per-address limit can still stop this address; under it, the user is back in.
    response = log_in(client, editor.username, NEW_PASSWORD)
    assert response.status_code == 302
