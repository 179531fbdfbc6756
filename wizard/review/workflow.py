"""The status workflow of a policy, its review comments, new versions and the staff link.

draft → in review → changes requested → (in review again) → approved → published, and archived
from anywhere. Every transition is a plain function that checks who may make it and from which
status, and raises `PermissionDenied` with one of the messages below (a 403 in a view).

The transitions are declared once in `TRANSITIONS`; the review page asks `allowed_transitions`
which buttons to show, so a button and the rule behind it can't drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.consent.services import require_consent
from wizard.organisations.models import AUTHOR_ROLES, COMMENTER_ROLES, REVIEWER_ROLES, Membership
from wizard.policies.access import policy_role
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.document import outdated_clauses
from wizard.policies.models import AuditEvent, Comment, Policy, every_step, one_year_from_today
from wizard.policies.publication import publication_freeze, publication_supersede
from wizard.policies.services import audit_policy, close_autosave, new_share_token
from wizard.review import notifications
from wizard.text import clean_text, interface_language, text_in

Status = Policy.Status
Action = AuditEvent.Action

CANNOT_SUBMIT = _("Only a draft or a policy with requested changes can be submitted for review.")
SUBMIT_INCOMPLETE = _("Complete these steps before you submit the policy for review: %(blocks)s.")
NOT_IN_REVIEW = _("This policy is not waiting for review, so there is nothing to decide.")
CANNOT_PUBLISH = _("Only an approved policy can be published.")
REPLACED_MEANWHILE = _(
    "Another version of this policy was published after this one was started, so this one "
    "cannot be published. Start a new version from the published one instead."
)
ALREADY_ARCHIVED = _("This policy is already archived.")
ONLY_AUTHORS_SUBMIT = _("Only editors and consultants of this organisation can submit it.")
ONLY_REVIEWERS_DECIDE = _("Only reviewers of this organisation can request changes or approve.")
ONLY_AUTHORS_PUBLISH = _("Only editors and consultants of this organisation can publish it.")
ONLY_AUTHORS_ARCHIVE = _("Only editors and consultants of this organisation can archive it.")
ONLY_REVIEWERS_COMMENT = _("Only reviewers and council members of this organisation can comment.")
NO_COMMENTS_WHEN_ARCHIVED = _("An archived policy cannot get new comments.")
EMPTY_COMMENT = _("Write a comment.")
UNKNOWN_BLOCK = _("There is no such building block.")
ONLY_AUTHORS_RESOLVE = _("Only editors and consultants of this organisation can resolve comments.")

COMMENT_MAX_LENGTH = 2000
# A new version continues the approved one's lineage; older published ones are looked up this
# far back at most, far beyond any real history.
LINEAGE_LIMIT = 100


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
    done: str  # what the user is told when it is made
    primary: bool = False
    takes_note: bool = False  # a reviewer's decision, with an optional note for the author
    asks_first: bool = False  # cannot be undone: a GET of its URL is a confirmation page

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
            _("The policy is submitted for review. The reviewers get an e-mail."),
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
            _("Changes are requested. The author gets an e-mail."),
            takes_note=True,
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
            _("The policy is approved. The author gets an e-mail."),
            primary=True,
            takes_note=True,
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
            _("The policy is published. Share the staff link with your staff."),
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
            _("The policy is archived."),
            asks_first=True,
        ),
    )
}


def allowed_transitions(policy: Policy, role: str | None) -> list[Transition]:
    """The transitions a member with `role` may make on `policy` as it is now."""
    return [t for t in TRANSITIONS.values() if policy.status in t.sources and role in t.roles]


def require_transition(*, policy: Policy, user, name: str) -> None:
    """Refuse (PermissionDenied) unless `user` may make the transition `name` on `policy` now;
    also what a confirmation page checks before it asks."""
    transition = TRANSITIONS[name]
    # The role first: a reviewer trying to publish learns it is not theirs to do, whatever the
    # status happens to be.
    if policy_role(user, policy) not in transition.roles:
        raise PermissionDenied(transition.wrong_role)
    if policy.status not in transition.sources:
        raise PermissionDenied(transition.wrong_status)


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
    require_transition(policy=locked, user=user, name=name)
    if check is not None:
        check(locked)
    locked.status = transition.target
    locked.save(update_fields=["status", "updated_at"])
    # What autosaves stored is in their revision already: it stands as of this change.
    close_autosave(policy=locked)
    audit_policy(locked, user, transition.action, detail)
    policy.status = locked.status
    policy.updated_at = locked.updated_at
    return locked


def incomplete_block_titles(policy: Policy) -> list[str]:
    ui = interface_language()
    return [text_in(BLOCKS_BY_KEY[key].title, ui) for key in policy.incomplete_steps]


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
    # Sending it for review vouches for every step.
    locked.checked_steps = every_step()
    locked.save(update_fields=["submitted_by", "submitted_at", "checked_steps"])
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


def require_not_replaced(policy: Policy) -> None:
    """Refuse when another version of the policy this one was based on has been published
    since: publishing this one too would make two published versions of one policy."""
    if policy.based_on_id is None:
        return
    sibling_published = (
        AuditEvent.objects.filter(policy__based_on_id=policy.based_on_id, action=Action.PUBLISH)
        .exclude(policy_id=policy.pk)
        .exists()
    )
    if sibling_published:
        raise PermissionDenied(REPLACED_MEANWHILE)


PUBLISH_MATERIAL = "material change: staff confirm again"
PUBLISH_MINOR = "minor correction: earlier confirmations stay valid"


def require_publishable(policy: Policy) -> None:
    """Not replaced meanwhile, and the participation body's consent where it is needed."""
    require_not_replaced(policy)
    require_consent(policy)


@transaction.atomic
def policy_publish(*, policy: Policy, user, minor: bool = False) -> Policy:
    """Publish an approved policy. It replaces the version it was based on, which is archived;
    the staff link moves along, so staff keep one address for the current policy. A new
    version is a material change (staff confirm again) unless `minor`: a minor correction,
    for which the confirmations of the version it replaces stay valid; the audit says which."""
    minor = minor and policy.based_on_id is not None
    detail = "" if policy.based_on_id is None else (PUBLISH_MINOR if minor else PUBLISH_MATERIAL)
    locked = _transition(
        policy=policy, user=user, name="publish", detail=detail, check=require_publishable
    )
    token = ""
    replaced = _published_ancestors(locked)
    for older in replaced:
        token = token or older.share_token
        older.status = Status.ARCHIVED
        older.share_token = ""
        older.save(update_fields=["status", "share_token", "updated_at"])
        audit_policy(older, user, Action.ARCHIVE, f"replaced by policy #{locked.pk}")
    locked.share_token = token or new_share_token()
    locked.save(update_fields=["share_token"])
    policy.share_token = locked.share_token
    publication_freeze(policy=locked, replaced=replaced, minor_correction=minor)
    if not token:
        # A new staff link is made here: recorded like "Create a staff link" is.
        audit_policy(locked, user, Action.SHARE)
    return locked


@transaction.atomic
def policy_archive(*, policy: Policy, user) -> Policy:
    """Archive a policy; an archived policy is read-only and has no staff link."""
    locked = _transition(policy=policy, user=user, name="archive")
    publication_supersede(policy=locked)
    if locked.share_token:
        locked.share_token = ""
        locked.save(update_fields=["share_token"])
        policy.share_token = ""
    return locked


def transition_make(
    *, policy: Policy, user, name: str, note: str = "", minor: bool = False
) -> Policy:
    """Make the transition called `name`; a reviewer's decision carries `note`, publishing a
    new version whether it is a `minor` correction."""
    make = {
        "submit": policy_submit,
        "request_changes": policy_request_changes,
        "approve": policy_approve,
        "publish": policy_publish,
        "archive": policy_archive,
    }[name]
    if TRANSITIONS[name].takes_note:
        return make(policy=policy, user=user, note=note)
    if name == "publish":
        return policy_publish(policy=policy, user=user, minor=minor)
    return make(policy=policy, user=user)


@transaction.atomic
def decision_make(
    *,
    policy: Policy,
    user,
    name: str,
    note: str = "",
    comment_block_key: str = "",
    comment_text: str = "",
) -> Comment | None:
    """A reviewer's decision (`name`: request_changes or approve) with what they typed beside
    it: a comment on a building block is saved first, in the same transaction, so the author
    reads it with the decision; a refused decision saves neither. The comment, if any."""
    if not TRANSITIONS[name].takes_note:
        raise ValueError(f"{name} is not a reviewer's decision.")
    comment = None
    if clean_text(comment_text).strip():
        comment = comment_add(
            policy=policy, user=user, block_key=comment_block_key, text=comment_text
        )
    transition_make(policy=policy, user=user, name=name, note=note)
    return comment


# --- Comments -------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, policy: Policy, user, block_key: str, text: str) -> Comment:
    """A reviewer or council member comments on one building block ("" for the whole)."""
    if policy_role(user, policy) not in COMMENTER_ROLES:
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
    audit_policy(policy, user, Action.COMMENT, block_key)
    return comment


@transaction.atomic
def comment_resolve(*, comment: Comment, user) -> Comment:
    """An editor or consultant marks a comment as dealt with. Resolving twice changes nothing."""
    policy = comment.policy
    if policy_role(user, policy) not in AUTHOR_ROLES:
        raise PermissionDenied(ONLY_AUTHORS_RESOLVE)
    updated = Comment.objects.filter(pk=comment.pk, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=user
    )
    comment.refresh_from_db(fields=["resolved_at", "resolved_by"])
    if updated:
        audit_policy(policy, user, Action.RESOLVE_COMMENT, comment.block_key)
    return comment


# --- What the review page offers ------------------------------------------------------------


def review_panel(policy: Policy, *, role: str | None, incomplete: bool) -> dict:
    """What a member with `role` may do on the policy's review page now, and what it shows."""
    is_author = role in AUTHOR_ROLES
    transitions = [
        t for t in allowed_transitions(policy, role) if not (incomplete and t.name == "submit")
    ]
    open_version = None
    if policy.is_approved:
        open_version = (
            policy.new_versions.filter(status__in=Policy.UNPUBLISHED_VERSION_STATUSES)
            .order_by("-pk")
            .first()
        )
    return {
        "role": role,
        "is_author": is_author,
        "is_reviewer": role in REVIEWER_ROLES,
        "may_comment": role in COMMENTER_ROLES,
        "is_consultant": role == Membership.Role.CONSULTANT,
        # Archiving is final: it sits apart from the other actions and asks first.
        "author_transitions": [
            t for t in transitions if t.roles == AUTHOR_ROLES and t.name != "archive"
        ],
        "can_archive": any(t.name == "archive" for t in transitions),
        "decisions": [t for t in transitions if t.roles == REVIEWER_ROLES],
        "submit_blocked": incomplete and policy.is_content_editable and is_author,
        "open_version_pk": open_version.pk if open_version else None,
        "open_version_approved": bool(open_version and open_version.status == Status.APPROVED),
        # "An updated clause is available": newer texts of the clause library it uses.
        "clause_update_count": len(outdated_clauses(policy))
        if is_author and policy.status != Status.ARCHIVED
        else 0,
        "can_start_new_version": is_author and open_version is None and policy.is_approved,
    }
