"""The history of a policy: comparing two revisions, and restoring an old one.

A comparison composes both revisions into the policy as it would print
(wizard/policies/document.py) and marks the changed words per building block, so a reviewer
compares what staff will read, not stored JSON. Restoring writes the old content as a new
revision: nothing is ever destroyed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wizard.policies.access import require_author
from wizard.policies.document import policy_document
from wizard.policies.models import POLICY_CONTENT_LOCKED, AuditEvent, Policy, Revision
from wizard.policies.services import audit, policy_set_content, record_revision

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


def word_diff(older: str, newer: str) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    """Both texts as tokens, with the words only in the older marked "del", only in the newer
    marked "ins"."""
    a = _TOKENS.findall(older)
    b = _TOKENS.findall(newer)
    left: list[Token] = []
    right: list[Token] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
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
    before = policy_document(policy, older.content)
    after = policy_document(policy, newer.content)
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
    audit(
        organisation=locked.organisation,
        actor=user,
        action=AuditEvent.Action.RESTORE,
        policy=locked,
        detail=f"#{revision.number}",
    )
    policy.content = locked.content
    policy.incomplete_steps = locked.incomplete_steps
    policy.version = locked.version
    return restored
