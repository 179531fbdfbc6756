from __future__ import annotations

from unittest import mock

from django.db import DatabaseError
from django.urls import reverse


def test_healthz_says_ok_when_the_database_answers(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_is_503_when_the_database_is_down(client, db):
    with mock.patch("django.db.models.query.QuerySet.exists", side_effect=DatabaseError("down")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
