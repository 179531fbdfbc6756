"""Reading what decides how someone signs in: two-step login rules and single sign-on."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest

from wizard.accounts.models import Consultant
from wizard.organisations.models import Membership, Organisation
from wizard.policies.models import Comment

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


def account_data(*, user) -> dict:
    """Everything the app keeps about the user's account, for them to download."""
    return {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "advises_clients": Consultant.objects.filter(user=user).exists(),
        },
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        "memberships": [
            {"organisation": name, "role": role, "since": since.isoformat()}
            for name, role, since in Membership.objects.for_user(user)
            .order_by("organisation__name")
            .values_list("organisation__name", "role", "created_at")
        ],
        "two_step_login": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "single_sign_on": list(SocialAccount.objects.filter(user=user).values("provider", "uid")),
        "sessions": [
            {
                "address": ip,
                "device": agent,
                "logged_in": created.isoformat(),
                "last_seen": seen.isoformat(),
            }
            for ip, agent, created, seen in UserSession.objects.filter(user=user).values_list(
                "ip", "user_agent", "created_at", "last_seen_at"
            )
        ],
        "comments": [
            {"policy": title, "text": text, "written": written.isoformat()}
            for title, text, written in Comment.objects.filter(author=user)
            .order_by("created_at")
            .values_list("policy__title", "text", "created_at")
        ],
    }


def sole_editor_of(user) -> list[str]:
    """The organisations that would have no editor left without this user."""
    editing = Membership.objects.for_user(user).filter(role=Membership.Role.EDITOR)
    return list(
        Organisation.objects.filter(pk__in=editing.values("organisation_id"))
        .annotate(editors=Count("memberships", filter=Q(memberships__role=Membership.Role.EDITOR)))
        .filter(editors=1)
        .order_by("name")
        .values_list("name", flat=True)
    )
