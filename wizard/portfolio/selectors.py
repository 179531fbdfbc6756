"""The portfolio's rows: one per client, with its current policy read by subqueries, so a
page costs the same few queries for 20 clients or 1,000."""

from __future__ import annotations

import datetime

from django.db.models import F, OuterRef, QuerySet, Subquery

from wizard.masters.models import ProposedUpdate
from wizard.organisations.models import Membership, Organisation
from wizard.policies.models import Policy

SORTS = {
    "name": ("name", "pk"),
    "status": ("policy_status", "name", "pk"),
    "review": (F("policy_review").asc(nulls_last=True), "name", "pk"),
    "update": (F("update_id").desc(nulls_last=True), "name", "pk"),
}
STATUS_FILTERS = {status.value for status in Policy.Status} | {"none"}


def portfolio(
    user,
    *,
    today: datetime.date,
    sort: str = "name",
    status: str = "",
    overdue: bool = False,
    waiting: bool = False,
) -> QuerySet[Organisation]:
    """The organisations `user` is the consultant of, each with its current policy (the
    newest that is not archived): `policy_id`, `policy_title`, `policy_status`,
    `policy_version`, `policy_review`, and `update_id` (a master's update to decide)."""
    current = (
        Policy.objects.current().filter(organisation=OuterRef("pk")).order_by("-updated_at", "-pk")
    )
    clients = Organisation.objects.for_user(user, roles={Membership.Role.CONSULTANT}).annotate(
        policy_id=Subquery(current.values("pk")[:1]),
        policy_title=Subquery(current.values("title")[:1]),
        policy_status=Subquery(current.values("status")[:1]),
        policy_version=Subquery(current.values("version_label")[:1]),
        policy_review=Subquery(current.values("next_review_date")[:1]),
        update_id=Subquery(
            ProposedUpdate.objects.filter(
                policy__organisation=OuterRef("pk"), status=ProposedUpdate.Status.OPEN
            )
            .order_by("-pk")
            .values("pk")[:1]
        ),
    )
    if status == "none":
        clients = clients.filter(policy_id__isnull=True)
    elif status in STATUS_FILTERS:
        clients = clients.filter(policy_status=status)
    if overdue:
        clients = clients.filter(
            policy_status__in=Policy.APPROVED_STATUSES, policy_review__lt=today
        )
    if waiting:
        clients = clients.filter(update_id__isnull=False)
    return clients.only("pk", "name").order_by(*SORTS.get(sort, SORTS["name"]))


def is_overdue(client: Organisation, today: datetime.date) -> bool:
    return bool(
        client.policy_status in Policy.APPROVED_STATUSES
        and client.policy_review
        and client.policy_review < today
    )
