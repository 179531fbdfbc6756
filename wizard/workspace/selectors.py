"""Reads of the consultant workspace: clients with their latest policies, templates."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from wizard.organisations.models import AUTHOR_ROLES, Membership, Organisation
from wizard.policies.models import Policy
from wizard.workspace.models import PolicyTemplate

POLICIES_PER_CLIENT = 5  # the latest; the client's own dashboard lists more


def consultant_clients(user) -> QuerySet[Organisation]:
    """The organisations `user` is a consultant of, by name, with how many current (not
    archived) policies each has."""
    return (
        Organisation.objects.for_user(user, roles={Membership.Role.CONSULTANT})
        .annotate(
            current_policy_count=Count(
                "policies", filter=~Q(policies__status=Policy.Status.ARCHIVED)
            )
        )
        .order_by("name", "pk")
    )


def with_latest_policies(clients: list[Organisation]) -> list[Organisation]:
    """The clients, each with `current_policies`: its latest current policies, at most
    POLICIES_PER_CLIENT (one query for the whole page)."""
    latest = (
        Policy.objects.current()
        .select_related("updated_by")
        .order_by("-updated_at", "-pk")[:POLICIES_PER_CLIENT]
    )
    prefetch_related_objects(
        clients, Prefetch("policies", queryset=latest, to_attr="current_policies")
    )
    return clients


def author_organisations(user) -> QuerySet[Organisation]:
    """The organisations where `user` may write policies: where a copy may go."""
    return Organisation.objects.for_user(user, roles=AUTHOR_ROLES).order_by("name")


def templates_of(user) -> QuerySet[PolicyTemplate]:
    if not user.is_authenticated:
        return PolicyTemplate.objects.none()
    return PolicyTemplate.objects.filter(owner=user)
