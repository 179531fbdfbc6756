"""Who may see and do what. Every query for organisation data starts here, from memberships.

Another organisation's object is never "forbidden": it is simply not in the user's querysets, so
it answers 404 exactly like an object that does not exist.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wizard.models import Membership, Organisation, Policy

Role = Membership.Role

# Roles that may change a policy's content.
AUTHOR_ROLES = frozenset({Role.EDITOR, Role.CONSULTANT})
REVIEWER_ROLES = frozenset({Role.REVIEWER})

NOT_AN_AUTHOR = _("Only editors and consultants of this organisation can change its policies.")
NOT_A_REVIEWER = _("Only reviewers of this organisation can do this.")
NOT_A_CONSULTANT = _("Only consultants can create client organisations.")


def organisations_for(user) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user)


def policies_for(user) -> QuerySet[Policy]:
    if not user.is_authenticated:
        return Policy.objects.none()
    return Policy.objects.filter(organisation__memberships__user=user).select_related(
        "organisation"
    )


def get_policy_or_404(user, pk) -> Policy:
    """The policy, with the user's role in its organisation read by the same query."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        policies_for(user).annotate(
            viewer_id=F("organisation__memberships__user_id"),
            viewer_role=F("organisation__memberships__role"),
        ),
        pk=pk,
    )


def role_in(user, organisation: Organisation) -> str | None:
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(user=user, organisation=organisation).only("role").first()
    )
    return membership.role if membership else None


def policy_role(user, policy: Policy) -> str | None:
    """The user's role in the policy's organisation; no query when get_policy_or_404 read it."""
    if user.is_authenticated and getattr(policy, "viewer_id", None) == user.pk:
        return policy.viewer_role
    return role_in(user, policy.organisation)


def can_edit(user, policy: Policy) -> bool:
    return policy_role(user, policy) in AUTHOR_ROLES


def can_review(user, policy: Policy) -> bool:
    return policy_role(user, policy) in REVIEWER_ROLES


def require_author(user, policy: Policy) -> None:
    if not can_edit(user, policy):
        raise PermissionDenied(NOT_AN_AUTHOR)


def require_reviewer(user, policy: Policy) -> None:
    if not can_review(user, policy):
        raise PermissionDenied(NOT_A_REVIEWER)


def is_consultant(user) -> bool:
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, role=Role.CONSULTANT).exists()
    )
