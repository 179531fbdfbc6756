"""Business actions on policies: plain functions that views, commands and tests call directly."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from wizard.blocks import BLOCKS_BY_KEY
from wizard.document import DOCUMENT_TEXTS, default_content, text_in
from wizard.models import (
    POLICY_CONTENT_LOCKED,
    AuditEvent,
    Membership,
    Organisation,
    Policy,
    Revision,
)
from wizard.permissions import require_author


def content_hash(value) -> str:
    """A short fingerprint of stored content, to tell whether a block changed under a form."""
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def audit(*, organisation: Organisation, actor, action: str, policy=None, detail="") -> None:
    AuditEvent.objects.create(
        organisation=organisation, policy=policy, actor=actor, action=action, detail=detail[:200]
    )


def record_revision(*, policy: Policy, step: str, author) -> Revision:
    last = policy.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    return Revision.objects.create(
        policy=policy, number=last + 1, step=step, content=policy.content, author=author
    )


@transaction.atomic
def policy_create(
    *, organisation: Organisation, user, title: str = "", language: str = ""
) -> Policy:
    language = language or organisation.policy_language
    policy = Policy(
        organisation=organisation,
        title=title or text_in(DOCUMENT_TEXTS["default_title"], language),
        language=language,
        content=default_content(),
        last_step=next(iter(BLOCKS_BY_KEY)),
        contact_person=organisation.contact_person,
        contact_email=organisation.contact_email,
        created_by=user,
        updated_by=user,
    )
    require_author(user, policy)
    policy.save()
    record_revision(policy=policy, step="", author=user)
    audit(organisation=organisation, actor=user, action=AuditEvent.Action.CREATE, policy=policy)
    return policy


@dataclass(frozen=True)
class StepSaveResult:
    policy: Policy
    saved: bool  # False when nothing changed (a double submit, say)
    conflict: bool = False
    theirs: dict | None = None  # the block as someone else saved it meanwhile


def policy_save_step(
    *,
    policy_id: int,
    user,
    step: str,
    data: dict,
    base_hash: str,
    force: bool = False,
    reopen_at: str | None = None,
    loaded: Policy | None = None,
) -> StepSaveResult:
    """Write one block of a policy. Only the keys of `data` are replaced, so other blocks
    saved meanwhile by a colleague are kept.

    A conflict is when the block changed since the form was loaded (`base_hash`) and the
    submitted version differs from what is stored now: saving would silently drop the other
    person's work. Submitting the same data twice is never a conflict.

    `reopen_at` is the step the policy reopens at (default: this one). `loaded` is the policy
    as the caller read it in this request, after checking the user may edit it: when the
    block and the reopening step are already as submitted, there is nothing to write, and a
    double submit costs no write at all. (A colleague's newer save is kept either way: this
    user changed nothing.)
    """
    reopen_at = reopen_at or step
    if (
        loaded is not None
        and not force
        and loaded.pk == policy_id
        and loaded.last_step == reopen_at
        and (loaded.content.get(step) or {}) == data
    ):
        return StepSaveResult(policy=loaded, saved=False)
    with transaction.atomic():
        return _save_step_locked(
            policy_id=policy_id,
            user=user,
            step=step,
            data=data,
            base_hash=base_hash,
            force=force,
            reopen_at=reopen_at,
            loaded=loaded if loaded is not None and loaded.pk == policy_id else None,
        )


def _save_step_locked(
    *,
    policy_id: int,
    user,
    step: str,
    data: dict,
    base_hash: str,
    force: bool,
    reopen_at: str,
    loaded: Policy | None,
) -> StepSaveResult:
    block = BLOCKS_BY_KEY[step]
    # The row is read again under the lock (a colleague may have saved meanwhile); what the
    # caller already read in this request (the organisation, the user's role) is reused, so
    # the write lock is held for as little work as possible.
    locked = Policy.objects.select_for_update()
    if loaded is None:
        locked = locked.select_related("organisation")
    policy = locked.get(pk=policy_id)
    if loaded is not None and loaded.organisation_id == policy.organisation_id:
        policy.organisation = loaded.organisation
    require_author(user, loaded if loaded is not None else policy)
    if not policy.is_content_editable:
        raise PermissionDenied(POLICY_CONTENT_LOCKED)
    current = policy.content.get(block.key) or {}
    if current == data:
        if policy.last_step != reopen_at:
            Policy.objects.filter(pk=policy.pk).update(last_step=reopen_at)
            policy.last_step = reopen_at
        return StepSaveResult(policy=policy, saved=False)
    if not force and base_hash and content_hash(current) != base_hash:
        return StepSaveResult(policy=policy, saved=False, conflict=True, theirs=current)
    policy.content = {**policy.content, block.key: data}
    policy.last_step = reopen_at
    policy.updated_by = user
    policy.version += 1
    policy.save(update_fields=["content", "last_step", "updated_by", "version", "updated_at"])
    record_revision(policy=policy, step=step, author=user)
    audit(
        organisation=policy.organisation,
        actor=user,
        action=AuditEvent.Action.CONFLICT if force else AuditEvent.Action.SAVE_STEP,
        policy=policy,
        detail=step,
    )
    return StepSaveResult(policy=policy, saved=True)


def details_hash(details: dict) -> str:
    """A fingerprint of finishing details, to tell whether they changed under a form."""
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
    policy = Policy.objects.select_for_update().select_related("organisation").get(pk=policy_id)
    require_author(user, policy)
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
        audit(
            organisation=policy.organisation,
            actor=user,
            action=AuditEvent.Action.SAVE_DETAILS,
            policy=policy,
        )
    return policy


def unique_slug(name: str) -> str:
    base = slugify(name)[:120] or "organisatie"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def organisation_create(*, user, **fields) -> Organisation:
    """A consultant creates a client organisation and becomes its consultant."""
    organisation = Organisation(slug=unique_slug(fields.get("name", "")), **fields)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.CONSULTANT)
    return organisation
