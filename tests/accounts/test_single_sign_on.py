"""Single sign-on by OpenID Connect, end to end against a local provider (oidc-provider-mock)."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import PASSWORD, MembershipFactory, PolicyFactory, UserFactory, publish
from wizard.rollout import services as rollout_services
from wizard.rollout.models import Acknowledgement

PROVIDER = "entra"

# The mock provider (0.3, the last for Python 3.11) calls Authlib APIs that newer Authlib
# deprecates; its server thread would turn the warning into a 500.
pytestmark = [
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::authlib.deprecate.AuthlibDeprecationWarning"),
]


@pytest.fixture(scope="module")
def issuer():
    # Imported here, under this module's warning filters (it imports deprecated Authlib).
    import oidc_provider_mock

    with oidc_provider_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def provider(issuer, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": PROVIDER,
                    "name": "Microsoft",
                    "client_id": "policy-builder",
                    "secret": "not-a-secret",
                    "settings": {"server_url": issuer},
                }
            ],
        }
    }
    return issuer


def claims(issuer: str, sub: str, **values) -> None:
    httpx.put(f"{issuer}/users/{sub}", json=values).raise_for_status()


def sign_in_there(client, issuer: str, sub: str, **start_with):
    """Start at our login button, sign in as `sub` at the provider, come back."""
    start = client.post(reverse("openid_connect_login", args=[PROVIDER]), start_with)
    assert start.status_code == 302, start.content
    authorize = start["Location"]
    assert authorize.startswith(issuer)
    answer = httpx.post(authorize, data={"sub": sub}, follow_redirects=False)
    callback = urlsplit(answer.headers["location"])
    return client.get(f"{callback.path}?{callback.query}")


def test_a_verified_address_from_the_provider_logs_into_that_account(client, provider):
    user = MembershipFactory(user=UserFactory(email="sanne@voorbeeldzorg.example")).user
    claims(provider, "sanne-1", email="sanne@voorbeeldzorg.example", email_verified=True)
    response = sign_in_there(client, provider, "sanne-1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert SocialAccount.objects.filter(user=user, uid="sanne-1").exists()


def test_a_new_person_signs_up_through_the_provider_and_starts(client, provider):
    claims(provider, "new-2", email="nieuw@voorbeeldzorg.example", email_verified=True)
    response = sign_in_there(client, provider, "new-2")
    user = get_user_model().objects.get(email="nieuw@voorbeeldzorg.example")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert response["Location"] == reverse("account_start")


def test_an_unverified_address_from_the_provider_is_refused(client, provider):
    victim = UserFactory(email="victim@voorbeeldzorg.example")
    claims(provider, "mallory", email="victim@voorbeeldzorg.example", email_verified=False)
    response = sign_in_there(client, provider, "mallory")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=victim).exists()


def test_people_of_a_mapped_domain_are_sent_to_their_provider(client, provider, organisation):
    user = MembershipFactory(
        organisation=organisation, user=UserFactory(email="hr@voorbeeldzorg.example")
    ).user
    organisation.sign_in_provider = PROVIDER
    organisation.sign_in_domains = "voorbeeldzorg.example"
    organisation.save()
    response = client.post(
        reverse("account_login"),
        {"login": user.username, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "_auth_user_id" not in client.session
    assert "signs you in with Microsoft" in response.content.decode()


def test_an_editor_maps_only_the_domain_of_their_own_address(editor_client, provider):
    response = editor_client.post(
        reverse("organisation_sign_in"),
        {"sign_in_provider": PROVIDER, "sign_in_domains": "gmail.com"},
    )
    assert response.status_code == 200
    assert "sign_in_domains" in response.context["form"].errors


def test_confirming_with_a_work_account_logs_nobody_in(client, provider, organisation, editor):
    organisation.sign_in_provider = PROVIDER
    organisation.sign_in_domains = "voorbeeldzorg.example"
    organisation.save()
    published = publish(PolicyFactory(organisation=organisation, created_by=editor), editor)
    back = reverse(
        "confirm_with_work_account",
        kwargs={
            "token": published.share_token,
            "fingerprint": rollout_services.policy_fingerprint(published),
        },
    )
    claims(provider, "staff-7", email="piet@voorbeeldzorg.example", email_verified=True)
    response = sign_in_there(client, provider, "staff-7", process="redirect", next=back)
    assert response["Location"] == back
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.filter(email="piet@voorbeeldzorg.example").exists()
    client.post(back)
    record = Acknowledgement.objects.get()
    assert (record.email, record.method) == (
        "piet@voorbeeldzorg.example",
        Acknowledgement.Method.WORK_ACCOUNT,
    )
