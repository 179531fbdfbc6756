"""The history of a policy: its revisions and status changes, comparisons, and restoring.

A comparison composes both revisions into the policy as it would print (wizard/document.py) and
marks the changed words per building block, so a reviewer compares what staff will read, not
stored JSON. Restoring writes the old content as a new revision: nothing is ever destroyed.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from wizard.document import policy_document
from wizard.models import POLICY_CONTENT_LOCKED, AuditEvent, Policy, Revision
from wizard.permissions import require_author
from wizard.services import audit, record_revision
from wizard.statements import RawRows, column, converted, read_rows, read_value, table

# Status changes shown between the revisions on the history page.
STATUS_ACTIONS = (
    AuditEvent.Action.SUBMIT,
    AuditEvent.Action.REQUEST_CHANGES,
    AuditEvent.Action.APPROVE,
    AuditEvent.Action.PUBLISH,
    AuditEvent.Action.ARCHIVE,
    AuditEvent.Action.NEW_VERSION,
)


# --- The timeline ---------------------------------------------------------------------------


FIELDS = ("kind", "created_at", "number", "step", "restored_from", "action", "who")
ACTION_LABELS = dict(AuditEvent.Action.choices)
STATUS_ACTION_VALUES = tuple(action.value for action in STATUS_ACTIONS)


@functools.cache
def _timeline_sql() -> tuple[str, str]:
    """The count and page statements of `history_timeline`, built once per process."""
    q = connection.ops.quote_name
    user = get_user_model()
    r, e, u = table(Revision), table(AuditEvent), table(user)
    rev = {n: column(Revision, n) for n in ("policy", "created_at", "number", "step", "author")}
    rev["restored_from"] = column(Revision, "restored_from")
    ev = {n: column(AuditEvent, n) for n in ("policy", "created_at", "action", "actor")}
    user_pk, username = column(user, "id"), column(user, "username")
    actions = ", ".join(["%s"] * len(STATUS_ACTIONS))
    names = [q(name) for name in FIELDS]
    kind, created_at, number, step, restored_from, action, who = names
    # Only the models' quoted names are put into the text; every value is a parameter.
    count = (
        f"SELECT (SELECT COUNT(*) FROM {r} WHERE {rev['policy']} = %s)"  # noqa: S608 - model names only
        f" + (SELECT COUNT(*) FROM {e} WHERE {ev['policy']} = %s AND {ev['action']} IN ({actions}))"
    )
    # Each side gives only its newest `offset + limit` rows (read along an index), which hold
    # the newest `offset + limit` of both together; the outer query merges and cuts the page.
    # The typed NULLs let PostgreSQL match the columns of both sides.
    page = (
        f"SELECT {', '.join(names)} FROM ("  # noqa: S608 - model names only
        " SELECT * FROM ("
        f"  SELECT 'revision' AS {kind}, r.{rev['created_at']} AS {created_at},"
        f"   r.{rev['number']} AS {number}, r.{rev['step']} AS {step},"
        f"   r.{rev['restored_from']} AS {restored_from}, '' AS {action}, u.{username} AS {who}"
        f"  FROM {r} r LEFT OUTER JOIN {u} u ON u.{user_pk} = r.{rev['author']}"
        f"  WHERE r.{rev['policy']} = %s"
        f"  ORDER BY r.{rev['created_at']} DESC, r.{rev['number']} DESC LIMIT %s"
        " ) revisions"
        " UNION ALL"
        " SELECT * FROM ("
        f"  SELECT 'status' AS {kind}, e.{ev['created_at']} AS {created_at},"
        f"   CAST(NULL AS INTEGER) AS {number}, '' AS {step},"
        f"   CAST(NULL AS INTEGER) AS {restored_from}, e.{ev['action']} AS {action},"
        f"   u.{username} AS {who}"
        f"  FROM {e} e LEFT OUTER JOIN {u} u ON u.{user_pk} = e.{ev['actor']}"
        f"  WHERE e.{ev['policy']} = %s AND e.{ev['action']} IN ({actions})"
        f"  ORDER BY e.{ev['created_at']} DESC LIMIT %s"
        " ) events"
        f") timeline ORDER BY {created_at} DESC, {number} DESC LIMIT %s OFFSET %s"
    )
    return count, page


def history_timeline(policy: Policy) -> RawRows:
    """Revisions and status changes of `policy`, newest first, for the paginator.

    Two queries per page (count and page) however long the history is. Rows are tuples as
    the database gives them (`timeline_rows` names and converts them): kind ("revision" or
    "status"), created_at, number, step, restored_from, action, who (a username or None).
    """
    count_sql, page_sql = _timeline_sql()

    def count() -> int:
        return read_value(count_sql, [policy.pk, policy.pk, *STATUS_ACTION_VALUES])

    def page(offset: int, limit: int) -> list[tuple]:
        newest = offset + limit
        params = [policy.pk, newest, policy.pk, *STATUS_ACTION_VALUES, newest, limit, offset]
        return read_rows(page_sql, params)

    return RawRows(count, page)


def timeline_rows(rows) -> list[dict]:
    """Name (and convert) the columns of one page of `history_timeline`."""
    named = []
    for row in converted(rows, (None, Revision._meta.get_field("created_at"))):
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
