"""Sign-up and password reset answer the same for known and unknown addresses, within limits."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import PASSWORD


def test_password_reset_answers_the_same_for_an_unknown_address(client, editor):
    known = client.post(reverse("account_reset_password"), {"email": editor.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_signing_up_with_a_taken_address_answers_as_a_new_one(client, editor, mailoutbox):
    data = {
        "email": editor.email.upper(),
        "username": "someone-new",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "starts_as": "organisation",
    }
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    # The owner of the address is told instead; no second account exists.
    assert mailoutbox[-1].to == [editor.email]
    assert not type(editor).objects.filter(username="someone-new").exists()


def test_password_reset_is_rate_limited_per_address(client, editor):
    statuses = [
        client.post(reverse("account_reset_password"), {"email": editor.email}).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[5] == 429


def test_sign_up_is_rate_limited_per_address(client, db, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    statuses = [
        client.post(
            reverse("account_signup"),
            {
                "email": f"new{n}@example.org",
                "username": f"new{n}",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "starts_as": "organisation",
            },
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_the_configured_limits_cover_sign_up_and_password_reset(settings):
    limits = settings.ACCOUNT_RATE_LIMITS
    assert limits["signup"] and limits["reset_password"]
    assert limits["login_failed"] is False  # django-axes counts failed logins
