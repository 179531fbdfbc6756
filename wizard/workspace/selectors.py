"""Reads of the consultant workspace: clients with their latest policies, templates."""

from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet, prefetch_related_objects

from wizard.organisations.models import AUTHOR_ROLES, Membership, Organisation
from wizard.policies.models import Policy
from wizard.policies.selectors import LIST_FIELDS
from wizard.workspace.models import PolicyTemplate

POLICIES_PER_CLIENT = 5  # the latest; the client's own dashboard lists more


def consultant_clients(user) -> QuerySet[Organisation]:
    """The organisations `user` is a consultant of, by name."""
    return Organisation.objects.for_user(user, roles={Membership.Role.CONSULTANT}).order_by(
        "name", "pk"
    )


def with_latest_policies(clients: list[Organisation]) -> list[Organisation]:
    """The clients of one page, each with `current_policy_count` (not archived) and
    `current_policies`: its latest current policies, at most POLICIES_PER_CLIENT.

    Two queries for the page, whatever the number of clients in all: counting is done for
    the page's clients only, after the page is chosen (counting in the page query would
    count every client's policies before the LIMIT: 20,000 rows for a consultant of 1,000).
    """
    counts = dict(
        Policy.objects.current()
        .filter(organisation__in=clients)
        .values_list("organisation")
        .annotate(count=Count("pk"))
        .order_by()
    )
    latest = (
        Policy.objects.current()
        .select_related("updated_by")
        .only(*LIST_FIELDS, "updated_by__username")
        .order_by("-updated_at", "-pk")[:POLICIES_PER_CLIENT]
    )
    prefetch_related_objects(
        clients, Prefetch("policies", queryset=latest, to_attr="current_policies")
    )
    for client in clients:
        client.current_policy_count = counts.get(client.pk, 0)
    return clients


def author_organisations(user) -> QuerySet[Organisation]:
    """The organisations where `user` may write policies: where a copy may go."""
    return Organisation.objects.for_user(user, roles=AUTHOR_ROLES).order_by("name")


def templates_of(user) -> QuerySet[PolicyTemplate]:
    if not user.is_authenticated:
        return PolicyTemplate.objects.none()
    return PolicyTemplate.objects.filter(owner=user)
