"""Master policies: making one, locking its parts, publishing versions, starting client
policies from it, and proposing, accepting or declining its updates.

Every write to a client's policy goes through wizard/policies/services.py, so the policy's
revisions, audit trail and stored values stay as on any other save.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from wizard.masters import notifications
from wizard.masters.merging import BlockMerge, merge_content
from wizard.masters.models import (
    MasterPolicy,
    MasterVersion,
    PolicyOrigin,
    ProposedUpdate,
    UpdateSend,
)
from wizard.masters.selectors import send_candidates
from wizard.organisations.models import AUTHOR_ROLES, Membership, Organisation
from wizard.policies.access import policy_role
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.document import placeholder_values
from wizard.policies.locks import OWN_TEXT, set_part
from wizard.policies.models import AuditEvent, Policy
from wizard.policies.services import (
    audit,
    audit_policy,
    policy_editable_version,
    policy_replace_content,
    policy_set_locks,
    policy_start_draft,
)
from wizard.workspace.copying import foreign_clauses, swap_details, without_clauses

logger = logging.getLogger(__name__)

ONLY_CONSULTANTS_MAKE_MASTERS = _("Only consultants of this organisation can make a master policy.")
NOT_YOUR_MASTER = _("This master policy is not yours.")
ONLY_YOUR_CLIENTS = _("You can only start a policy from a master for an organisation you advise.")
NO_WORKING_COPY = _(
    "The policy this master was made from is gone or no longer yours, so there is nothing to "
    "publish."
)
NOTHING_NEW = _("The master has not changed since its latest version.")
UNKNOWN_PART = _("There is no such part of this master policy.")
UPDATE_CLOSED = _("This update is no longer waiting for a decision.")
CHOOSE_EVERY_CONFLICT = _("Choose a version for every part where both sides changed.")
NOT_DERIVED = _("This policy does not come from a master policy.")
NO_CLIENTS_CHOSEN = _("Choose at least one client to send the update to.")
NO_LONGER_REACHED = _(
    "This client's policy no longer follows the master, or you no longer advise this client."
)
NO_CURRENT_POLICY = _("The client's policy is archived and has no newer version.")

# Clients proposed to per transaction; the sending's counts are saved after each group.
SEND_GROUP = 25

# A conflict's choice: keep the client's text, take the master's, or a combined text.
OURS, THEIRS, COMBINED = "ours", "theirs", "combined"


def require_owner(master: MasterPolicy, user) -> None:
    if master.owner_id != user.pk:
        raise PermissionDenied(NOT_YOUR_MASTER)


def is_consultant_of(user, organisation_id: int) -> bool:
    return Membership.objects.role_of(user, organisation_id) == Membership.Role.CONSULTANT


# --- Making and keeping a master ------------------------------------------------------------


@transaction.atomic
def master_make(*, policy: Policy, user, title: str = "") -> MasterPolicy:
    """A consultant makes a master from one of their policies: its content is version 1, and
    the policy stays the master's working copy for the next versions."""
    if policy_role(user, policy) != Membership.Role.CONSULTANT:
        raise PermissionDenied(ONLY_CONSULTANTS_MAKE_MASTERS)
    master = MasterPolicy.objects.create(
        owner=user,
        source=policy,
        title=title or policy.title,
        language=policy.language,
        source_name=policy.organisation.name,
        source_contact_person=policy.contact_person_or_default(),
        source_contact_email=policy.contact_email_or_default(),
    )
    MasterVersion.objects.create(master=master, number=1, content=policy.content, locks={})
    audit_policy(policy, user, AuditEvent.Action.MAKE_MASTER, f"master #{master.pk}")
    return master


def latest_version(master: MasterPolicy) -> MasterVersion:
    return master.versions.order_by("-number").first()


def lockable_parts(content: dict) -> dict[str, list[str]]:
    """The parts of each block that can be locked: its clauses (in or out as the master has
    them), its fields with a value and its own words when it has them."""
    parts: dict[str, list[str]] = {}
    for key, block in BLOCKS_BY_KEY.items():
        stored = content.get(key) or {}
        found = [f"clause:{c.key}" for c in block.clauses if not c.always]
        found += [f"field:{f.key}" for f in block.fields if stored.get(f.key)]
        if (stored.get(OWN_TEXT) or "").strip():
            found.append(OWN_TEXT)
        parts[key] = found
    return parts


@transaction.atomic
def master_set_locks(*, master: MasterPolicy, user, locks: dict[str, dict[str, str]]) -> bool:
    """Lock these parts (with their reasons); every other part is open.

    They are published with the next version; while no client policy derives from the latest
    version yet, it takes them at once. Returns whether they apply already.
    """
    require_owner(master, user)
    latest = latest_version(master)
    allowed = lockable_parts(latest.content)
    cleaned: dict[str, dict[str, str]] = {}
    for block_key, parts in locks.items():
        for part, reason in parts.items():
            if part not in allowed.get(block_key, ()):
                raise ValidationError(UNKNOWN_PART, code="unknown_part")
            cleaned.setdefault(block_key, {})[part] = (reason or "").strip()[:200]
    master.locks = cleaned
    master.save(update_fields=["locks"])
    if PolicyOrigin.objects.filter(version=latest).exists():
        return False
    latest.locks = cleaned
    latest.save(update_fields=["locks"])
    return True


@transaction.atomic
def master_publish_version(*, master: MasterPolicy, user, send: bool = True) -> MasterVersion:
    """Publish the working copy's content and the master's locks as the next version. With
    `send`, every derived policy of a client this consultant advises gets a proposed update at
    once (in the background); without, the consultant chooses the clients after seeing the
    impact (`master_send_version`)."""
    require_owner(master, user)
    master = MasterPolicy.objects.select_for_update().get(pk=master.pk)
    source = master.source
    if source is None or not is_consultant_of(user, source.organisation_id):
        raise PermissionDenied(NO_WORKING_COPY)
    latest = latest_version(master)
    if latest.content == source.content and latest.locks == master.locks:
        raise ValidationError(NOTHING_NEW, code="unchanged")
    version = MasterVersion.objects.create(
        master=master, number=latest.number + 1, content=source.content, locks=master.locks
    )
    audit_policy(
        source,
        user,
        AuditEvent.Action.MASTER_VERSION,
        f"master #{master.pk} version {version.number}",
    )
    if send and send_candidates(master, user, version).exists():
        master_send_version(master=master, user=user)
    return version


@transaction.atomic
def master_send_version(
    *, master: MasterPolicy, user, origin_ids: list[int] | None = None
) -> UpdateSend:
    """Send the master's latest version to the chosen clients' derived policies (all of them
    without `origin_ids`): a sending record, worked through in the background
    (`send_master_update`) so the request does not wait for a thousand clients."""
    require_owner(master, user)
    version = latest_version(master)
    origins = send_candidates(master, user, version)
    if origin_ids is not None:
        origins = origins.filter(pk__in=origin_ids)
    chosen = list(origins.values_list("pk", flat=True))
    if not chosen:
        raise ValidationError(NO_CLIENTS_CHOSEN, code="none_chosen")
    sending = UpdateSend.objects.create(
        master=master, version=version, sent_by=user, origin_ids=chosen, total=len(chosen)
    )
    send_id = sending.pk
    transaction.on_commit(lambda: send_master_update.enqueue(send_id=send_id))
    return sending


# --- Client policies from a master ----------------------------------------------------------


def client_content(master: MasterPolicy, content: dict, policy: Policy) -> dict:
    """A master's content with the master's organisation details swapped for the client's
    in the free texts (as a copy's are)."""
    new = placeholder_values(policy)
    replacements = {
        master.source_name: new["organisation"],
        master.source_contact_person: new["contact_person"],
        master.source_contact_email: new["contact_email"],
    }
    return swap_details(content, replacements)


def foreign_unlocked_clauses(master: MasterPolicy, organisation: Organisation) -> list[dict]:
    """The master's clauses meant for another sector than `organisation`'s that are not
    locked: the consultant keeps or drops each (a locked one always stays)."""
    version = latest_version(master)
    found = []
    for clause in foreign_clauses(version.content, organisation, master.language):
        block_key, _, clause_key = clause["value"].partition(":")
        if f"clause:{clause_key}" not in ((version.locks or {}).get(block_key) or {}):
            found.append(clause)
    return found


@transaction.atomic
def master_start_policy(
    *,
    master: MasterPolicy,
    organisation: Organisation,
    user,
    title: str = "",
    dropped: frozenset[str] = frozenset(),
) -> Policy:
    """Start a client's draft from the master's latest version, with its locks, and record
    where it came from. `dropped` are clauses of another sector left out ("<block>:<clause>");
    a locked clause is never dropped."""
    require_owner(master, user)
    if not is_consultant_of(user, organisation.pk):
        raise PermissionDenied(ONLY_YOUR_CLIENTS)
    version = latest_version(master)
    unsaved = Policy(
        organisation=organisation,
        language=master.language,
        contact_person=organisation.contact_person,
        contact_email=organisation.contact_email,
    )
    locked = {
        f"{block_key}:{part.removeprefix('clause:')}"
        for block_key, parts in (version.locks or {}).items()
        for part in parts
        if part.startswith("clause:")
    }
    content = without_clauses(version.content, set(dropped) - locked)
    policy = policy_start_draft(
        organisation=organisation,
        user=user,
        title=title or master.title,
        language=master.language,
        content=client_content(master, content, unsaved),
        locks=version.locks,
        detail=f"from master #{master.pk} version {version.number}",
    )
    PolicyOrigin.objects.create(policy=policy, master=master, version=version)
    return policy


# --- Proposed updates -----------------------------------------------------------------------


def current_of_lineage(policy: Policy) -> Policy | None:
    """The policy an update goes to: the policy itself unless it is archived, else the newest
    version started from it that is not (a new version published over it)."""
    if policy.status != Policy.Status.ARCHIVED:
        return policy
    return policy.new_versions.current().order_by("-pk").first()


def propose_to(*, origin: PolicyOrigin, version: MasterVersion) -> ProposedUpdate | None:
    """One derived policy gets the update to `version` (an older waiting one is replaced).

    The policy's waiting updates are read from `open_updates` when the caller fetched them
    for many policies at once (`send_master_update`)."""
    policy = current_of_lineage(origin.policy)
    if policy is None:
        raise ValidationError(NO_CURRENT_POLICY, code="archived")
    if origin.version_id == version.pk:
        return None
    if policy.pk != origin.policy_id:
        origin.policy = policy
        origin.save(update_fields=["policy"])
    waiting = getattr(policy, "open_updates", None)
    if waiting is None:
        waiting = list(
            ProposedUpdate.objects.filter(policy=policy, status=ProposedUpdate.Status.OPEN)
        )
    if any(update.to_version_id == version.pk for update in waiting):
        return None  # proposed already (the task ran twice)
    if waiting:
        ProposedUpdate.objects.filter(pk__in=[update.pk for update in waiting]).update(
            status=ProposedUpdate.Status.REPLACED, decided_at=timezone.now()
        )
    return ProposedUpdate.objects.create(
        policy=policy, origin=origin, from_version_id=origin.version_id, to_version=version
    )


def sending_group(sending: UpdateSend, origin_ids: list[int]) -> dict[int, PolicyOrigin]:
    """These derived policies with their policy, organisation and waiting updates, in two
    queries; only those of organisations the master's owner still advises."""
    owner_id = sending.version.master.owner_id
    waiting = ProposedUpdate.objects.filter(status=ProposedUpdate.Status.OPEN)
    origins = (
        PolicyOrigin.objects.filter(
            pk__in=origin_ids,
            master_id=sending.master_id,
            policy__organisation__memberships__user=owner_id,
            policy__organisation__memberships__role=Membership.Role.CONSULTANT,
        )
        .select_related("policy__organisation")
        .defer("policy__content")  # a proposal is made without the texts (merged when shown)
        .prefetch_related(Prefetch("policy__proposed_updates", waiting, to_attr="open_updates"))
    )
    return {origin.pk: origin for origin in origins}


def sending_failure(origin_id: int, origin: PolicyOrigin | None, reason: str) -> dict:
    return {
        "origin": origin_id,
        "policy": origin.policy_id if origin else None,
        "organisation": origin.policy.organisation.name if origin else "",
        "reason": reason[:300],
    }


def send_to_group(sending: UpdateSend, group: list[int]) -> tuple[int, list[dict]]:
    """Propose the sending's version to these clients in one transaction, each in a savepoint
    of its own: (how many were done, the failures)."""
    version = sending.version
    origins = sending_group(sending, group)
    addresses = notifications.editor_addresses_of(
        {origin.policy.organisation_id for origin in origins.values()}
    )
    done, failures = 0, []
    with transaction.atomic():
        for origin_id in group:
            origin = origins.get(origin_id)
            try:
                if origin is None:
                    raise ValidationError(NO_LONGER_REACHED, code="not_reached")
                with transaction.atomic():
                    update = propose_to(origin=origin, version=version)
                    if update is not None:
                        notifications.notify_proposed(
                            update, recipients=addresses.get(origin.policy.organisation_id, [])
                        )
            except Exception as error:  # one client's failure must not stop the others
                logger.warning(
                    "Sending master version %s to origin %s failed",
                    version.pk,
                    origin_id,
                    exc_info=not isinstance(error, ValidationError),
                )
                reason = " ".join(getattr(error, "messages", [])) or str(error)
                failures.append(sending_failure(origin_id, origin, reason or type(error).__name__))
            else:
                done += 1
    return done, failures


@task()
def send_master_update(*, send_id: int) -> dict:
    """Propose the sending's master version to its clients, one by one. A failure for one
    client is recorded with its reason and does not stop the others; the counts are saved
    after every group of SEND_GROUP clients, for the progress page, and the sending is
    finished even when the task itself fails (the page stops waiting)."""
    sending = UpdateSend.objects.select_related("version__master").get(pk=send_id)
    if sending.is_finished:
        return {"done": sending.done, "failed": sending.failed}
    UpdateSend.objects.filter(pk=send_id).update(status=UpdateSend.Status.RUNNING)
    done, failures = 0, []
    ids = list(sending.origin_ids)
    try:
        for start in range(0, len(ids), SEND_GROUP):
            group_done, group_failures = send_to_group(sending, ids[start : start + SEND_GROUP])
            done += group_done
            failures += group_failures
            UpdateSend.objects.filter(pk=send_id).update(
                done=done, failed=len(failures), failures=failures
            )
    finally:
        UpdateSend.objects.filter(pk=send_id).update(
            status=UpdateSend.Status.FINISHED, finished_at=timezone.now()
        )
    return {"done": done, "failed": len(failures)}


@dataclass
class UpdatePreview:
    """What accepting the update would do to `target` (the policy, or its open new version)."""

    target: Policy
    blocks: dict[str, BlockMerge]

    @property
    def conflicts(self) -> list[tuple[str, str, dict]]:
        return [
            (block_key, part, sides)
            for block_key, merge in self.blocks.items()
            for part, sides in merge.conflicts.items()
        ]


def update_target(proposal: ProposedUpdate) -> Policy:
    """The policy an accepted update would change now: the policy while it is a draft, its
    open new version when there is one."""
    policy = proposal.policy
    if policy.is_content_editable:
        return policy
    open_version = (
        policy.new_versions.filter(status__in=Policy.OPEN_STATUSES).order_by("-pk").first()
    )
    return open_version or policy


def update_preview(proposal: ProposedUpdate, target: Policy | None = None) -> UpdatePreview:
    target = target or update_target(proposal)
    master = proposal.to_version.master
    return UpdatePreview(
        target=target,
        blocks=merge_content(
            base=client_content(master, proposal.from_version.content, target),
            ours=target.content,
            theirs=client_content(master, proposal.to_version.content, target),
            locks=proposal.to_version.locks,
        ),
    )


def require_open(proposal: ProposedUpdate, user) -> None:
    if policy_role(user, proposal.policy) not in AUTHOR_ROLES:
        raise PermissionDenied(_("Only editors and consultants of this organisation can decide."))
    if proposal.status != ProposedUpdate.Status.OPEN:
        raise PermissionDenied(UPDATE_CLOSED)


def resolved_content(preview: UpdatePreview, choices: dict) -> dict:
    """The merged content with every conflict settled by `choices`:
    {(block key, part): "ours" | "theirs" | ("combined", text)}."""
    content = copy.deepcopy(preview.target.content)
    for block_key, merge in preview.blocks.items():
        block = copy.deepcopy(merge.merged)
        for part, sides in merge.conflicts.items():
            choice = choices.get((block_key, part))
            if choice == THEIRS:
                value = sides["theirs"]
            elif choice == OURS:
                value = sides["ours"]
            elif isinstance(choice, tuple) and choice[0] == COMBINED and part == OWN_TEXT:
                value = choice[1]
            else:
                raise ValidationError(CHOOSE_EVERY_CONFLICT, code="unresolved")
            set_part(block, part, value)
        content[block_key] = block
    return content


@transaction.atomic
def update_accept(*, proposal: ProposedUpdate, user, choices: dict | None = None) -> Policy:
    """Accept the update: the merged content (with the conflicts settled by `choices`) and the
    new version's locks go into the policy, or into a new draft version of a published one,
    which then goes through the normal review. Returns the policy that changed."""
    proposal = (
        ProposedUpdate.objects.select_for_update().select_related("policy").get(pk=proposal.pk)
    )
    require_open(proposal, user)
    target = policy_editable_version(policy=proposal.policy, user=user)
    preview = update_preview(proposal, target)
    content = resolved_content(preview, choices or {})
    version = proposal.to_version
    changed = policy_replace_content(
        policy_id=target.pk,
        user=user,
        content=content,
        locks=version.locks,
        action=AuditEvent.Action.ACCEPT_UPDATE,
        detail=f"master #{version.master_id} version {version.number}",
    )
    PolicyOrigin.objects.filter(pk=proposal.origin_id).update(policy=target, version=version)
    proposal.status = ProposedUpdate.Status.ACCEPTED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    return changed


@transaction.atomic
def update_decline(*, proposal: ProposedUpdate, user) -> ProposedUpdate:
    """Decline the update: the policy stays as it is, and the decision is in its audit trail."""
    proposal = (
        ProposedUpdate.objects.select_for_update().select_related("policy").get(pk=proposal.pk)
    )
    require_open(proposal, user)
    proposal.status = ProposedUpdate.Status.DECLINED
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])
    version = proposal.to_version
    audit(
        organisation=proposal.policy.organisation,
        actor=user,
        action=AuditEvent.Action.DECLINE_UPDATE,
        policy=proposal.policy,
        detail=f"master #{version.master_id} version {version.number}",
    )
    return proposal


@transaction.atomic
def master_detach(*, policy: Policy, user) -> Policy:
    """The policy leaves its master: no more updates, nothing locked; its text stays."""
    origin = PolicyOrigin.objects.filter(policy=policy).select_related("master").first()
    if origin is None:
        raise ValidationError(NOT_DERIVED, code="not_derived")
    changed = policy_set_locks(
        policy_id=policy.pk,
        user=user,
        locks={},
        action=AuditEvent.Action.DETACH_MASTER,
        detail=f"master #{origin.master_id}",
    )
    ProposedUpdate.objects.filter(policy=policy, status=ProposedUpdate.Status.OPEN).update(
        status=ProposedUpdate.Status.DECLINED, decided_by=user, decided_at=timezone.now()
    )
    origin.delete()
    return changed
