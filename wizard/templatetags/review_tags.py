"""Review comments and the workflow panel, fetched by the templates that include them, so the
wizard and review views need not know about them."""

from __future__ import annotations

from django import template
from django.db.models import prefetch_related_objects
from django.urls import reverse

from wizard import workflow
from wizard.blocks import BLOCKS
from wizard.document import text_in
from wizard.forms import interface_language
from wizard.models import Comment, Membership, Policy
from wizard.permissions import AUTHOR_ROLES, REVIEWER_ROLES, role_in
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


def comments_by_block(policy: Policy) -> list[dict]:
    """Every comment on the policy, grouped under the policy as a whole and then each block."""
    ui = interface_language()
    groups: dict[str, list[Comment]] = {}
    for comment in (
        Comment.objects.filter(policy=policy)
        .select_related("author", "resolved_by")
        .order_by("created_at", "pk")
    ):
        groups.setdefault(comment.block_key, []).append(comment)
    titles = [("", None), *((b.key, text_in(b.title, ui)) for b in BLOCKS)]
    return [
        {"key": key, "title": title, "comments": groups[key]}
        for key, title in titles
        if key in groups
    ]


@register.inclusion_tag("review/_panel.html", takes_context=True)
def review_panel(context, policy: Policy) -> dict:
    """Status, the allowed transitions, comments and links, for the policy's review page."""
    request = context["request"]
    role = role_in(request.user, policy.organisation)
    is_author = role in AUTHOR_ROLES
    is_reviewer = role in REVIEWER_ROLES
    transitions = workflow.allowed_transitions(policy, role)
    missing = context.get("missing_titles") or []
    if missing:
        transitions = [t for t in transitions if t.name != "submit"]
    open_version = None
    if policy.status in (Policy.Status.APPROVED, Policy.Status.PUBLISHED):
        open_version = (
            policy.new_versions.filter(status__in=workflow.OPEN_STATUSES).order_by("-pk").first()
        )
    share_link = ""
    if policy.status == Policy.Status.PUBLISHED and policy.share_token:
        share_link = request.build_absolute_uri(
            reverse("published_policy", kwargs={"token": policy.share_token})
        )
    return {
        "policy": policy,
        "role": role,
        "is_author": is_author,
        "is_reviewer": is_reviewer,
        "is_consultant": role == Membership.Role.CONSULTANT,
        "author_transitions": [t for t in transitions if t.roles == AUTHOR_ROLES],
        "decisions": [t for t in transitions if t.roles == REVIEWER_ROLES],
        "submit_blocked": bool(missing) and policy.is_content_editable and is_author,
        "open_version": open_version,
        "can_start_new_version": is_author
        and open_version is None
        and policy.status in (Policy.Status.APPROVED, Policy.Status.PUBLISHED),
        "share_link": share_link,
        "comment_groups": comments_by_block(policy),
        # Own id prefixes: the review page has its own form with a "title" field.
        "comment_form": CommentForm(auto_id="comment-%s") if is_reviewer else None,
        "decision_form": DecisionForm(auto_id="decision-%s"),
        "template_form": TemplateSaveForm(auto_id="template-%s", initial={"title": policy.title}),
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
