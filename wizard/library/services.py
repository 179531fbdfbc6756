"""Taking or declining the newer releases of the clause library's texts in one policy.

The newer text is merged as a master's update is (`merge_text`, wizard/masters/merging.py):
base is the library text the policy was built on, theirs the new one, ours what the policy
prints now (its own wording, when an earlier update left it one). What the policy did not
change takes the new text; where both changed, its editor chooses or combines. Every write goes
through wizard/policies/services.py.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wizard.masters.merging import merge_text
from wizard.masters.services import CHOOSE_EVERY_CONFLICT, COMBINED, OURS, THEIRS
from wizard.policies.access import lock_policy_for_author
from wizard.policies.document import outdated_clauses
from wizard.policies.models import AuditEvent, Policy
from wizard.policies.releases import ClauseUpdate
from wizard.policies.services import policy_editable_version, policy_set_clause_releases
from wizard.text import clean_text

NOTHING_TO_UPDATE = _("There is no updated clause waiting for this policy.")


@dataclass(frozen=True)
class ClauseChange:
    """One updated clause and what accepting it gives the policy."""

    update: ClauseUpdate
    merged: str
    conflict: bool


def clause_changes(policy: Policy) -> list[ClauseChange]:
    """The updated clauses waiting for `policy`, each merged with the policy's own text."""
    changes = []
    for update in outdated_clauses(policy):
        merged, conflict = merge_text(update.base, update.ours, update.theirs)
        changes.append(ClauseChange(update=update, merged=merged, conflict=conflict))
    return changes


def audit_detail(changes: list[ClauseChange]) -> str:
    return ", ".join(f"{c.update.key} {c.update.to_release}" for c in changes)


def settled_text(change: ClauseChange, choice) -> str:
    """The text a clause gets: the merge, or for a conflict the editor's choice."""
    if not change.conflict:
        return change.merged
    if choice == THEIRS:
        return change.update.theirs
    if choice == OURS:
        return change.update.ours
    if isinstance(choice, tuple) and choice[0] == COMBINED and clean_text(choice[1]).strip():
        return clean_text(choice[1]).strip()
    raise ValidationError(CHOOSE_EVERY_CONFLICT, code="unresolved")


@transaction.atomic
def clause_updates_accept(*, policy: Policy, user, choices: dict | None = None) -> Policy:
    """Take every waiting clause update: the policy prints the new library text, or where it
    had its own wording the merge (a conflict settled by `choices`, {clause key: "ours" |
    "theirs" | ("combined", text)}). A published or approved policy stays as it is: the update
    goes into its new draft version, which then goes through the normal review. Returns the
    policy that changed."""
    target = policy_editable_version(policy=policy, user=user)
    # Read again under the lock: a colleague may have decided meanwhile.
    target = lock_policy_for_author(user, target.pk)
    changes = clause_changes(target)
    if not changes:
        raise ValidationError(NOTHING_TO_UPDATE, code="nothing")
    releases = copy.deepcopy(target.clause_releases or {})
    for change in changes:
        text = settled_text(change, (choices or {}).get(change.update.key))
        entry = {"at": change.update.to_release}
        if text != change.update.theirs:
            entry.update(wording=text, language=target.language)
        releases[change.update.key] = entry
    return policy_set_clause_releases(
        policy_id=target.pk,
        user=user,
        clause_releases=releases,
        action=AuditEvent.Action.ACCEPT_CLAUSE_UPDATE,
        detail=audit_detail(changes),
    )


@transaction.atomic
def clause_updates_decline(*, policy: Policy, user) -> Policy:
    """Keep the policy's texts: the releases waiting now are recorded as declined (in the
    audit trail too) and no longer offered; a later release is."""
    policy = lock_policy_for_author(user, policy.pk)
    changes = clause_changes(policy)
    if not changes:
        raise ValidationError(NOTHING_TO_UPDATE, code="nothing")
    releases = copy.deepcopy(policy.clause_releases or {})
    for change in changes:
        releases[change.update.key] = {
            **(releases.get(change.update.key) or {}),
            "declined": change.update.to_release,
        }
    return policy_set_clause_releases(
        policy_id=policy.pk,
        user=user,
        clause_releases=releases,
        action=AuditEvent.Action.DECLINE_CLAUSE_UPDATE,
        detail=audit_detail(changes),
    )
