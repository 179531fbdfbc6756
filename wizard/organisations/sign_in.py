"""Which single sign-on provider an e-mail address signs in with: the deployment's OpenID
Connect providers, and the e-mail domains each organisation maps to one (compared in lower
case)."""

from __future__ import annotations

from django.conf import settings

from wizard.organisations.models import Organisation


def configured_providers() -> list[tuple[str, str]]:
    """(id, name) of the deployment's OpenID Connect providers."""
    apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
    return [(app["provider_id"], app["name"]) for app in apps]


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""


def domains_of(text: str) -> list[str]:
    return [line.strip().lstrip("@").lower() for line in text.splitlines() if line.strip()]


def sign_in_provider_for(email: str) -> tuple[str, str] | None:
    """(provider id, name) that an address's domain signs in with, if an organisation says so."""
    domain = email_domain(email)
    if not domain:
        return None
    names = dict(configured_providers())
    candidates = Organisation.objects.exclude(sign_in_provider="").filter(
        sign_in_domains__icontains=domain
    )
    for provider_id, text in candidates.values_list("sign_in_provider", "sign_in_domains"):
        if domain in domains_of(text) and provider_id in names:
            return provider_id, names[provider_id]
    return None
