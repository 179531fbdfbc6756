"""Reads of the policy pages."""

from __future__ import annotations

from django.db.models import QuerySet

from wizard.organisations.models import Organisation
from wizard.policies.models import Policy


def dashboard_policies(organisation: Organisation) -> QuerySet[Policy]:
    """The organisation's policies, archived ones included, most recently changed first."""
    return (
        Policy.objects.filter(organisation=organisation)
        .select_related("updated_by")
        .order_by("-updated_at", "-pk")
    )
