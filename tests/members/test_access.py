"""Another organisation's members and invitations are a 404; every POST needs a CSRF token."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.members.helpers import accept_url
from wizard.members.models import Invitation
from wizard.models import Membership

MEMBER_URLS = [
    "member_list",
    "member_role",
    "member_remove",
    "invitation_resend",
    "invitation_revoke",
]


@pytest.mark.parametrize("name", MEMBER_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_organisations_member_urls_are_404(client, outsider, organisation, name, method):
    client.force_login(outsider)
    response = getattr(client, method)(reverse(name, kwargs={"pk": organisation.pk}))
    # A method the URL does not take is 405 before any lookup, for every organisation alike.
    assert response.status_code in ({404, 405} if method == "get" else {404})


@pytest.mark.parametrize("name", MEMBER_URLS)
def test_a_logged_out_visitor_is_sent_to_log_in(client, organisation, name):
    response = client.post(reverse(name, kwargs={"pk": organisation.pk}))
    assert response.status_code in (302, 405)


def test_an_outsider_cannot_invite_into_another_organisation(client, outsider, organisation):
    client.force_login(outsider)
    url = reverse("member_list", kwargs={"pk": organisation.pk})
    client.post(url, {"email": "anna@example.org", "role": "editor"})
    assert not Invitation.objects.exists()


def test_an_outsider_cannot_remove_a_member(client, outsider, organisation, reviewer):
    client.force_login(outsider)
    target = Membership.objects.get(user=reviewer)
    client.post(reverse("member_remove", kwargs={"pk": organisation.pk}), {"membership": target.pk})
    assert Membership.objects.filter(pk=target.pk).exists()


def test_another_organisations_settings_are_not_reachable(client, outsider, organisation):
    client.force_login(outsider)
    html = client.get(reverse("organisation_settings")).content.decode()
    assert organisation.name not in html


def test_inviting_without_a_csrf_token_is_refused(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = reverse("member_list", kwargs={"pk": editor.memberships.get().organisation_id})
    response = client.post(url, {"email": "anna@example.org", "role": "reviewer"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_accepting_without_a_csrf_token_creates_nothing(invitation):
    client = Client(enforce_csrf_checks=True)
    data = {"username": "nieuwlid", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post(accept_url(invitation.token), data)
    invitation.refresh_from_db()
    assert response.status_code == 403
    assert invitation.accepted_at is None
