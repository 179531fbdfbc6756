"""Reading what decides how someone signs in: two-step login rules and single sign-on."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest

from wizard.accounts.models import Consultant
from wizard.organisations.models import Membership, Organisation

# Recovery codes alone are no second step: they back up an app or a key.
SECOND_STEPS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def has_two_step_login(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_STEPS).exists()


def is_staff_role(user) -> bool:
    """Superusers and consultants: one account that opens many organisations."""
    return (
        user.is_superuser
        or Membership.objects.has_role(user, Membership.Role.CONSULTANT)
        or Consultant.objects.is_consultant(user)
    )


def two_step_login_required(request: HttpRequest) -> bool:
    """Whether this request's user must have two-step login before the app opens: their
    current organisation asks it of every member, or the deployment of staff roles."""
    user = request.user
    membership = request.memberships.current
    if membership is not None and membership.organisation.require_two_step_login:
        return True
    return settings.REQUIRE_MFA_FOR_STAFF_ROLES and is_staff_role(user)


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
