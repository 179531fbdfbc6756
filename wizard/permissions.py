"""Who may see and do what. Every query for organisation data starts here, from memberships.

Another organisation's object is never "forbidden": it is simply not in the user's querysets, so
it answers 404 exactly like an object that does not exist.
"""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wizard import statements
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


@functools.cache
def _policy_with_role_sql() -> str:
    """The one statement behind `get_policy_or_404` (see wizard/statements.py for why it is
    written out): the ORM spent 0.6 ms compiling this join on every policy page, four times
    what running it costs."""
    return (
        f"SELECT {statements.columns(Policy, 'p')}, {statements.organisation_columns()}, "  # noqa: S608 - names from the models, values as parameters
        'm."user_id" AS "viewer_id", m."role" AS "viewer_role" '
        f"FROM {statements.table(Policy)} p "
        f'INNER JOIN {statements.table(Organisation)} o ON o."id" = p."organisation_id" '
        f'INNER JOIN {statements.table(Membership)} m ON m."organisation_id" = p."organisation_id" '
        'WHERE p."id" = %s AND m."user_id" = %s'
    )


def get_policy_or_404(user, pk) -> Policy:
    """The policy, with its organisation and the user's role in it, in one query.

    Only a policy of an organisation the user is a member of is found: any other id, of
    another organisation or of none, is the same 404.
    """
    if not user.is_authenticated:
        raise Http404
    # URLs give an int; anything else must be plain ASCII digits (int() would also take "١").
    if isinstance(pk, str) and pk.isascii() and pk.isdigit():
        pk = int(pk)
    if type(pk) is not int:
        raise Http404
    found = list(Policy.objects.raw(_policy_with_role_sql(), [pk, user.pk]))
    if not found:
        raise Http404
    return statements.attach_organisation(found[0])


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
