"""Accepting an invitation by signing in with the organisation's provider, end to end against a
local OpenID Connect provider (oidc-provider-mock, as in tests/accounts)."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.accounts.test_single_sign_on import PROVIDER, claims, issuer, provider  # noqa: F401
from tests.factories import UserFactory
from tests.members.helpers import accept_url
from wizard.members.models import Invitation
from wizard.models import Membership

pytestmark = [
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::authlib.deprecate.AuthlibDeprecationWarning"),
]

INVITED = "nieuw.lid@example.org"


@pytest.fixture
def mapped(organisation, provider):  # noqa: F811
    """The organisation signs people at example.org in with the provider."""
    organisation.sign_in_provider = PROVIDER
    organisation.sign_in_domains = "example.org"
    organisation.save()
    return provider


def accept_there(client, invitation, issuer: str, sub: str):  # noqa: F811
    """Press the invitation page's provider button, sign in as `sub` there, come back."""
    page = client.get(accept_url(invitation.token), HTTP_ACCEPT_LANGUAGE="en")
    assert "Sign in with Microsoft" in page.content.decode()
    start = client.post(
        reverse("openid_connect_login", args=[PROVIDER]),
        {"process": "login", "next": accept_url(invitation.token)},
    )
    assert start["Location"].startswith(issuer)
    answer = httpx.post(start["Location"], data={"sub": sub}, follow_redirects=False)
    callback = urlsplit(answer.headers["location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_the_invitation_page_offers_the_provider_of_the_invited_domain(client, invitation, mapped):
    html = client.get(accept_url(invitation.token), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign in with Microsoft" in html
    assert reverse("openid_connect_login", args=[PROVIDER]) in html


def test_an_unmapped_domain_is_offered_no_provider(client, invitation, provider):  # noqa: F811
    html = client.get(accept_url(invitation.token), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign in with Microsoft" not in html


def test_a_verified_invited_address_creates_the_account_and_joins(
    client, invitation, organisation, mapped, settings
):
    settings.ACCOUNT_SIGNUP_OPEN = False  # An invitation is enough.
    claims(mapped, "nieuw-1", email="Nieuw.Lid@Example.org", email_verified=True)
    response = accept_there(client, invitation, mapped, "nieuw-1")
    user = get_user_model().objects.get(email__iexact=INVITED)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert Membership.objects.get(user=user).organisation == organisation
    assert response["Location"] == reverse("dashboard")


def test_the_invitation_is_used_up(client, invitation, mapped):
    claims(mapped, "nieuw-2", email=INVITED, email_verified=True)
    accept_there(client, invitation, mapped, "nieuw-2")
    assert Invitation.objects.get(pk=invitation.pk).status() == Invitation.Status.ACCEPTED


def test_an_existing_account_with_the_address_joins_through_the_provider(
    client, invitation, organisation, mapped
):
    user = UserFactory(email=INVITED)
    claims(mapped, "nieuw-3", email=INVITED, email_verified=True)
    accept_there(client, invitation, mapped, "nieuw-3")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert Membership.objects.filter(user=user, organisation=organisation).exists()


def test_an_unverified_invited_address_creates_nothing(client, invitation, mapped):
    claims(mapped, "nieuw-4", email=INVITED, email_verified=False)
    response = accept_there(client, invitation, mapped, "nieuw-4")
    assert response.status_code == 403
    assert not get_user_model().objects.filter(email__iexact=INVITED).exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_another_verified_address_is_no_invitation_when_sign_up_is_closed(
    client, invitation, mapped, settings
):
    settings.ACCOUNT_SIGNUP_OPEN = False
    claims(mapped, "other-5", email="iemand.anders@example.org", email_verified=True)
    accept_there(client, invitation, mapped, "other-5")
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(email="iemand.anders@example.org").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_another_verified_address_does_not_accept_when_sign_up_is_open(client, invitation, mapped):
    claims(mapped, "other-6", email="iemand.anders@example.org", email_verified=True)
    accept_there(client, invitation, mapped, "other-6")
    assert not Membership.objects.filter(user__email="iemand.anders@example.org").exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
