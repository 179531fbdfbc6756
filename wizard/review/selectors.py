"""Reads of the review pages: the history timeline, the audit trail, the reviewer's queue.

Each starts from the user's memberships or from a policy the view already read through them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from heapq import merge

from django.db.models import QuerySet
from django.utils import timezone

from wizard.organisations.models import REVIEWER_ROLES, Membership, Organisation
from wizard.organisations.names import member_name
from wizard.policies.models import REVIEW_DUE_SOON_DAYS, AuditEvent, Comment, Policy

# Status changes shown between the revisions on the history page.
STATUS_ACTIONS = (
    AuditEvent.Action.SUBMIT,
    AuditEvent.Action.REQUEST_CHANGES,
    AuditEvent.Action.APPROVE,
    AuditEvent.Action.PUBLISH,
    AuditEvent.Action.ARCHIVE,
    AuditEvent.Action.NEW_VERSION,
)


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # "revision" or "status"
    created_at: datetime.datetime
    who: str | None
    number: int | None = None
    step: str = ""
    restored_from: int | None = None
    action: str = ""
    action_label: str = ""


class Timeline:
    """A policy's revisions and status changes, newest first, as a Paginator reads them.

    A page of the merged list needs at most `offset + limit` rows from each side; both are
    read newest first (along an index) and merged here. (Django's union() cannot limit each
    side on SQLite, and two short queries cost no more than one compound statement.)
    """

    def __init__(self, policy: Policy) -> None:
        self.revisions = policy.revisions.select_related("author").order_by(
            "-created_at", "-number"
        )
        self.events = (
            policy.audit_events.filter(action__in=STATUS_ACTIONS)
            .select_related("actor")
            .order_by("-created_at", "-pk")
        )

    def count(self) -> int:
        return self.revisions.count() + self.events.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[TimelineEntry]:
        start, stop = page.start or 0, page.stop
        revisions = (
            TimelineEntry(
                kind="revision",
                created_at=r.created_at,
                who=member_name(r.author) if r.author else None,
                number=r.number,
                step=r.step,
                restored_from=r.restored_from,
            )
            for r in self.revisions[:stop]
        )
        events = (
            TimelineEntry(
                kind="status",
                created_at=e.created_at,
                who=member_name(e.actor) if e.actor else None,
                action=e.action,
                action_label=e.get_action_display(),
            )
            for e in self.events[:stop]
        )
        merged = merge(revisions, events, key=lambda entry: entry.created_at, reverse=True)
        return list(merged)[start:stop]


def history_timeline(policy: Policy) -> Timeline:
    return Timeline(policy)


def audit_trail(policy: Policy) -> QuerySet[AuditEvent]:
    """The policy's audit events, newest first."""
    return policy.audit_events.select_related("actor").order_by("-created_at", "-pk")


def comments_by_block(policy: Policy, block_titles: dict[str, str]) -> list[dict]:
    """Every comment on the policy, grouped under the policy as a whole, then each block in
    the order of `block_titles` ({key: title})."""
    groups: dict[str, list[Comment]] = {}
    for comment in Comment.objects.of_policy(policy):
        groups.setdefault(comment.block_key, []).append(comment)
    return [
        {"key": key, "title": title, "comments": groups[key]}
        for key, title in [("", None), *block_titles.items()]
        if key in groups
    ]


def reviewed_organisations(user) -> QuerySet[Organisation]:
    return Organisation.objects.for_user(user, roles=REVIEWER_ROLES)


def is_reviewer(user) -> bool:
    return Membership.objects.has_role(user, Membership.Role.REVIEWER)


# What the queue shows of a policy. Only these are read: a reviewer of 1,000 organisations
# has 1,000 policies waiting, which the database sorts for the first page, and carrying each
# policy's content (about 1 KB of JSON) through that sort cost 7 ms at scale (1 ms without).
QUEUE_FIELDS = (
    "title",
    "status",
    "version_label",
    "next_review_date",
    "submitted_at",
    "organisation__name",
)


def waiting_for(user) -> QuerySet[Policy]:
    """Policies waiting for review in the organisations `user` reviews (unordered)."""
    return Policy.objects.filter(
        status=Policy.Status.IN_REVIEW, organisation__in=reviewed_organisations(user)
    )


class ReviewQueue:
    """The policies waiting for `user`'s review, oldest first, as a Paginator reads them.

    A page's ids are picked first, along the queue's index, and only that page's rows are read
    with their organisation and submitter. Read in one query, SQLite fetched and sorted every
    waiting policy with its joins: 2.7 ms for a reviewer of 1,000 organisations, 0.6 ms so.
    """

    def __init__(self, user) -> None:
        self.waiting = waiting_for(user)

    def count(self) -> int:
        return self.waiting.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[Policy]:
        ids = self.waiting.order_by("submitted_at", "pk").values("pk")[page]
        return list(
            Policy.objects.filter(pk__in=ids)
            .select_related("organisation", "submitted_by")
            .only(*QUEUE_FIELDS, "submitted_by__username")
            .order_by("submitted_at", "pk")
        )


def review_count(user) -> int:
    """How many policies wait for `user`'s review, in all the organisations they review: one
    count along the queue's index, for the header's "To review (N)"."""
    return waiting_for(user).count()


def reviews_due(user) -> QuerySet[Policy]:
    """Approved and published policies whose periodic review is due soon or overdue, the most
    urgent first."""
    soon = timezone.localdate() + datetime.timedelta(days=REVIEW_DUE_SOON_DAYS)
    return (
        Policy.objects.approved()
        .filter(next_review_date__lte=soon, organisation__in=reviewed_organisations(user))
        .select_related("organisation")
        .only(*QUEUE_FIELDS)
        .order_by("next_review_date", "pk")
    )


def policies_near_review(today: datetime.date, *, before: int, after: int) -> QuerySet[Policy]:
    """Approved and published policies whose next review date lies from `after` days ago to
    `before` days ahead: those the review-date reminders look at (wizard/review/reminders.py).

    Not a user's read: the daily reminder run goes over every organisation.
    """
    return (
        Policy.objects.approved()
        .filter(
            next_review_date__gte=today - datetime.timedelta(days=after),
            next_review_date__lte=today + datetime.timedelta(days=before),
        )
        .select_related("organisation")
        .order_by("next_review_date", "pk")
    )
