"""Reads of the policy pages."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from wizard.organisations.models import Organisation
from wizard.policies.models import Policy

# What a list of policies shows (not the content, which is the bulk of a row).
# A row tells two policies of the same title apart by version, last change and who made it.
LIST_FIELDS = (
    "title",
    "version_label",
    "status",
    "language",
    "updated_at",
    "next_review_date",
    "organisation_id",
)


def dashboard_policies(organisation: Organisation) -> QuerySet[Policy]:
    """The organisation's policies, archived ones included, most recently changed first, as
    the dashboard pages them. A draft's row shows which steps are checked; a published one
    how many confirmed it (`with_confirmations`)."""
    return (
        Policy.objects.filter(organisation=organisation)
        .select_related("updated_by")
        .only(*LIST_FIELDS, "checked_steps", "incomplete_steps", "updated_by__username")
        .order_by("-updated_at", "-pk")
    )


def with_confirmations(organisation: Organisation, policies: list[Policy]) -> list[Policy]:
    """`policies` (one dashboard page), each published one with how many people on the
    organisation's staff list (`staff_count`) confirmed it (`confirmed_count`; without a staff
    list, everyone who confirmed: `confirmed_any_count`).

    The confirmations are counted in one grouped query for the published policies on the page
    only (usually one or none), not as subqueries of every row: compiling those cost more than
    the rest of the page's queries together.
    """
    published = [policy for policy in policies if policy.status == Policy.Status.PUBLISHED]
    if not published:
        return policies
    counts = {
        row["policy_id"]: row
        for row in organisation.acknowledgements.filter(policy__in=published)
        .values("policy_id")
        .annotate(
            confirmed_any_count=Count("pk"),
            confirmed_count=Count(
                "pk", filter=Q(email__in=organisation.staff_members.values("email"))
            ),
        )
    }
    staff_count = organisation.staff_members.count()
    for policy in published:
        row = counts.get(policy.pk, {})
        policy.confirmed_count = row.get("confirmed_count", 0)
        policy.confirmed_any_count = row.get("confirmed_any_count", 0)
        policy.staff_count = staff_count
    return policies
