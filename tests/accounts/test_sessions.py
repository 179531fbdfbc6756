"""Each user sees their active sessions and can end the others (allauth usersessions)."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD
from wizard.accounts.devices import device_name

FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15"
    " (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)
EDGE_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
    " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
    " Chrome/131.0.0.0 Mobile Safari/537.36"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
    " Version/18.1 Safari/605.1.15"
)


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


@pytest.mark.parametrize(
    ("agent", "name"),
    [
        (FIREFOX_WINDOWS, "Firefox on Windows"),
        (SAFARI_IPHONE, "Safari on iPhone"),
        (EDGE_WINDOWS, "Edge on Windows"),
        (CHROME_ANDROID, "Chrome on Android"),
        (SAFARI_MAC, "Safari on macOS"),
        ("curl/8.5.0", ""),
        ("", ""),
    ],
)
def test_a_device_is_named_as_its_owner_knows_it(agent, name):
    with translation.override("en"):
        assert device_name(agent) == name


def test_the_sessions_page_names_the_browser_and_keeps_the_whole_header(editor):
    laptop = logged_in(editor, FIREFOX_WINDOWS)
    logged_in(editor, SAFARI_IPHONE)
    laptop.cookies["django_language"] = "nl"
    html = laptop.get(reverse("usersessions_list"), headers={"accept-language": "nl"})
    html = html.content.decode()
    assert "Firefox op Windows <strong>(deze sessie)</strong>" in html
    assert "Safari op iPhone<br>" in html
    assert "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X)" in html


def test_ending_the_other_sessions_logs_the_other_devices_out(editor):
    laptop = logged_in(editor, "Laptop Firefox")
    phone = logged_in(editor, "Phone Safari")
    laptop.post(reverse("usersessions_list"))
    assert phone.get(reverse("dashboard")).status_code == 302
    assert laptop.get(reverse("dashboard")).status_code == 200
    assert Session.objects.count() == 1
