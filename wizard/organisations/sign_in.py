"""Which single sign-on provider an e-mail address signs in with: the deployment's OpenID
Connect providers, the e-mail domains each organisation maps to one (compared in lower case),
and the work account a visitor showed to confirm a policy of their organisation."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.http import HttpRequest

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


def organisation_provider(organisation: Organisation) -> tuple[str, str] | None:
    """(provider id, name) of the organisation's single sign-on, when it has one that this
    deployment configures and e-mail domains that sign in there."""
    names = dict(configured_providers())
    provider_id = organisation.sign_in_provider
    if provider_id not in names or not domains_of(organisation.sign_in_domains):
        return None
    return provider_id, names[provider_id]


# "Confirm with your work account" sends staff through their organisation's provider with
# allauth's "redirect" process: it proves who they are and logs nobody in (staff need no
# account here). What the provider verified is kept in the session for the page it returns to.
WORK_ACCOUNT_SESSION_KEY = "work_account"


def work_account_remember(request: HttpRequest, *, provider_id: str, emails: list[str], name: str):
    """Keep, in this visitor's session, the addresses `provider_id` verified and their name."""
    request.session[WORK_ACCOUNT_SESSION_KEY] = {
        "provider": provider_id,
        "emails": [email.strip().lower() for email in emails],
        "name": name,
    }


@dataclass(frozen=True)
class WorkAccount:
    """Who a visitor showed they are with a work account: an address at one of the
    organisation's sign-in domains (verified), and their name as the account gives it."""

    email: str
    name: str


def work_account_signed_in(request: HttpRequest) -> bool:
    """Whether the visitor came with any account (to tell "sign in first" from "not that one")."""
    return request.user.is_authenticated or WORK_ACCOUNT_SESSION_KEY in request.session


def work_account_of(request: HttpRequest, organisation: Organisation) -> WorkAccount | None:
    """The visitor's verified address at one of the organisation's sign-in domains: one that
    the organisation's provider verified in this session, or a verified address of the account
    they are logged in with. None when they showed no such address."""
    provider = organisation_provider(organisation)
    if provider is None:
        return None
    domains = set(domains_of(organisation.sign_in_domains))
    remembered = request.session.get(WORK_ACCOUNT_SESSION_KEY) or {}
    if remembered.get("provider") == provider[0]:
        for email in remembered.get("emails", []):
            if email_domain(email) in domains:
                return WorkAccount(email, remembered.get("name", ""))
    user = request.user
    if user.is_authenticated:
        verified = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk")
        for email in verified.values_list("email", flat=True):
            if email_domain(email) in domains:
                return WorkAccount(email.lower(), user.get_full_name())
    return None
