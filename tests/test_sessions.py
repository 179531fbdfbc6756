"""wizard/sessions.py and wizard/backends.py: Django's sessions and ModelBackend, with the
per-request reads as fixed statements. Each test pins a behaviour of Django's own."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from wizard.backends import ModelBackend
from wizard.sessions import SessionStore


@pytest.fixture
def stored(db):
    session = SessionStore()
    session["organisation"] = "Coöperatie één 👍"
    session.create()
    return session


def test_a_stored_session_reads_back(stored):
    assert SessionStore(stored.session_key).load() == {"organisation": "Coöperatie één 👍"}


def test_sessions_of_djangos_own_store_stay_readable_and_the_other_way_round(db):
    theirs = DjangoSessionStore()
    theirs["a"] = 1
    theirs.create()
    assert SessionStore(theirs.session_key).load() == {"a": 1}
    ours = SessionStore()
    ours["b"] = 2
    ours.create()
    assert DjangoSessionStore(ours.session_key).load() == {"b": 2}


def test_an_expired_session_is_empty_and_gets_a_new_key(stored):
    Session.objects.filter(session_key=stored.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    fresh = SessionStore(stored.session_key)
    assert fresh.load() == {}
    assert fresh.session_key is None


def test_an_unknown_session_key_is_empty(db):
    session = SessionStore("a" * 32)
    assert session.load() == {}
    assert session.session_key is None


def test_tampered_session_data_is_not_trusted(stored):
    Session.objects.filter(session_key=stored.session_key).update(session_data="forged:data")
    assert SessionStore(stored.session_key).load() == {}


def test_the_engine_is_in_use_for_requests(client, db):
    user = UserFactory()
    client.force_login(user)
    assert isinstance(client.session, SessionStore)
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_backend_returns_the_user_as_the_orm_reads_it(db):
    user = UserFactory(first_name="Zoë", is_staff=True)
    found = ModelBackend().get_user(user.pk)
    expected = get_user_model().objects.get(pk=user.pk)
    fields = [f.attname for f in expected._meta.concrete_fields]
    assert {f: getattr(found, f) for f in fields} == {f: getattr(expected, f) for f in fields}
    assert found.date_joined.tzinfo is not None
    assert found.is_staff is True
    assert found.get_session_auth_hash() == expected.get_session_auth_hash()


@pytest.mark.parametrize("user_id", ["999999", "x", "", None, "1 OR 1=1"])
def test_the_backend_finds_no_one_for_a_missing_or_malformed_id(db, user_id):
    UserFactory()
    assert ModelBackend().get_user(user_id) is None
    if user_id in ("999999",):
        assert DjangoModelBackend().get_user(user_id) is None


def test_the_backend_refuses_an_inactive_user(db):
    user = UserFactory(is_active=False)
    assert ModelBackend().get_user(user.pk) is None


def test_a_deactivated_user_is_logged_out_on_the_next_request(client, db):
    user = UserFactory()
    client.force_login(user)
    assert client.session[BACKEND_SESSION_KEY] == "wizard.backends.ModelBackend"
    get_user_model().objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_password_change_elsewhere_ends_the_session(client, db):
    user = UserFactory()
    client.force_login(user)
    user.set_password("another-strong-pass-77")
    user.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
