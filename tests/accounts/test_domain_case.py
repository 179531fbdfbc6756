"""E-mail domains map to a provider whatever the case they are typed or sent in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from wizard.organisations.sign_in import sign_in_provider_for


@pytest.fixture
def provider(settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "entra",
                    "name": "Microsoft",
                    "client_id": "policy-builder",
                    "secret": "not-a-secret",
                    "settings": {"server_url": "https://login.example"},
                }
            ]
        }
    }


@pytest.fixture
def mapped(organisation, provider):
    organisation.sign_in_provider = "entra"
    organisation.sign_in_domains = "voorbeeldzorg.example"
    organisation.save()
    return organisation


def test_an_address_in_capitals_finds_its_domains_provider(mapped):
    assert sign_in_provider_for("Sanne@VoorbeeldZorg.EXAMPLE") == ("entra", "Microsoft")


def test_a_domain_typed_in_capitals_is_kept_in_lower_case(client, organisation, provider):
    editor = MembershipFactory(
        organisation=organisation, role="editor", user=UserFactory(email="HR@VoorbeeldZorg.example")
    ).user
    client.force_login(editor)
    client.post(
        reverse("organisation_sign_in"),
        {"sign_in_provider": "entra", "sign_in_domains": "@VOORBEELDZORG.Example"},
    )
    organisation.refresh_from_db()
    assert organisation.sign_in_domains == "voorbeeldzorg.example"


def test_another_organisation_cannot_map_the_domain_in_other_capitals(client, mapped):
    other = MembershipFactory(role="editor", user=UserFactory(email="it@voorbeeldzorg.example"))
    client.force_login(other.user)
    response = client.post(
        reverse("organisation_sign_in"),
        {"sign_in_provider": "entra", "sign_in_domains": "VoorbeeldZorg.Example"},
    )
    assert "sign_in_domains" in response.context["form"].errors
