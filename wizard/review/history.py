"""The history of a policy: comparing two revisions, what changed since a reviewer's last
decision, and restoring an old revision.

A comparison composes both versions into the policy as it would print
(wizard/policies/document.py) and marks the changed words per building block, so a reviewer
compares what staff will read, not stored JSON. Restoring writes the old content as a new
revision: nothing is ever destroyed.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wizard.policies.access import require_author
from wizard.policies.document import policy_document
from wizard.policies.models import POLICY_CONTENT_LOCKED, AuditEvent, Policy, Revision
from wizard.policies.services import audit_policy, policy_set_content, record_revision

# --- Word-level comparison ------------------------------------------------------------------

# Each word with its punctuation and the whitespace after it; leading whitespace on its own.
_TOKENS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Token:
    text: str
    change: str  # "" unchanged, "del" only in the older text, "ins" only in the newer text


@dataclass(frozen=True)
class BlockComparison:
    key: str
    heading: str
    older: tuple[Token, ...]
    newer: tuple[Token, ...]

    @property
    def changed(self) -> bool:
        return any(token.change for token in (*self.older, *self.newer))

    @property
    def inline(self) -> tuple[Token, ...]:
        """Both texts in one: each unchanged run once, the removed words before the added
        ones (`word_diff` gives both sides the same unchanged runs, in the same order)."""
        merged: list[Token] = []
        older, newer = self.older, self.newer
        i = j = 0
        while i < len(older) or j < len(newer):
            while i < len(older) and older[i].change:
                merged.append(older[i])
                i += 1
            while j < len(newer) and newer[j].change:
                merged.append(newer[j])
                j += 1
            if i < len(older) and j < len(newer):
                merged.append(newer[j])
                i += 1
                j += 1
            else:
                break
        return tuple(merged)


def _words(tokens: list[str]) -> list[str]:
    return [token.rstrip() or token for token in tokens]


def word_diff(older: str, newer: str) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    """Both texts as tokens, with the words only in the older marked "del", only in the newer
    marked "ins"."""
    a = _TOKENS.findall(older)
    b = _TOKENS.findall(newer)
    left: list[Token] = []
    right: list[Token] = []
    # Words are matched without the whitespace after them: the last word of a block stays
    # unchanged when a paragraph is added after it. Each side keeps its own whitespace.
    matcher = difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            left.append(Token("".join(a[i1:i2]), ""))
            right.append(Token("".join(b[j1:j2]), ""))
            continue
        if i2 > i1:
            left.append(Token("".join(a[i1:i2]), "del"))
        if j2 > j1:
            right.append(Token("".join(b[j1:j2]), "ins"))
    return tuple(left), tuple(right)


def revisions_compare(
    policy: Policy, older: Revision, newer: Revision
) -> tuple[BlockComparison, ...]:
    """Each building block of two revisions as it would print, with the changed words."""
    return contents_compare(policy, older.content, newer.content)


def contents_compare(policy: Policy, older: dict, newer: dict) -> tuple[BlockComparison, ...]:
    """Each building block of two versions of the content as it would print, with the
    changed words."""
    before = policy_document(policy, older)
    after = policy_document(policy, newer)
    comparisons = []
    for old_section, new_section in zip(before.sections, after.sections, strict=True):
        left, right = word_diff(
            "\n\n".join(old_section.paragraphs), "\n\n".join(new_section.paragraphs)
        )
        comparisons.append(
            BlockComparison(
                key=new_section.key, heading=new_section.heading, older=left, newer=right
            )
        )
    return tuple(comparisons)


# --- Since a reviewer's last decision --------------------------------------------------------

DECISIONS = (AuditEvent.Action.REQUEST_CHANGES, AuditEvent.Action.APPROVE)


@dataclass(frozen=True)
class SinceLastReview:
    decided_at: datetime.datetime
    action: str  # the AuditEvent action of that decision
    blocks: tuple[BlockComparison, ...]

    @property
    def changed(self) -> tuple[BlockComparison, ...]:
        return tuple(block for block in self.blocks if block.changed)

    @property
    def unchanged(self) -> tuple[BlockComparison, ...]:
        return tuple(block for block in self.blocks if not block.changed)


def since_last_decision(*, policy: Policy, user) -> SinceLastReview | None:
    """What changed in `policy` since `user` last decided on it (or on the approved version
    it is a new version of): each building block as it printed at that decision against the
    content now. None before their first decision.

    The content at a decision is the last revision recorded before it: a status change
    closes the autosave's revision, and content in review cannot change.
    """
    lineage = [policy.pk] if policy.based_on_id is None else [policy.pk, policy.based_on_id]
    decision = (
        AuditEvent.objects.filter(policy_id__in=lineage, actor=user, action__in=DECISIONS)
        .order_by("-created_at", "-pk")
        .only("policy_id", "action", "created_at")
        .first()
    )
    if decision is None:
        return None
    content = (
        Revision.objects.filter(policy_id=decision.policy_id, created_at__lte=decision.created_at)
        .order_by("-created_at", "-number")
        .values_list("content", flat=True)
        .first()
    )
    if content is None:
        return None
    return SinceLastReview(
        decided_at=decision.created_at,
        action=decision.action,
        blocks=contents_compare(policy, content, policy.content),
    )


# --- Restoring ------------------------------------------------------------------------------


@transaction.atomic
def revision_restore(*, policy: Policy, revision: Revision, user) -> Revision:
    """Bring back the content of an older revision, recorded as a new revision."""
    require_author(user, policy)
    locked = Policy.objects.select_for_update().select_related("organisation").get(pk=policy.pk)
    if revision.policy_id != locked.pk:
        raise ValueError("The revision belongs to another policy.")
    if not locked.is_content_editable:
        raise PermissionDenied(POLICY_CONTENT_LOCKED)
    policy_set_content(locked, revision.content)
    locked.updated_by = user
    locked.version += 1
    locked.save()
    restored = record_revision(policy=locked, step="", author=user)
    restored.restored_from = revision.number
    restored.save(update_fields=["restored_from"])
    audit_policy(locked, user, AuditEvent.Action.RESTORE, f"#{revision.number}")
    policy.content = locked.content
    policy.incomplete_steps = locked.incomplete_steps
    policy.version = locked.version
    return restored
