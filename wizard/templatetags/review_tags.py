"""Review comments and the workflow panel, fetched by the templates that include them, so the
wizard and review views need not know about them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import template
from django.contrib.auth import get_user_model
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from wizard import workflow
from wizard.blocks import BLOCKS
from wizard.document import text_in
from wizard.forms import interface_language
from wizard.fragments import fragment_key
from wizard.models import Comment, Membership, Policy
from wizard.permissions import AUTHOR_ROLES, REVIEWER_ROLES, policy_role
from wizard.review_forms import CommentForm, DecisionForm, TemplateSaveForm

register = template.Library()


@register.inclusion_tag("review/_step_comments.html", takes_context=True)
def step_comments(context, policy: Policy, block_key: str) -> dict:
    """The reviewers' comments on one building block, open ones first, for its wizard step."""
    # Most steps have no comments: ask for them plainly, and fetch their authors only if any.
    comments = list(
        Comment.objects.filter(policy_id=policy.pk, block_key=block_key).order_by(
            "created_at", "pk"
        )
    )
    if comments:
        prefetch_related_objects(comments, "author", "resolved_by")
    request = context.get("request")
    return {
        "policy": policy,
        "open_comments": [c for c in comments if not c.is_resolved],
        "resolved_comments": [c for c in comments if c.is_resolved],
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path() if request else "",
    }


@dataclass(frozen=True, slots=True)
class Person:
    """A comment's author or resolver, as the page names them."""

    username: str


@dataclass(frozen=True, slots=True)
class ShownComment:
    """What the review page shows of a comment, read as one row with its people's names."""

    pk: int
    block_key: str
    text: str
    created_at: datetime.datetime
    resolved_at: datetime.datetime | None
    author: Person | None
    resolved_by: Person | None


SHOWN_COMMENT_FIELDS = (
    "pk",
    "block_key",
    "text",
    "created_at",
    "resolved_at",
    "author__username",
    "resolved_by__username",
)


def comment_rows(policy: Policy) -> list[tuple]:
    """Every comment on the policy, oldest first: one row of SHOWN_COMMENT_FIELDS each."""
    return list(
        Comment.objects.filter(policy_id=policy.pk)
        .order_by("created_at", "pk")
        .values_list(*SHOWN_COMMENT_FIELDS)
    )


def shown_comment(row: tuple) -> ShownComment:
    pk, block_key, text, created_at, resolved_at, author, resolved_by = row
    return ShownComment(
        pk=pk,
        block_key=block_key,
        text=text,
        created_at=created_at,
        resolved_at=resolved_at,
        author=Person(author) if author is not None else None,
        resolved_by=Person(resolved_by) if resolved_by is not None else None,
    )


def comments_by_block(policy: Policy, rows: list[tuple] | None = None) -> list[dict]:
    """Every comment on the policy, grouped under the policy as a whole and then each block."""
    ui = interface_language()
    groups: dict[str, list[ShownComment]] = {}
    for row in comment_rows(policy) if rows is None else rows:
        comment = shown_comment(row)
        groups.setdefault(comment.block_key, []).append(comment)
    titles = [("", None), *((b.key, text_in(b.title, ui)) for b in BLOCKS)]
    return [
        {"key": key, "title": title, "comments": groups[key]}
        for key, title in titles
        if key in groups
    ]


@register.inclusion_tag("review/_panel.html", takes_context=True)
def review_panel(context, policy: Policy) -> dict:
    """Status, the allowed transitions, comments and links, for the policy's review page.

    What shows only data (the status, the comments when they carry no form, the fields of the
    unbound forms) is a cached fragment under a fingerprint of what it shows; the forms are
    built only when their fragment is rendered.
    """
    request = context["request"]
    # get_policy_or_404 read the viewer's role with the policy: no query.
    role = policy_role(request.user, policy)
    is_author = role in AUTHOR_ROLES
    is_reviewer = role in REVIEWER_ROLES
    is_consultant = role == Membership.Role.CONSULTANT
    transitions = workflow.allowed_transitions(policy, role)
    missing = context.get("missing_titles") or []
    if missing:
        transitions = [t for t in transitions if t.name != "submit"]
    decisions = [t for t in transitions if t.roles == REVIEWER_ROLES]
    open_version_pk = None
    if policy.status in (Policy.Status.APPROVED, Policy.Status.PUBLISHED):
        open_version_pk = (
            policy.new_versions.filter(status__in=workflow.OPEN_STATUSES)
            .order_by("-pk")
            .values_list("pk", flat=True)
            .first()
        )
    submitter = None
    if policy.submitted_at and policy.submitted_by_id:
        submitter = (
            get_user_model()
            .objects.filter(pk=policy.submitted_by_id)
            .values_list("username", flat=True)
            .first()
        )
    share_link = ""
    if policy.status == Policy.Status.PUBLISHED and policy.share_token:
        share_link = request.build_absolute_uri(
            reverse("published_policy", kwargs={"token": policy.share_token})
        )
    submit_blocked = bool(missing) and policy.is_content_editable and is_author
    rows = comment_rows(policy)
    # An author sees a "Mark as resolved" form (with its CSRF token) at each open comment, so
    # that list is rendered every time; so is an empty one, which costs next to nothing.
    resolved_at = SHOWN_COMMENT_FIELDS.index("resolved_at")
    with_forms = is_author and any(row[resolved_at] is None for row in rows)
    title = policy.title
    return {
        "policy": policy,
        "role": role,
        "is_author": is_author,
        "is_reviewer": is_reviewer,
        "is_consultant": is_consultant,
        "author_transitions": [t for t in transitions if t.roles == AUTHOR_ROLES],
        "decisions": decisions,
        "submit_blocked": submit_blocked,
        "open_version_pk": open_version_pk,
        "submitter": submitter,
        "can_start_new_version": is_author
        and open_version_pk is None
        and policy.status in (Policy.Status.APPROVED, Policy.Status.PUBLISHED),
        "share_link": share_link,
        "status_key": fragment_key(
            "review-status",
            policy.status,
            policy.version_label,
            policy.submitted_at,
            submitter,
            policy.next_review_date,
            policy.based_on_id,
            open_version_pk,
            is_author,
            submit_blocked,
        ),
        "comment_groups": SimpleLazyObject(lambda: comments_by_block(policy, rows)),
        # The rows are everything the list shows.
        "comments_key": (
            fragment_key("review-comments", rows) if rows and not with_forms else None
        ),
        # Own id prefixes: the review page has its own form with a "title" field.
        "comment_form": SimpleLazyObject(lambda: CommentForm(auto_id="comment-%s")),
        "decision_form": SimpleLazyObject(lambda: DecisionForm(auto_id="decision-%s")),
        "template_form": SimpleLazyObject(
            lambda: TemplateSaveForm(auto_id="template-%s", initial={"title": title})
        ),
        # The unbound forms' fields show their labels (in the interface language, part of
        # every key) and, for the template form, the policy's title.
        "comment_fields_key": fragment_key("review-comment-fields") if is_reviewer else None,
        "decision_fields_key": fragment_key("review-decision-fields") if decisions else None,
        "template_fields_key": (
            fragment_key("review-template-fields", title) if is_consultant else None
        ),
        "csrf_token": context.get("csrf_token"),
        "next": request.get_full_path(),
    }


@register.filter
def review_due(policy: Policy) -> str:
    """ "overdue", "due" or "" for the policy's next review date."""
    return workflow.review_due_state(policy)


@register.filter
def has_role(memberships, role: str) -> bool:
    """Whether any of `memberships` (already fetched for the header) has `role`."""
    return any(m.role == role for m in memberships or ())


@register.simple_tag
def block_title(key: str) -> str:
    ui = interface_language()
    for block in BLOCKS:
        if block.key == key:
            return text_in(block.title, ui)
    return ""
