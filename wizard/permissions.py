"""Who may see and do what. Every query for organisation data starts here, from memberships.

Another organisation's object is never "forbidden": it is simply not in the user's querysets, so
it answers 404 exactly like an object that does not exist.
"""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.models import QuerySet
from django.http import Http404
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


@functools.cache
def _policy_with_role_sql() -> tuple[str, list[tuple[str, object]]]:
    """The one statement behind `get_policy_or_404`, and the organisation's columns in it.

    The ORM builds this join anew for every request, and compiling it cost 0.6 ms, about four
    times what running it costs; it is the first thing every policy page does. So it is
    written out once, from the models' own table and column names.
    """
    policy, organisation, membership = (
        Policy._meta,
        Organisation._meta,
        Membership._meta,
    )
    organisation_fields = [(f"org__{f.attname}", f) for f in organisation.concrete_fields]
    columns = [f'p."{f.column}"' for f in policy.concrete_fields]
    columns += [f'o."{f.column}" AS "{alias}"' for alias, f in organisation_fields]
    columns += ['m."user_id" AS "viewer_id"', 'm."role" AS "viewer_role"']
    # Only the models' own table and column names are interpolated; the values are parameters.
    sql = (
        f"SELECT {', '.join(columns)} "  # noqa: S608 - no user input in the text
        f'FROM "{policy.db_table}" p '
        f'INNER JOIN "{organisation.db_table}" o ON o."id" = p."organisation_id" '
        f'INNER JOIN "{membership.db_table}" m ON m."organisation_id" = p."organisation_id" '
        'WHERE p."id" = %s AND m."user_id" = %s'
    )
    return sql, organisation_fields


def _organisation_from_row(policy: Policy, organisation_fields) -> Organisation:
    """The organisation read by the same statement, converted as the ORM converts columns."""
    connection = connections[policy._state.db]
    values = []
    for alias, field in organisation_fields:
        value = policy.__dict__.pop(alias)
        column = field.get_col(Organisation._meta.db_table)
        for converter in connection.ops.get_db_converters(column) + field.get_db_converters(
            connection
        ):
            value = converter(value, column, connection)
        values.append(value)
    return Organisation.from_db(
        policy._state.db, [f.attname for _alias, f in organisation_fields], values
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
    sql, organisation_fields = _policy_with_role_sql()
    found = list(Policy.objects.raw(sql, [pk, user.pk]))
    if not found:
        raise Http404
    policy = found[0]
    policy.organisation = _organisation_from_row(policy, organisation_fields)
    return policy


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
