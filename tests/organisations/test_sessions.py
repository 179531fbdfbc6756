"""Sessions and logins: Django's cached database sessions and ModelBackend, as configured."""

from __future__ import annotations

from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory


def test_a_login_lasts_across_requests(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("dashboard")).status_code == 200
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_session_outlives_the_cache(client, db):
    # cached_db keeps the session in the database too: a flushed or restarted cache logs
    # nobody out.
    client.force_login(UserFactory())
    cache.clear()
    assert client.get(reverse("dashboard")).status_code == 200


def test_logins_use_allauths_model_backend(client, db):
    client.force_login(UserFactory())
    backend = "allauth.account.auth_backends.AuthenticationBackend"
    assert client.session[BACKEND_SESSION_KEY] == backend


def test_a_deactivated_user_is_logged_out_on_the_next_request(client, db):
    user = UserFactory()
    client.force_login(user)
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_password_change_elsewhere_ends_the_session(client, db):
    user = UserFactory()
    client.force_login(user)
    user.set_password("another-strong-pass-77")
    user.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
