"""Reads of the policy pages."""

from __future__ import annotations

from django.db.models import QuerySet

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
    """The organisation's policies, archived ones included, most recently changed first, with
    which steps are checked (a draft's row shows its progress)."""
    return (
        Policy.objects.filter(organisation=organisation)
        .select_related("updated_by")
        .only(*LIST_FIELDS, "checked_steps", "incomplete_steps", "updated_by__username")
        .order_by("-updated_at", "-pk")
    )
