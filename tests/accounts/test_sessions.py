"""Each user sees their active sessions and can end the others (allauth usersessions)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD


def logged_in(user, agent: str) -> Client:
    client = Client(HTTP_USER_AGENT=agent)
    client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    return client


def test_the_sessions_page_lists_each_device(editor):
    laptop = logged_in(editor, "Laptop Firefox")
    logged_in(editor, "Phone Safari")
    html = laptop.get(reverse("usersessions_list")).content.decode()
    assert "Laptop Firefox" in html
    assert "Phone Safari" in html


def test_ending_the_other_sessions_logs_the_other_devices_out(editor):
    laptop = logged_in(editor, "Laptop Firefox")
    phone = logged_in(editor, "Phone Safari")
    laptop.post(reverse("usersessions_list"))
    assert phone.get(reverse("dashboard")).status_code == 302
    assert laptop.get(reverse("dashboard")).status_code == 200
    assert Session.objects.count() == 1
