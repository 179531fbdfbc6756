"""Business actions on policies: plain functions that views, commands and tests call directly."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.organisations.models import Organisation
from wizard.policies.access import lock_policy_for_author, require_author
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.document import DOCUMENT_TEXTS, default_content
from wizard.policies.forms import incomplete_steps
from wizard.policies.locks import require_locked_parts_kept
from wizard.policies.models import (
    POLICY_CONTENT_LOCKED,
    AuditEvent,
    Policy,
    Revision,
    every_step,
)
from wizard.text import text_in

IN_REVIEW_LOCKED = _(
    "This policy is waiting for review and cannot be changed now. Wait for the reviewer's decision."
)
ARCHIVED_READ_ONLY = _("An archived policy cannot be changed.")
NEW_VERSION_NOTICE = _(
    "You are editing a new version. The approved version stays as it is until this one is approved."
)
NEW_VERSION_NEEDS_APPROVAL = _("Only an approved or published policy gets a new version.")
NEW_VERSION_AWAITS_PUBLISHING = _(
    "A new version of this policy is approved and waiting to be published. Publish or archive "
    "that version before you start another one."
)


def content_hash(value) -> str:
    """A short hash of stored content, to tell whether a block changed under a form."""
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


# What `policy_set_content` sets, for `save(update_fields=...)`.
CONTENT_FIELDS = ["content", "incomplete_steps"]
# What a save of one step sets besides them.
STEP_SAVE_FIELDS = ["checked_steps", "last_step", "updated_by", "version", "updated_at"]


def policy_set_content(policy: Policy, content: dict) -> None:
    """Give `policy` new content and the steps it leaves incomplete; the caller saves both.

    Every write of a policy's content goes through here, so pages read which steps are
    complete as a field instead of validating six forms.
    """
    policy.content = content
    policy.incomplete_steps = incomplete_steps(policy, content)


def policy_mark_checked(policy: Policy, step: str) -> bool:
    """A person checked `step` of `policy`; True when that is news (the caller saves it)."""
    if step in policy.checked_steps:
        return False
    policy.checked_steps = [key for key in every_step() if key in {*policy.checked_steps, step}]
    return True


def new_share_token() -> str:
    # 256 bits: unguessable, and short enough for a link in an intranet page or an e-mail.
    return secrets.token_urlsafe(32)


def audit(*, organisation: Organisation, actor, action: str, policy=None, detail="") -> None:
    AuditEvent.objects.create(
        organisation=organisation, policy=policy, actor=actor, action=action, detail=detail[:200]
    )


def audit_policy(policy: Policy, actor, action: str, detail: str = "") -> None:
    """`audit` of something done to one policy, in its organisation."""
    audit(
        organisation=policy.organisation, actor=actor, action=action, policy=policy, detail=detail
    )


def record_revision(*, policy: Policy, step: str, author, autosaved_at=None) -> Revision:
    last = policy.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    return Revision.objects.create(
        policy=policy,
        number=last + 1,
        step=step,
        content=policy.content,
        author=author,
        autosaved_at=autosaved_at,
    )


def close_autosave(*, policy: Policy) -> None:
    """Autosaves stop updating the revision they were writing to: it stays as the revision
    of what was typed (Next, Finish and every status change close it)."""
    open_revisions = policy.revisions.filter(autosaved_at__isnull=False)
    # Read first: a double submit writes nothing at all.
    if open_revisions.exists():
        open_revisions.update(autosaved_at=None)


@transaction.atomic
def policy_start_draft(
    *,
    organisation: Organisation,
    user,
    title: str,
    language: str,
    content: dict,
    last_step: str = "",
    details: dict | None = None,
    based_on: Policy | None = None,
    action: str = AuditEvent.Action.CREATE,
    detail: str = "",
    locks: dict | None = None,
    checked_steps: list[str] | None = None,
    clause_library: str = "",
    clause_releases: dict | None = None,
) -> Policy:
    """Start a draft: saved with its first revision and the audit event of how it began.

    `details` are finishing details (contact, dates, version label); the contact is the
    organisation's unless they say otherwise. `locks` are the parts a master policy fixes
    (wizard/policies/locks.py). No step is checked yet unless `checked_steps` says so:
    what the intake, a copy or a template filled in waits for a person to check it.
    `clause_library` and `clause_releases` are the clause texts it prints
    (wizard/policies/releases.py): a new version keeps its approved one's; anything else is
    built on the current release. Callers check who may start it.
    """
    fields = {
        "contact_person": organisation.contact_person,
        "contact_email": organisation.contact_email,
        **(details or {}),
    }
    policy = Policy(
        organisation=organisation,
        title=title,
        language=language,
        last_step=last_step,
        based_on=based_on,
        locks=locks or {},
        checked_steps=list(checked_steps or []),
        clause_releases=dict(clause_releases or {}),
        created_by=user,
        updated_by=user,
        **fields,
    )
    if clause_library:
        policy.clause_library = clause_library
    policy_set_content(policy, content)
    policy.save()
    record_revision(policy=policy, step="", author=user)
    audit(organisation=organisation, actor=user, action=action, policy=policy, detail=detail)
    return policy


def policy_create(
    *, organisation: Organisation, user, title: str = "", language: str = ""
) -> Policy:
    require_author(user, Policy(organisation=organisation))
    language = language or organisation.policy_language
    return policy_start_draft(
        organisation=organisation,
        user=user,
        title=title or text_in(DOCUMENT_TEXTS["default_title"], language),
        language=language,
        content=default_content(organisation),
        last_step=next(iter(BLOCKS_BY_KEY)),
    )


@dataclass(frozen=True)
class StepSaveResult:
    policy: Policy
    saved: bool  # False when nothing changed (a double submit, say)
    conflict: bool = False
    theirs: dict | None = None  # the block as someone else saved it meanwhile


@transaction.atomic
def policy_save_step(
    *,
    policy_id: int,
    user,
    step: str,
    data: dict,
    base_hash: str,
    force: bool = False,
    reopen_at: str | None = None,
    checked: bool = False,
) -> StepSaveResult:
    """Write one block of a policy. Only that block is replaced, so other blocks saved
    meanwhile by a colleague are kept.

    A conflict is when the block changed since the form was loaded (`base_hash`) and the
    submitted version differs from what is stored now: saving would silently drop the other
    person's work. Submitting the same data twice is never a conflict, and writes nothing.
    `reopen_at` is the step the policy reopens at (default: this one). The step counts as
    checked when the person changed it, or went on with `checked` (Next or Finish) unchanged.
    """
    reopen_at = reopen_at or step
    block = BLOCKS_BY_KEY[step]
    # Read again under the lock: a colleague may have saved meanwhile.
    policy = lock_policy_for_author(user, policy_id)
    if not policy.is_content_editable:
        raise PermissionDenied(POLICY_CONTENT_LOCKED)
    current = policy.content.get(block.key) or {}
    require_locked_parts_kept(locks=policy.locks, block_key=block.key, current=current, data=data)
    if current == data:
        changed = ["last_step"] if policy.last_step != reopen_at else []
        policy.last_step = reopen_at
        if checked and policy_mark_checked(policy, step):
            changed.append("checked_steps")
        if changed:
            policy.save(update_fields=changed)
        # Autosaves may have stored this already: their revision now stands as this save's.
        close_autosave(policy=policy)
        return StepSaveResult(policy=policy, saved=False)
    if not force and base_hash and content_hash(current) != base_hash:
        return StepSaveResult(policy=policy, saved=False, conflict=True, theirs=current)
    policy_set_content(policy, {**policy.content, block.key: data})
    policy_mark_checked(policy, step)
    policy.last_step = reopen_at
    policy.updated_by = user
    policy.version += 1
    policy.save(update_fields=[*CONTENT_FIELDS, *STEP_SAVE_FIELDS])
    close_autosave(policy=policy)
    record_revision(policy=policy, step=step, author=user)
    audit_policy(
        policy, user, AuditEvent.Action.CONFLICT if force else AuditEvent.Action.SAVE_STEP, step
    )
    return StepSaveResult(policy=policy, saved=True)


@transaction.atomic
def policy_autosave_step(
    *, policy_id: int, user, step: str, data: dict, base_hash: str
) -> StepSaveResult:
    """Save what is being typed on a step, as "Previous" would, while the user types.

    The conflict rules are those of `policy_save_step` (`base_hash` is the version the
    typing started from). Autosaves do not flood the history: while the latest revision is
    this user's autosave of this step and younger than AUTOSAVE_REVISION_WINDOW_SECONDS, it
    is updated in place; and one "saved a step" audit event is made per editing stretch (a
    pause of that long, Next or a status change ends one).
    """
    block = BLOCKS_BY_KEY[step]
    policy = lock_policy_for_author(user, policy_id)
    if not policy.is_content_editable:
        raise PermissionDenied(POLICY_CONTENT_LOCKED)
    current = policy.content.get(block.key) or {}
    require_locked_parts_kept(locks=policy.locks, block_key=block.key, current=current, data=data)
    if current == data:
        return StepSaveResult(policy=policy, saved=False)
    if base_hash and content_hash(current) != base_hash:
        return StepSaveResult(policy=policy, saved=False, conflict=True, theirs=current)
    now = timezone.now()
    window = timedelta(seconds=settings.AUTOSAVE_REVISION_WINDOW_SECONDS)
    latest = policy.revisions.order_by("-number").first()
    ours = (
        latest is not None
        and latest.autosaved_at is not None
        and latest.step == step
        and latest.author_id == user.pk
    )
    # The same stretch of editing: this user autosaved this step less than a window ago.
    continuing = ours and latest.autosaved_at > now - window
    policy_set_content(policy, {**policy.content, block.key: data})
    # What autosave writes was typed: the person is checking this step.
    policy_mark_checked(policy, step)
    policy.last_step = step
    policy.updated_by = user
    policy.version += 1
    policy.save(update_fields=[*CONTENT_FIELDS, *STEP_SAVE_FIELDS])
    if ours and latest.created_at > now - window:
        latest.content = policy.content
        latest.autosaved_at = now
        latest.save(update_fields=["content", "autosaved_at"])
    else:
        close_autosave(policy=policy)
        record_revision(policy=policy, step=step, author=user, autosaved_at=now)
    if not continuing:
        audit_policy(policy, user, AuditEvent.Action.SAVE_STEP, step)
    return StepSaveResult(policy=policy, saved=True)


def policy_mark_finished(*, policy: Policy) -> None:
    """Every step is done: the policy reopens at its review page from now on."""
    if policy.last_step != "review":
        policy.last_step = "review"
        policy.save(update_fields=["last_step"])


def details_hash(details: dict) -> str:
    """A hash of finishing details, to tell whether they changed under a form."""
    return content_hash(
        {name: "" if value is None else str(value) for name, value in details.items()}
    )


class DetailsConflict(Exception):
    """The details changed since the form was loaded, and what was sent differs from them:
    saving would silently drop someone else's change. `theirs` is what is stored now."""

    def __init__(self, theirs: dict) -> None:
        super().__init__("The details changed since the form was loaded.")
        self.theirs = theirs


@transaction.atomic
def policy_save_details(*, policy_id: int, user, details: dict, base_hash: str = "") -> Policy:
    """Save the finishing details (title, dates, version label, contact).

    `base_hash` is `details_hash` of the details as the form showed them. When they changed
    since and what was sent differs from what is stored now, nothing is written and
    DetailsConflict says what is stored; sending the same details twice is never a conflict.
    """
    policy = lock_policy_for_author(user, policy_id)
    if not policy.is_content_editable:
        raise PermissionDenied(POLICY_CONTENT_LOCKED)
    current = {name: getattr(policy, name) for name in details}
    if base_hash and details_hash(current) != base_hash and current != details:
        raise DetailsConflict(theirs=current)
    changed = False
    for name, value in details.items():
        if getattr(policy, name) != value:
            setattr(policy, name, value)
            changed = True
    if changed:
        policy.updated_by = user
        policy.version += 1
        policy.save()
        audit_policy(policy, user, AuditEvent.Action.SAVE_DETAILS)
    return policy


# --- New versions ---------------------------------------------------------------------------


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
    per approved policy, however often someone clicks "edit". While a new version is approved
    but not yet published, none is started: two approved versions could both be published.
    """
    require_author(user, policy)
    locked = Policy.objects.select_for_update().select_related("organisation").get(pk=policy.pk)
    if not locked.is_approved:
        raise PermissionDenied(NEW_VERSION_NEEDS_APPROVAL)
    existing = (
        locked.new_versions.filter(status__in=Policy.UNPUBLISHED_VERSION_STATUSES)
        .order_by("-pk")
        .first()
    )
    if existing is not None and existing.status == Policy.Status.APPROVED:
        raise PermissionDenied(NEW_VERSION_AWAITS_PUBLISHING)
    if existing is not None:
        return existing
    return policy_start_draft(
        organisation=locked.organisation,
        user=user,
        title=locked.title,
        language=locked.language,
        content=locked.content,
        last_step=locked.last_step,
        details={
            "effective_date": locked.effective_date,
            "version_label": next_version_label(locked.version_label),
            "contact_person": locked.contact_person,
            "contact_email": locked.contact_email,
            "next_review_date": locked.next_review_date,
        },
        based_on=locked,
        action=AuditEvent.Action.NEW_VERSION,
        detail=f"from policy #{locked.pk}",
        locks=locked.locks,
        # Every step of it was approved: a new version starts checked.
        checked_steps=every_step(),
        clause_library=locked.clause_library,
        clause_releases=locked.clause_releases,
    )


def policy_editable_version(*, policy: Policy, user) -> Policy:
    """The policy an author's edit goes to: the policy itself while it is a draft or has
    requested changes; a new draft version of an approved or published one."""
    require_author(user, policy)
    if policy.is_content_editable:
        return policy
    if policy.status == Policy.Status.IN_REVIEW:
        raise PermissionDenied(IN_REVIEW_LOCKED)
    if policy.status == Policy.Status.ARCHIVED:
        raise PermissionDenied(ARCHIVED_READ_ONLY)
    return policy_new_version(policy=policy, user=user)


@transaction.atomic
def policy_replace_content(
    *, policy_id: int, user, content: dict, locks: dict, action: str, detail: str = ""
) -> Policy:
    """Replace a draft's whole content and its locked parts at once (an accepted update of a
    master policy): one revision, one audit event. The caller has merged the content
    so that it keeps what the locks require; only authors of the policy may do it."""
    policy = lock_policy_for_author(user, policy_id)
    if not policy.is_content_editable:
        raise PermissionDenied(POLICY_CONTENT_LOCKED)
    policy_set_content(policy, content)
    policy.locks = locks
    policy.updated_by = user
    policy.version += 1
    policy.save(
        update_fields=[
            "content",
            "incomplete_steps",
            "locks",
            "updated_by",
            "version",
            "updated_at",
        ]
    )
    close_autosave(policy=policy)
    record_revision(policy=policy, step="", author=user)
    audit_policy(policy, user, action, detail)
    return policy


@transaction.atomic
def policy_set_locks(*, policy_id: int, user, locks: dict, action: str, detail: str = "") -> Policy:
    """Change only which parts are locked (a policy leaving its master unlocks all), in any
    status: the content stays as it is."""
    policy = lock_policy_for_author(user, policy_id)
    policy.locks = locks
    policy.save(update_fields=["locks", "updated_at"])
    audit_policy(policy, user, action, detail)
    return policy


@transaction.atomic
def policy_set_clause_releases(
    *, policy_id: int, user, clause_releases: dict, action: str, detail: str = ""
) -> Policy:
    """Record which release of the clause library each clause of the policy uses, a declined
    release or its own wording (wizard/policies/releases.py).

    What the policy prints changes only when it takes a newer text or its own wording, and
    that only in a draft; recording a declined release leaves the text as it is, in any status
    but archived."""
    policy = lock_policy_for_author(user, policy_id)
    if policy.status == Policy.Status.ARCHIVED:
        raise PermissionDenied(ARCHIVED_READ_ONLY)
    changes_text = any(
        {k: v for k, v in (clause_releases.get(key) or {}).items() if k != "declined"}
        != {k: v for k, v in (policy.clause_releases.get(key) or {}).items() if k != "declined"}
        for key in {*clause_releases, *policy.clause_releases}
    )
    if changes_text and not policy.is_content_editable:
        raise PermissionDenied(POLICY_CONTENT_LOCKED)
    policy.clause_releases = clause_releases
    fields = ["clause_releases", "updated_at"]
    if changes_text:
        policy.updated_by = user
        policy.version += 1
        fields += ["updated_by", "version"]
    policy.save(update_fields=fields)
    audit_policy(policy, user, action, detail)
    return policy
