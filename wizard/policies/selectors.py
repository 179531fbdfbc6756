"""Reads of the policy pages."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

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


def _count_of(queryset: QuerySet, relation: str, **options) -> Subquery:
    # A count per row as a subquery in the one list query: no join multiplies the rows.
    counted = queryset.annotate(n=Count(relation, **options)).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def dashboard_policies(organisation: Organisation) -> QuerySet[Policy]:
    """The organisation's policies, archived ones included, most recently changed first; each
    with which steps are checked (a draft's row shows its progress) and how many people on the
    organisation's staff list (`staff_count`) confirmed it (`confirmed_count`; without a staff
    list, everyone who confirmed), for a published policy's progress."""
    on_staff_list = Q(
        acknowledgements__email__in=Organisation.objects.filter(
            pk=OuterRef("organisation_id")
        ).values("staff_members__email")
    )
    return (
        Policy.objects.filter(organisation=organisation)
        .select_related("updated_by")
        .only(*LIST_FIELDS, "checked_steps", "incomplete_steps", "updated_by__username")
        .annotate(
            confirmed_count=_count_of(
                Policy.objects.filter(pk=OuterRef("pk")), "acknowledgements", filter=on_staff_list
            ),
            confirmed_any_count=_count_of(
                Policy.objects.filter(pk=OuterRef("pk")), "acknowledgements"
            ),
            staff_count=_count_of(
                Organisation.objects.filter(pk=OuterRef("organisation_id")), "staff_members"
            ),
        )
        .order_by("-updated_at", "-pk")
    )
