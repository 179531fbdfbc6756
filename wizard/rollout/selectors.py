"""Reads for the rollout: the versions of a policy staff confirmed, the register, what changed."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django_tasks_db.models import DBTaskResult

from wizard.policies.changes import BlockChange, block_changes
from wizard.policies.models import Policy, Publication
from wizard.rollout.links import personal_key_payload
from wizard.rollout.models import Acknowledgement, StaffMember

# A link to a staff page (personal, confirming or open) inside a mail's text.
STAFF_LINK = re.compile(r"https?://\S*/p/\S+")
# Earlier versions are looked up this far back at most, far beyond any real history.
LINEAGE_LIMIT = 100


def lineage(policy: Policy) -> list[Policy]:
    """The policy and the versions it is based on, newest first."""
    found = [policy]
    current = policy
    for _step in range(LINEAGE_LIMIT):
        if current.based_on_id is None:
            break
        current = (
            Policy.objects.select_related("organisation").filter(pk=current.based_on_id).first()
        )
        if current is None or current.organisation_id != policy.organisation_id:
            break
        found.append(current)
    return found


@dataclass
class Round:
    """One published version and who confirmed it."""

    policy: Policy
    acknowledgements: list[Acknowledgement]
    pending: list[StaffMember] = field(default_factory=list)
    is_current: bool = False
    publication: Publication | None = None


def register(policy: Policy) -> list[Round]:
    """Per version (newest first): who acknowledged it and when; for the version staff read now,
    also who on the staff list has not yet."""
    versions = lineage(policy)
    by_policy: dict[int, list[Acknowledgement]] = {v.pk: [] for v in versions}
    for record in Acknowledgement.objects.of_policies(list(by_policy)):
        by_policy[record.policy_id].append(record)
    publications = {
        p.policy_id: p
        for p in Publication.objects.filter(policy__in=list(by_policy)).defer("pdf", "document")
    }
    rounds = []
    for version in versions:
        records = by_policy[version.pk]
        is_current = version.status == Policy.Status.PUBLISHED
        if not records and not is_current:
            continue
        pending = []
        if is_current:
            confirmed = {record.email for record in records}
            pending = [
                member
                for member in StaffMember.objects.of_organisation(version.organisation_id)
                if member.email not in confirmed
            ]
        rounds.append(Round(version, records, pending, is_current, publications.get(version.pk)))
    return rounds


def pending_members(policy: Policy) -> list[StaffMember]:
    confirmed = set(Acknowledgement.objects.filter(policy=policy).values_list("email", flat=True))
    return [
        member
        for member in StaffMember.objects.of_organisation(policy.organisation_id)
        if member.email not in confirmed
    ]


def same_organisation(policy: Policy, other_id: int) -> bool:
    return Policy.objects.filter(pk=other_id, organisation_id=policy.organisation_id).exists()


def tasks_naming(organisation_id: int, email: str):
    """The queued and finished background tasks (e-mail) that name this person: sent to their
    address, or carrying one of their personal links."""
    email = email.strip().lower()
    naming = Q(args_kwargs__icontains=email)
    for member in StaffMember.objects.filter(organisation_id=organisation_id, email=email):
        naming |= Q(args_kwargs__icontains=personal_key_payload(member))
    return DBTaskResult.objects.filter(naming).order_by("enqueued_at")


def person_records(organisation_id: int, email: str) -> list[dict]:
    """Everything kept about one person in an organisation, for an access request."""
    records = []
    for member in StaffMember.objects.filter(
        organisation_id=organisation_id, email=email.strip().lower()
    ):
        records.append(
            {
                "record": "staff list",
                "name": member.name,
                "email": member.email,
                "added": member.created_at.isoformat(),
                "last_link_sent": member.last_sent_at.isoformat() if member.last_sent_at else "",
            }
        )
    for ack in Acknowledgement.objects.of_person(organisation_id, email).select_related("policy"):
        records.append(
            {
                "record": "acknowledgement",
                "name": ack.name,
                "email": ack.email,
                "policy": ack.policy.title,
                "policy_id": ack.policy_id,
                "version": ack.version_label,
                "fingerprint": ack.fingerprint,
                "method": ack.method,
                "when": ack.created_at.isoformat(),
            }
        )
    for task in tasks_naming(organisation_id, email):
        kwargs = (task.args_kwargs or {}).get("kwargs") or {}
        records.append(
            {
                "record": "e-mail",
                "email": str(kwargs.get("to", "")),
                "subject": str(kwargs.get("subject", "")),
                # The links in it would confirm in the person's name: left out.
                "body": STAFF_LINK.sub("[link]", str(kwargs.get("body", ""))),
                "status": task.status,
                "when": task.enqueued_at.isoformat(),
            }
        )
    return records


def superseded_by_fingerprint(policy: Policy, fingerprint: str) -> ChangesSince | None:
    """What changed in `policy` since the earlier version whose text had `fingerprint` (the
    one a person read before a newer one was published); None if it is not one of them."""
    earlier = lineage(policy)[1:]
    read = (
        Publication.objects.filter(policy__in=[p.pk for p in earlier], fingerprint=fingerprint)
        .select_related("policy")
        .first()
    )
    if read is None:
        return None
    older = read.policy
    return ChangesSince(older.version_label, block_changes(policy, older.content, policy.content))


@dataclass(frozen=True)
class ChangesSince:
    version_label: str
    changes: list[BlockChange]


def changes_since(policy: Policy, email: str = "") -> ChangesSince | None:
    """What changed in `policy` since the version `email` confirmed last (with an address) or
    since the version published before it (without one); None when there is no earlier one."""
    earlier = lineage(policy)[1:]
    if not earlier:
        return None
    older = None
    if email:
        confirmed = set(
            Acknowledgement.objects.filter(
                policy_id__in=[p.pk for p in earlier], email=email
            ).values_list("policy_id", flat=True)
        )
        older = next((p for p in earlier if p.pk in confirmed), None)
        if older is None:
            return None
    else:
        older = earlier[0]
    return ChangesSince(older.version_label, block_changes(policy, older.content, policy.content))


@dataclass(frozen=True)
class CheckedCopy:
    """What "Check a copy" tells about a published version: nothing else."""

    title: str
    organisation_name: str
    version_label: str
    published_at: datetime.datetime
    superseded_at: datetime.datetime | None


def publication_with_hash(digest: str) -> CheckedCopy | None:
    """The published version whose PDF or composed text has the SHA-256 `digest`."""
    publication = (
        Publication.objects.with_hash(digest).defer("pdf").order_by("published_at", "pk").first()
    )
    if publication is None:
        return None
    document = publication.document
    return CheckedCopy(
        title=str(document.get("title", "")),
        organisation_name=str(document.get("organisation_name", "")),
        version_label=publication.version_label,
        published_at=publication.published_at,
        superseded_at=publication.superseded_at,
    )
