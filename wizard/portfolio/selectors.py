"""The portfolio's rows: one per client, with its current policy read by subqueries, so a
page costs the same few queries for 20 clients or 1,000.

Sorting and filtering read only what they need for every client; what a row shows besides
(consent, confirmations) is read for the rows of one page (`portfolio_page`)."""

from __future__ import annotations

import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from wizard.consent.selectors import consent_status
from wizard.masters.models import ProposedUpdate
from wizard.organisations.models import Membership, Organisation
from wizard.policies.models import Policy
from wizard.rollout.models import Acknowledgement, StaffMember

SORTS = {
    "name": ("name", "pk"),
    "status": ("policy_status", "name", "pk"),
    "review": (F("policy_review").asc(nulls_last=True), "name", "pk"),
    "update": (F("update_id").desc(nulls_last=True), "name", "pk"),
}
SORT_NEEDS = {"status": ["policy_status"], "review": ["policy_review"], "update": ["update_id"]}
STATUS_FILTERS = {status.value for status in Policy.Status} | {"none"}


def _count(queryset: QuerySet, group_by: str) -> Coalesce:
    # A count per row as a subquery: no join multiplies the client rows.
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _current(field: str) -> Subquery:
    """A field of the client's current policy: the newest that is not archived."""
    current = (
        Policy.objects.current().filter(organisation=OuterRef("pk")).order_by("-updated_at", "-pk")
    )
    if field == "consent_status":
        current = current.annotate(consent_status=consent_status())
    return Subquery(current.values(field)[:1])


def _published() -> Subquery:
    # The newest published policy (a client normally has one): as MAX(id) over an index on
    # (status, organisation), not a walk through all the client's policies newest first.
    return Subquery(
        Policy.objects.filter(organisation=OuterRef("pk"), status=Policy.Status.PUBLISHED)
        .order_by()
        .values("organisation")
        .annotate(newest=Max("pk"))
        .values("newest")
    )


def _confirmed(*, on_staff_list: bool) -> Coalesce:
    confirmations = Acknowledgement.objects.filter(policy=OuterRef("published_id"))
    if on_staff_list:
        staff = StaffMember.objects.filter(organisation=OuterRef(OuterRef("pk")))
        confirmations = confirmations.filter(email__in=staff.values("email"))
    return _count(confirmations, "policy")


# What a row shows, each built when asked for (building them is most of a page's own CPU).
COLUMNS = {
    "policy_id": lambda: _current("pk"),
    "policy_title": lambda: _current("title"),
    "policy_status": lambda: _current("status"),
    "policy_version": lambda: _current("version_label"),
    "policy_review": lambda: _current("next_review_date"),
    "consent_status": lambda: _current("consent_status"),
    "update_id": lambda: Subquery(
        ProposedUpdate.objects.filter(
            policy__organisation=OuterRef("pk"), status=ProposedUpdate.Status.OPEN
        )
        .order_by("-pk")
        .values("pk")[:1]
    ),
    "published_id": _published,
    "staff": lambda: _count(
        StaffMember.objects.filter(organisation=OuterRef("pk")), "organisation"
    ),
}
# Counts of the confirmations of `published_id`, annotated after it.
COUNTS = {
    "confirmed": lambda: _confirmed(on_staff_list=True),
    "confirmed_any": lambda: _confirmed(on_staff_list=False),
}


def with_columns(clients: QuerySet[Organisation], names=None) -> QuerySet[Organisation]:
    """`clients` with the columns `names` (all, by default) that it does not have yet: of the
    current policy `policy_id`, `policy_title`, `policy_status`, `policy_version`,
    `policy_review`, `consent_status` (a ConsentStatus) and `update_id` (a master's update to
    decide); of the version published now (`published_id`), how many on the staff list
    confirmed it (`confirmed`, of `staff`; `confirmed_any` counts everyone who did, for a
    client without a staff list)."""
    names = set(COLUMNS) | set(COUNTS) if names is None else set(names)
    if names & set(COUNTS):
        names.add("published_id")
    missing = names - set(clients.query.annotations)
    clients = clients.annotate(**{n: build() for n, build in COLUMNS.items() if n in missing})
    if counts := {n: build() for n, build in COUNTS.items() if n in missing}:
        clients = clients.annotate(**counts)
    return clients


def portfolio(
    user,
    *,
    today: datetime.date,
    sort: str = "name",
    status: str = "",
    overdue: bool = False,
    waiting: bool = False,
) -> QuerySet[Organisation]:
    """The organisations `user` is the consultant of, sorted and filtered, with the columns
    the sort and the filters read (`with_columns` adds the others)."""
    needed = set(SORT_NEEDS.get(sort, ()))
    needed |= {"policy_id"} if status == "none" else {"policy_status"} if status else set()
    needed |= {"policy_status", "policy_review"} if overdue else set()
    needed |= {"update_id"} if waiting else set()
    clients = with_columns(
        Organisation.objects.for_user(user, roles={Membership.Role.CONSULTANT}), needed
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


def portfolio_page(clients: QuerySet[Organisation], number, *, per_page: int) -> Page:
    """One page of `clients`: which ones is found reading only what the sort and the filters
    need (the client's name, by default); the page's rows are then read with all they show."""
    page = Paginator(clients.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = with_columns(Organisation.objects.filter(pk__in=ids).only("pk", "name"))
    position = {pk: n for n, pk in enumerate(ids)}
    page.object_list = sorted(rows, key=lambda row: position[row.pk]) if ids else []
    return page


def is_overdue(client: Organisation, today: datetime.date) -> bool:
    return bool(
        client.policy_status in Policy.APPROVED_STATUSES
        and client.policy_review
        and client.policy_review < today
    )


def confirmed_percentage(client: Organisation) -> int | None:
    """The share of the staff list that confirmed the version published now, in whole
    percents (rounded down, so 100 means everyone)."""
    if not client.published_id or not client.staff:
        return None
    return client.confirmed * 100 // client.staff
