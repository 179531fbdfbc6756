"""Error pages in the site's look and the user's language."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from wizard import views
from wizard.policies import views as policy_views


def test_404_page_in_english(editor_client):
    response = editor_client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'class="site-header"' in html


def test_404_page_in_dutch(editor_client):
    response = editor_client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="nl")
    assert "Pagina niet gevonden" in response.content.decode()


def test_403_page_says_why(client, reviewer, policy):
    client.force_login(reviewer)
    response = client.get(f"/policies/{policy.pk}/steps/conduct/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "You can read this policy but not change it." in response.content.decode()


@pytest.mark.parametrize(
    ("handler", "status"),
    [(views.bad_request, 400), (views.permission_denied, 403), (views.server_error, 500)],
)
def test_error_handlers_render_the_site_page(rf, db, handler, status):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    response = handler(request) if handler is views.server_error else handler(request, None)
    assert response.status_code == status
    assert b'class="site-header"' in response.content


@override_settings(DEBUG=False)
def test_an_unexpected_error_is_a_friendly_500(editor, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(policy_views, "policy_create", explode)
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.post("/policies/new/", {"language": "nl"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert "Your saved work is safe" in response.content.decode()
