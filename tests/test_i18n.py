from __future__ import annotations

from django.urls import reverse


def test_dutch_is_the_default_language(editor_client):
    response = editor_client.get(reverse("dashboard"))
    assert '<html lang="nl">' in response.content.decode()


def test_accept_language_english_gives_english(editor_client):
    response = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en">' in response.content.decode()


def test_the_language_switcher_changes_the_interface(editor_client):
    editor_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="nl")
    assert "New policy" in response.content.decode()


def test_the_language_switcher_is_in_the_header(editor_client):
    response = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="nl")
    assert 'action="/i18n/setlang/"' in response.content.decode()
    assert ">English</button>" in response.content.decode()
