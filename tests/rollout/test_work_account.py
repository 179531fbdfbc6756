""" "Confirm with your work account": where the organisation has single sign-on, the staff page
sends staff through its provider and back; an address at the organisation's sign-in domains
confirms the version read, recorded as "Work account". The provider's sign-in is simulated here
by logging in an account with a verified address (the provider itself: tests/accounts)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from wizard.organisations.sign_in import WORK_ACCOUNT_SESSION_KEY
from wizard.rollout import services
from wizard.rollout.models import Acknowledgement, StaffMember

PROVIDER = "entra"


@pytest.fixture
def sso(settings, organisation):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": PROVIDER,
                    "name": "Microsoft",
                    "client_id": "policy-builder",
                    "secret": "not-a-secret",
                    "settings": {"server_url": "https://login.example"},
                }
            ]
        }
    }
    organisation.sign_in_provider = PROVIDER
    organisation.sign_in_domains = "voorbeeldzorg.nl"
    organisation.save()
    return organisation


@pytest.fixture
def colleague(client):
    """Back from the provider: an account with a verified address at the organisation's domain."""
    user = UserFactory(
        username="sanne", email="Sanne@voorbeeldzorg.nl", first_name="Sanne", last_name="Jansen"
    )
    client.force_login(user)
    return user


def page_url(policy) -> str:
    return reverse("published_policy", kwargs={"token": policy.share_token})


def confirm_url(policy, fingerprint: str | None = None) -> str:
    fingerprint = fingerprint or services.policy_fingerprint(policy)
    return reverse(
        "confirm_with_work_account",
        kwargs={"token": policy.share_token, "fingerprint": fingerprint},
    )


def test_the_staff_page_offers_the_work_account_where_the_organisation_has_sso(
    client, published, sso
):
    page = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Confirm with your work account" in page
    assert f'action="{reverse("openid_connect_login", args=[PROVIDER])}"' in page
    assert f'name="next" value="{confirm_url(published)}"' in page


def test_without_sso_the_staff_page_has_no_work_account_button(client, published):
    page = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Confirm with your work account" not in page


def test_a_provider_the_deployment_does_not_configure_is_no_sso(client, published, organisation):
    organisation.sign_in_provider = "gone"
    organisation.sign_in_domains = "voorbeeldzorg.nl"
    organisation.save()
    page = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Confirm with your work account" not in page


def test_the_confirm_page_is_404_without_sso(client, published, colleague):
    assert client.get(confirm_url(published)).status_code == 404


def test_back_from_the_provider_the_page_asks_to_confirm_as_the_account(
    client, published, sso, colleague
):
    response = client.get(confirm_url(published), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "You confirm with your work account as Sanne Jansen (sanne@voorbeeldzorg.nl)" in page
    assert f'action="{confirm_url(published)}"' in page
    assert not Acknowledgement.objects.exists()  # a GET never writes


def test_the_button_records_a_work_account_confirmation(client, published, sso, colleague):
    response = client.post(confirm_url(published), HTTP_ACCEPT_LANGUAGE="en")
    record = Acknowledgement.objects.get()
    assert (record.email, record.name, record.method) == (
        "sanne@voorbeeldzorg.nl",
        "Sanne Jansen",
        Acknowledgement.Method.WORK_ACCOUNT,
    )
    assert record.fingerprint == services.policy_fingerprint(published)
    assert "You confirmed version 1.0 on" in response.content.decode()


def test_the_staff_list_gives_the_name(client, published, sso, colleague):
    StaffMember.objects.create(
        organisation=published.organisation,
        name="S. Jansen-de Vries",
        email="sanne@voorbeeldzorg.nl",
    )
    client.post(confirm_url(published))
    assert Acknowledgement.objects.get().name == "S. Jansen-de Vries"


def test_a_newer_version_is_refused_until_read(
    client, published, sso, colleague, editor, publish_new_version
):
    read_before = services.policy_fingerprint(published)
    newer = publish_new_version(published, editor)
    response = client.post(confirm_url(newer, read_before), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert "A newer version was published: read it first." in page
    assert f"What changed since version {published.version_label}" in page
    assert f'action="{confirm_url(newer)}"' in page
    assert not Acknowledgement.objects.exists()


def test_an_address_outside_the_organisations_domains_is_refused(client, published, sso):
    client.force_login(UserFactory(email="sanne@gmail.com"))
    response = client.post(confirm_url(published), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "has no verified address at @voorbeeldzorg.nl" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_an_unverified_address_at_the_domain_is_refused(client, published, sso):
    client.force_login(UserFactory(email="sanne@voorbeeldzorg.nl", verified_email=False))
    assert client.post(confirm_url(published)).status_code == 403
    assert not Acknowledgement.objects.exists()


def test_without_signing_in_the_confirm_page_goes_back_to_the_staff_page(client, published, sso):
    response = client.post(confirm_url(published))
    assert response.status_code == 302
    assert response["Location"] == page_url(published) + "#confirm"
    assert not Acknowledgement.objects.exists()


def test_the_answer_shows_nothing_of_a_colleagues_confirmation(client, published, sso, colleague):
    services.acknowledge(
        policy=published,
        name="Lotte de Wit",
        email="lotte@voorbeeldzorg.nl",
        method=Acknowledgement.Method.PERSONAL_LINK,
        fingerprint=services.policy_fingerprint(published),
    )
    page = client.get(confirm_url(published), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Lotte" not in page
    assert "lotte@" not in page


def test_a_work_account_confirmation_replaces_an_unverified_one(client, published, sso, colleague):
    services.acknowledge(
        policy=published,
        name="Someone Else",
        email="sanne@voorbeeldzorg.nl",
        method=Acknowledgement.Method.UNVERIFIED,
        fingerprint=services.policy_fingerprint(published),
    )
    client.post(confirm_url(published))
    record = Acknowledgement.objects.get()
    assert (record.name, record.method) == ("Sanne Jansen", Acknowledgement.Method.WORK_ACCOUNT)


def test_the_address_the_provider_verified_in_this_session_confirms(client, published, sso):
    session = client.session
    session[WORK_ACCOUNT_SESSION_KEY] = {
        "provider": PROVIDER,
        "emails": ["piet@voorbeeldzorg.nl"],
        "name": "Piet de Boer",
    }
    session.save()
    client.post(confirm_url(published))
    record = Acknowledgement.objects.get()
    assert (record.email, record.method) == (
        "piet@voorbeeldzorg.nl",
        Acknowledgement.Method.WORK_ACCOUNT,
    )


def test_an_address_another_provider_verified_does_not_count(client, published, sso):
    session = client.session
    session[WORK_ACCOUNT_SESSION_KEY] = {
        "provider": "elsewhere",
        "emails": ["piet@voorbeeldzorg.nl"],
        "name": "Piet de Boer",
    }
    session.save()
    assert client.post(confirm_url(published)).status_code == 403
    assert not Acknowledgement.objects.exists()


def test_the_register_shows_work_account(editor_client, published, sso):
    services.acknowledge(
        policy=published,
        name="Sanne Jansen",
        email="sanne@voorbeeldzorg.nl",
        method=Acknowledgement.Method.WORK_ACCOUNT,
        fingerprint=services.policy_fingerprint(published),
    )
    url = reverse("acknowledgement_register", args=[published.pk])
    page = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Work account" in page


def test_the_work_account_speaks_dutch_to_a_dutch_reader(client, published, sso, colleague):
    page = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Bevestig met je werkaccount" in page
    page = client.get(confirm_url(published), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Je bevestigt met je werkaccount als Sanne Jansen" in page


def test_the_refusal_speaks_dutch_to_a_dutch_reader(client, published, sso):
    client.force_login(UserFactory(email="sanne@gmail.com"))
    page = client.post(confirm_url(published), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "zonder geverifieerd adres bij @voorbeeldzorg.nl" in page


def test_turning_sso_on_makes_a_revisit_a_new_page(client, published, sso):
    sign_in_provider = sso.sign_in_provider
    sso.sign_in_provider = ""
    sso.save()
    etag = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="en")["ETag"]
    sso.sign_in_provider = sign_in_provider
    sso.save()
    response = client.get(page_url(published), HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Confirm with your work account" in response.content.decode()
