"""The status workflow of a policy, its review comments, new versions and the staff link.

draft → in review → changes requested → (in review again) → approved → published, and archived
from anywhere. Every transition is a plain function that checks who may make it and from which
status, and raises `PermissionDenied` with one of the messages below (a 403 in a view).

The transitions are declared once in `TRANSITIONS`; the review page asks `allowed_transitions`
which buttons to show, so a button and the rule behind it can't drift apart.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard import notifications
from wizard.blocks import BLOCKS, BLOCKS_BY_KEY
from wizard.document import clean_text, text_in
from wizard.forms import block_form_errors, interface_language
from wizard.models import AuditEvent, Comment, Policy, one_year_from_today
from wizard.permissions import AUTHOR_ROLES, REVIEWER_ROLES, require_author, role_in
from wizard.services import audit, record_revision

Status = Policy.Status
Action = AuditEvent.Action

CANNOT_SUBMIT = _("Only a draft or a policy with requested changes can be submitted for review.")
SUBMIT_INCOMPLETE = _("Complete these steps before you submit the policy for review: %(blocks)s.")
NOT_IN_REVIEW = _("This policy is not waiting for review, so there is nothing to decide.")
CANNOT_PUBLISH = _("Only an approved policy can be published.")
ALREADY_ARCHIVED = _("This policy is already archived.")
ONLY_AUTHORS_SUBMIT = _("Only editors and consultants of this organisation can submit it.")
ONLY_REVIEWERS_DECIDE = _("Only reviewers of this organisation can request changes or approve.")
ONLY_AUTHORS_PUBLISH = _("Only editors and consultants of this organisation can publish it.")
ONLY_AUTHORS_ARCHIVE = _("Only editors and consultants of this organisation can archive it.")
IN_REVIEW_LOCKED = _(
    "This policy is waiting for review and cannot be changed now. Wait for the reviewer's decision."
)
ARCHIVED_READ_ONLY = _("An archived policy cannot be changed.")
NEW_VERSION_NOTICE = _(
    "You are editing a new version. The approved version stays as it is until this one is approved."
)
NEW_VERSION_NEEDS_APPROVAL = _("Only an approved or published policy gets a new version.")
ONLY_REVIEWERS_COMMENT = _("Only reviewers of this organisation can comment.")
NO_COMMENTS_WHEN_ARCHIVED = _("An archived policy cannot get new comments.")
EMPTY_COMMENT = _("Write a comment.")
UNKNOWN_BLOCK = _("There is no such building block.")
ONLY_AUTHORS_RESOLVE = _("Only editors and consultants of this organisation can resolve comments.")
SHARE_NEEDS_PUBLISHED = _("Only a published policy can have a staff link.")
ONLY_AUTHORS_SHARE = _("Only editors and consultants of this organisation can manage the link.")

COMMENT_MAX_LENGTH = 2000
# A new version continues the approved one's lineage; older published ones are looked up this
# far back at most, far beyond any real history.
LINEAGE_LIMIT = 100
# Statuses of a new version that is still being worked on (so no second one is started).
OPEN_STATUSES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED, Status.IN_REVIEW})


@dataclass(frozen=True)
class Transition:
    name: str  # also the URL name of the view that makes it: policy_<name>
    label: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    action: str  # the AuditEvent action recorded
    wrong_status: str  # the refusal when the policy is in another status
    wrong_role: str  # the refusal for a member with another role
    primary: bool = False

    @property
    def url_name(self) -> str:
        return f"policy_{self.name}"


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "submit",
            _("Submit for review"),
            frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}),
            Status.IN_REVIEW,
            AUTHOR_ROLES,
            Action.SUBMIT,
            CANNOT_SUBMIT,
            ONLY_AUTHORS_SUBMIT,
            primary=True,
        ),
        Transition(
            "request_changes",
            _("Request changes"),
            frozenset({Status.IN_REVIEW}),
            Status.CHANGES_REQUESTED,
            REVIEWER_ROLES,
            Action.REQUEST_CHANGES,
            NOT_IN_REVIEW,
            ONLY_REVIEWERS_DECIDE,
        ),
        Transition(
            "approve",
            _("Approve"),
            frozenset({Status.IN_REVIEW}),
            Status.APPROVED,
            REVIEWER_ROLES,
            Action.APPROVE,
            NOT_IN_REVIEW,
            ONLY_REVIEWERS_DECIDE,
            primary=True,
        ),
        Transition(
            "publish",
            _("Publish"),
            frozenset({Status.APPROVED}),
            Status.PUBLISHED,
            AUTHOR_ROLES,
            Action.PUBLISH,
            CANNOT_PUBLISH,
            ONLY_AUTHORS_PUBLISH,
            primary=True,
        ),
        Transition(
            "archive",
            _("Archive"),
            frozenset(set(Status) - {Status.ARCHIVED}),
            Status.ARCHIVED,
            AUTHOR_ROLES,
            Action.ARCHIVE,
            ALREADY_ARCHIVED,
            ONLY_AUTHORS_ARCHIVE,
        ),
    )
}


def allowed_transitions(policy: Policy, role: str | None) -> list[Transition]:
    """The transitions a member with `role` may make on `policy` as it is now."""
    return [t for t in TRANSITIONS.values() if policy.status in t.sources and role in t.roles]


@transaction.atomic
def _transition(
    *,
    policy: Policy,
    user,
    name: str,
    detail: str = "",
    check: Callable[[Policy], None] | None = None,
) -> Policy:
    """Check and make one transition on a locked, freshly read row; update `policy` in place.

    `check` may refuse the transition for a reason of its own, before anything is written.
    """
    transition = TRANSITIONS[name]
    locked = Policy.objects.select_for_update().select_related("organisation").get(pk=policy.pk)
    # The role first: a reviewer trying to publish learns it is not theirs to do, whatever the
    # status happens to be.
    if role_in(user, locked.organisation) not in transition.roles:
        raise PermissionDenied(transition.wrong_role)
    if locked.status not in transition.sources:
        raise PermissionDenied(transition.wrong_status)
    if check is not None:
        check(locked)
    locked.status = transition.target
    locked.save(update_fields=["status", "updated_at"])
    audit(
        organisation=locked.organisation,
        actor=user,
        action=transition.action,
        policy=locked,
        detail=detail,
    )
    policy.status = locked.status
    policy.updated_at = locked.updated_at
    return locked


def incomplete_block_titles(policy: Policy) -> list[str]:
    ui = interface_language()
    return [text_in(b.title, ui) for b in BLOCKS if block_form_errors(policy, b)]


def require_complete(policy: Policy) -> None:
    if missing := incomplete_block_titles(policy):
        raise PermissionDenied(
            SUBMIT_INCOMPLETE % {"blocks": ", ".join(f"“{title}”" for title in missing)}
        )


@transaction.atomic
def policy_submit(*, policy: Policy, user) -> Policy:
    """An editor or consultant sends a draft (or a policy with requested changes) for review."""
    locked = _transition(policy=policy, user=user, name="submit", check=require_complete)
    locked.submitted_by = user
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["submitted_by", "submitted_at"])
    transaction.on_commit(partial(notifications.notify_submitted, policy=locked), robust=True)
    return locked


@transaction.atomic
def policy_request_changes(*, policy: Policy, user, note: str = "") -> Policy:
    """A reviewer sends the policy back; an optional note becomes a comment on the whole policy."""
    note = clean_text(note).strip()[:COMMENT_MAX_LENGTH]
    locked = _transition(policy=policy, user=user, name="request_changes", detail=note)
    if note:
        Comment.objects.create(policy=locked, block_key="", author=user, text=note)
    transaction.on_commit(
        partial(notifications.notify_decision, policy=locked, approved=False, note=note),
        robust=True,
    )
    return locked


@transaction.atomic
def policy_approve(*, policy: Policy, user, note: str = "") -> Policy:
    """A reviewer approves; the policy then carries a next review date, one year on by default."""
    note = clean_text(note).strip()[:COMMENT_MAX_LENGTH]
    locked = _transition(policy=policy, user=user, name="approve", detail=note)
    if locked.next_review_date is None or locked.next_review_date <= timezone.localdate():
        locked.next_review_date = one_year_from_today()
        locked.save(update_fields=["next_review_date"])
        policy.next_review_date = locked.next_review_date
    transaction.on_commit(
        partial(notifications.notify_decision, policy=locked, approved=True, note=note),
        robust=True,
    )
    return locked


def _published_ancestors(policy: Policy) -> list[Policy]:
    found = []
    current = policy.based_on
    for _step in range(LINEAGE_LIMIT):
        if current is None:
            break
        if current.status == Status.PUBLISHED:
            found.append(current)
        current = current.based_on
    return found


@transaction.atomic
def policy_publish(*, policy: Policy, user) -> Policy:
    """Publish an approved policy. It replaces the version it was based on, which is archived;
    the staff link moves along, so staff keep one address for the current policy."""
    locked = _transition(policy=policy, user=user, name="publish")
    token = ""
    for older in _published_ancestors(locked):
        token = token or older.share_token
        older.status = Status.ARCHIVED
        older.share_token = ""
        older.save(update_fields=["status", "share_token", "updated_at"])
        audit(
            organisation=older.organisation,
            actor=user,
            action=Action.ARCHIVE,
            policy=older,
            detail=f"replaced by policy #{locked.pk}",
        )
    locked.share_token = token or new_share_token()
    locked.save(update_fields=["share_token"])
    policy.share_token = locked.share_token
    return locked


@transaction.atomic
def policy_archive(*, policy: Policy, user) -> Policy:
    """Archive a policy; an archived policy is read-only and has no staff link."""
    locked = _transition(policy=policy, user=user, name="archive")
    if locked.share_token:
        locked.share_token = ""
        locked.save(update_fields=["share_token"])
        policy.share_token = ""
    return locked


def next_version_label(label: str) -> str:
    """1.0 → 1.1, 2.9 → 2.10; a label in another form is kept for the author to change."""
    match = re.fullmatch(r"(\d+)\.(\d+)", label.strip())
    if not match:
        return label
    return f"{match[1]}.{int(match[2]) + 1}"


@transaction.atomic
def policy_new_version(*, policy: Policy, user) -> Policy:
    """Start a new draft from an approved or published policy, which stays exactly as approved.

    If a new version is already being worked on, that one is returned: there is one open draft
    per approved policy, however often someone clicks "edit".
    """
    require_author(user, policy)
    locked = Policy.objects.select_for_update().select_related("organisation").get(pk=policy.pk)
    if locked.status not in (Status.APPROVED, Status.PUBLISHED):
        raise PermissionDenied(NEW_VERSION_NEEDS_APPROVAL)
    existing = locked.new_versions.filter(status__in=OPEN_STATUSES).order_by("-pk").first()
    if existing is not None:
        return existing
    draft = Policy.objects.create(
        organisation=locked.organisation,
        title=locked.title,
        language=locked.language,
        content=locked.content,
        last_step=locked.last_step,
        effective_date=locked.effective_date,
        version_label=next_version_label(locked.version_label),
        contact_person=locked.contact_person,
        contact_email=locked.contact_email,
        next_review_date=locked.next_review_date,
        created_by=user,
        updated_by=user,
        based_on=locked,
    )
    record_revision(policy=draft, step="", author=user)
    audit(
        organisation=locked.organisation,
        actor=user,
        action=Action.NEW_VERSION,
        policy=draft,
        detail=f"from policy #{locked.pk}",
    )
    return draft


def policy_editable_version(*, policy: Policy, user) -> Policy:
    """The policy an author's edit goes to: the policy itself while it is a draft or has
    requested changes; a new draft version of an approved or published one."""
    require_author(user, policy)
    if policy.is_content_editable:
        return policy
    if policy.status == Status.IN_REVIEW:
        raise PermissionDenied(IN_REVIEW_LOCKED)
    if policy.status == Status.ARCHIVED:
        raise PermissionDenied(ARCHIVED_READ_ONLY)
    return policy_new_version(policy=policy, user=user)


# --- Comments -------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, policy: Policy, user, block_key: str, text: str) -> Comment:
    """A reviewer comments on one building block ("" for the policy as a whole)."""
    if role_in(user, policy.organisation) not in REVIEWER_ROLES:
        raise PermissionDenied(ONLY_REVIEWERS_COMMENT)
    if policy.status == Status.ARCHIVED:
        raise PermissionDenied(NO_COMMENTS_WHEN_ARCHIVED)
    if block_key and block_key not in BLOCKS_BY_KEY:
        raise ValidationError(UNKNOWN_BLOCK, code="unknown_block")
    text = clean_text(text).strip()
    if not text:
        raise ValidationError(EMPTY_COMMENT, code="empty")
    comment = Comment.objects.create(
        policy=policy, block_key=block_key, author=user, text=text[:COMMENT_MAX_LENGTH]
    )
    audit(
        organisation=policy.organisation,
        actor=user,
        action=Action.COMMENT,
        policy=policy,
        detail=block_key,
    )
    return comment


@transaction.atomic
def comment_resolve(*, comment: Comment, user) -> Comment:
    """An editor or consultant marks a comment as dealt with. Resolving twice changes nothing."""
    policy = comment.policy
    if role_in(user, policy.organisation) not in AUTHOR_ROLES:
        raise PermissionDenied(ONLY_AUTHORS_RESOLVE)
    updated = Comment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=user
    )
    comment.refresh_from_db(fields=["resolved_at", "resolved_by"])
    if updated:
        audit(
            organisation=policy.organisation,
            actor=user,
            action=Action.RESOLVE_COMMENT,
            policy=policy,
            detail=comment.block_key,
        )
    return comment


# --- The staff link to the published policy -------------------------------------------------


def new_share_token() -> str:
    # 256 bits: unguessable, and short enough for a link in an intranet page or an e-mail.
    return secrets.token_urlsafe(32)


@transaction.atomic
def policy_share_link_create(*, policy: Policy, user) -> str:
    """Give a published policy a new staff link; any earlier link stops working."""
    if role_in(user, policy.organisation) not in AUTHOR_ROLES:
        raise PermissionDenied(ONLY_AUTHORS_SHARE)
    locked = Policy.objects.select_for_update().get(pk=policy.pk)
    if locked.status != Status.PUBLISHED:
        raise PermissionDenied(SHARE_NEEDS_PUBLISHED)
    locked.share_token = new_share_token()
    locked.save(update_fields=["share_token"])
    policy.share_token = locked.share_token
    audit(organisation=policy.organisation, actor=user, action=Action.SHARE, policy=policy)
    return locked.share_token


@transaction.atomic
def policy_share_link_revoke(*, policy: Policy, user) -> None:
    """The staff link stops working at once; a new one can be made later."""
    if role_in(user, policy.organisation) not in AUTHOR_ROLES:
        raise PermissionDenied(ONLY_AUTHORS_SHARE)
    Policy.objects.filter(pk=policy.pk).update(share_token="")
    policy.share_token = ""
    audit(organisation=policy.organisation, actor=user, action=Action.REVOKE_SHARE, policy=policy)


# --- Review dates ---------------------------------------------------------------------------

# A policy is "due" for its periodic review this many days before the date, "overdue" after it.
REVIEW_DUE_SOON_DAYS = 30


def review_due_state(policy: Policy, *, today: datetime.date | None = None) -> str:
    """ "overdue", "due" or "" for an approved or published policy's next review date."""
    if policy.status not in (Status.APPROVED, Status.PUBLISHED) or not policy.next_review_date:
        return ""
    today = today or timezone.localdate()
    if policy.next_review_date < today:
        return "overdue"
    if policy.next_review_date <= today + datetime.timedelta(days=REVIEW_DUE_SOON_DAYS):
        return "due"
    return ""
