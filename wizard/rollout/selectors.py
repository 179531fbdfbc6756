"""Reads for the rollout: the versions of a policy staff confirmed, the register, what changed."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from wizard.policies.changes import BlockChange, block_changes
from wizard.policies.models import Policy, Publication
from wizard.rollout import rounds
from wizard.rollout.links import personal_key_payload
from wizard.rollout.models import (
    ROUND_DAYS,
    Acknowledgement,
    AcknowledgementRound,
    RoundReminder,
    StaffMember,
)

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
    # Confirmations of earlier versions that still count: this one is a minor correction.
    carried: list[Acknowledgement] = field(default_factory=list)
    progress: RoundProgress | None = None
    settings: AcknowledgementRound | None = None


def round_of(policy: Policy) -> AcknowledgementRound:
    """The version's round as stored, or (never changed) the default one, unsaved: it starts on
    the day the version was published and lasts ROUND_DAYS."""
    stored = AcknowledgementRound.objects.filter(policy=policy).first()
    if stored is not None:
        return stored
    publication = Publication.objects.filter(policy=policy).only("published_at").first()
    published = publication.published_at if publication else policy.updated_at
    start = timezone.localdate(published)
    return AcknowledgementRound(
        policy=policy, started_on=start, deadline=start + datetime.timedelta(days=ROUND_DAYS)
    )


def minor_predecessors(policy: Policy) -> list[Policy]:
    """The earlier versions whose confirmations still count for `policy`: going back while each
    version is a minor correction of the one before it."""
    found = []
    versions = lineage(policy)
    minor = dict(
        Publication.objects.filter(policy__in=[v.pk for v in versions]).values_list(
            "policy_id", "minor_correction"
        )
    )
    for newer, older in zip(versions, versions[1:], strict=False):
        if not minor.get(newer.pk):
            break
        found.append(older)
    return found


def valid_confirmations(
    policy: Policy, round_: AcknowledgementRound, today: datetime.date
) -> dict[str, Acknowledgement]:
    """Per address, the confirmation that counts for `policy` today: of this version or of one
    it is a minor correction of, and, with re-confirmation, made in the current period."""
    ids = [policy.pk] + [v.pk for v in minor_predecessors(policy)]
    records = Acknowledgement.objects.of_policies(ids)
    start = rounds.period_start(round_, today)
    if start > round_.started_on:
        records = records.filter(created_at__date__gte=start)
    found: dict[str, Acknowledgement] = {}
    for record in records:  # newest first: the newest per person counts
        found.setdefault(record.email, record)
    return found


def current_confirmation(policy: Policy, email: str) -> Acknowledgement | None:
    """The verified confirmation of `email` that counts for `policy` today, if any."""
    found = valid_confirmations(policy, round_of(policy), timezone.localdate()).get(email)
    return found if found is not None and found.is_verified else None


def personal_link_valid_until(
    policy: Policy, member: StaffMember, today: datetime.date
) -> datetime.date:
    """The last day `member`'s personal link opens `policy`, worked out from the round as it
    is now: their own deadline in it (people imported later have their own) plus the grace
    period, or later when a link went to them after that deadline."""
    window = rounds.person_window(round_of(policy), timezone.localdate(member.created_at), today)
    sent_on = timezone.localdate(member.last_sent_at) if member.last_sent_at else None
    return rounds.link_valid_until(window, sent_on)


@dataclass
class Tally:
    department: str
    done: int = 0
    pending: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.done + self.pending + self.overdue


@dataclass
class PersonStatus:
    member: StaffMember
    window: rounds.Window
    confirmation: Acknowledgement | None

    def status(self, today: datetime.date) -> str:
        if self.confirmation is not None:
            return "done"
        return "overdue" if today > self.window.deadline else "pending"


@dataclass
class RoundProgress:
    """Where the round of the version published now stands on `today`."""

    round: AcknowledgementRound
    today: datetime.date
    people: list[PersonStatus]
    departments: list[Tally]
    total: Tally


def round_progress(policy: Policy, today: datetime.date | None = None) -> RoundProgress:
    today = today or timezone.localdate()
    round_ = round_of(policy)
    confirmations = valid_confirmations(policy, round_, today)
    people = []
    tallies: dict[str, Tally] = {}
    total = Tally("")
    for member in StaffMember.objects.of_organisation(policy.organisation_id):
        window = rounds.person_window(round_, timezone.localdate(member.created_at), today)
        person = PersonStatus(member, window, confirmations.get(member.email))
        people.append(person)
        status = person.status(today)
        for tally in (tallies.setdefault(member.department, Tally(member.department)), total):
            setattr(tally, status, getattr(tally, status) + 1)
    departments = [tallies[name] for name in sorted(tallies, key=str.casefold)]
    return RoundProgress(round_, today, people, departments, total)


def register(policy: Policy, today: datetime.date | None = None) -> list[Round]:
    """Per version (newest first): who acknowledged it and when; for the version staff read now,
    also who on the staff list has not yet, whose confirmation of an earlier version still
    counts (a minor correction), and the round's progress per department."""
    versions = lineage(policy)
    by_policy: dict[int, list[Acknowledgement]] = {v.pk: [] for v in versions}
    for record in Acknowledgement.objects.of_policies(list(by_policy)):
        by_policy[record.policy_id].append(record)
    publications = {
        p.policy_id: p
        for p in Publication.objects.filter(policy__in=list(by_policy)).defer("pdf", "document")
    }
    found = []
    for version in versions:
        records = by_policy[version.pk]
        is_current = version.status == Policy.Status.PUBLISHED
        if not records and not is_current:
            continue
        round_ = Round(version, records, [], is_current, publications.get(version.pk))
        if is_current:
            progress = round_progress(version, today)
            round_.progress = progress
            round_.settings = progress.round
            round_.pending = [p.member for p in progress.people if p.confirmation is None]
            round_.carried = [
                p.confirmation
                for p in progress.people
                if p.confirmation is not None and p.confirmation.policy_id != version.pk
            ]
        found.append(round_)
    return found


def pending_members(policy: Policy, today: datetime.date | None = None) -> list[StaffMember]:
    return [p.member for p in round_progress(policy, today).people if p.confirmation is None]


def staff_member_name(organisation_id: int, email: str) -> str:
    """The name the organisation's staff list gives `email` ("" when it is not on it)."""
    found = StaffMember.objects.filter(organisation_id=organisation_id, email=email.lower())
    return found.values_list("name", flat=True).first() or ""


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
    for reminder in RoundReminder.objects.filter(
        member__organisation_id=organisation_id, member__email=email.strip().lower()
    ).order_by("sent_at"):
        records.append(
            {
                "record": "round reminder",
                "email": email.strip().lower(),
                "policy_id": reminder.policy_id,
                "subject": reminder.kind,
                "when": reminder.sent_at.isoformat(),
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
