"""The history of a policy: its revisions and status changes, comparisons, and restoring.

A comparison composes both revisions into the policy as it would print (wizard/document.py) and
marks the changed words per building block, so a reviewer compares what staff will read, not
stored JSON. Restoring writes the old content as a new revision: nothing is ever destroyed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.query import QuerySet

from wizard.document import policy_document
from wizard.models import POLICY_CONTENT_LOCKED, AuditEvent, Policy, Revision
from wizard.permissions import require_author
from wizard.services import audit, record_revision

# Status changes shown between the revisions on the history page.
STATUS_ACTIONS = (
    AuditEvent.Action.SUBMIT,
    AuditEvent.Action.REQUEST_CHANGES,
    AuditEvent.Action.APPROVE,
    AuditEvent.Action.PUBLISH,
    AuditEvent.Action.ARCHIVE,
    AuditEvent.Action.NEW_VERSION,
)


def history_timeline(policy: Policy) -> QuerySet:
    """Revisions and status changes of `policy`, newest first, as one sliceable query.

    One UNION, so a page of the history costs the same two queries (count and page) however
    long the history is. Rows are dicts: kind ("revision" or "status"), created_at, number,
    step, restored_from, action, who (a username).
    """
    revisions = (
        Revision.objects.filter(policy=policy)
        .order_by()
        .annotate(
            kind=Value("revision", output_field=models.CharField()),
            action=Value("", output_field=models.CharField()),
            who=F("author__username"),
        )
        .values_list("kind", "created_at", "number", "step", "restored_from", "action", "who")
    )
    events = (
        AuditEvent.objects.filter(policy=policy, action__in=STATUS_ACTIONS)
        .order_by()
        .annotate(
            kind=Value("status", output_field=models.CharField()),
            number=Value(None, output_field=models.PositiveIntegerField()),
            step=Value("", output_field=models.CharField()),
            restored_from=Value(None, output_field=models.PositiveIntegerField()),
            who=F("actor__username"),
        )
        .values_list("kind", "created_at", "number", "step", "restored_from", "action", "who")
    )
    return revisions.union(events, all=True).order_by("-created_at", "-number")


FIELDS = ("kind", "created_at", "number", "step", "restored_from", "action", "who")
ACTION_LABELS = dict(AuditEvent.Action.choices)


def timeline_rows(rows) -> list[dict]:
    """Name the columns of one page of `history_timeline`."""
    named = []
    for row in rows:
        entry = dict(zip(FIELDS, row, strict=True))
        entry["action_label"] = ACTION_LABELS.get(entry["action"], "")
        named.append(entry)
    return named


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
    locked.content = revision.content
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
    policy.version = locked.version
    return restored
