"""Rolling a published policy out to staff: the staff link, acknowledgements, the staff list,
personal links, and a person's records on request. Writes only; reads are in selectors.py."""

from __future__ import annotations

import base64
import codecs
import csv
import datetime
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wizard.mail import queue_email
from wizard.organisations.models import Organisation
from wizard.policies.access import can_edit
from wizard.policies.models import AuditEvent, Policy
from wizard.policies.publication import (
    document_as_json,
    document_fingerprint,
    publication_of,
    published_document,
)
from wizard.policies.services import audit, audit_policy, new_share_token
from wizard.rollout import rounds, selectors
from wizard.rollout.forms import IMPORT_MAX_BYTES
from wizard.rollout.links import personal_key
from wizard.rollout.models import (
    Acknowledgement,
    AcknowledgementRound,
    RoundReminder,
    StaffMember,
)
from wizard.text import clean_text

STAFF_PDF_DETAIL = "pdf (staff link)"
SHARE_NEEDS_PUBLISHED = gettext_lazy("Only a published policy can have a staff link.")
ONLY_AUTHORS_SHARE = gettext_lazy(
    "Only editors and consultants of this organisation can manage the link."
)
ONLY_AUTHORS_STAFF = gettext_lazy(
    "Only editors and consultants of this organisation can manage the staff list and its records."
)
OUTSIDE_DOMAINS = gettext_lazy(
    "Use your work e-mail address: this organisation accepts addresses at %(domains)s."
)

NAME_MAX = 120
IMPORT_MAX_ROWS = 5000
# The column names the import reads (lower case); every other column is ignored.
NAME_COLUMNS = {"name", "naam", "full name", "volledige naam"}
# Or the parts of a name, as HR systems export them; joined in this order.
NAME_PART_COLUMNS = (
    {"first name", "firstname", "given name", "voornaam", "roepnaam"},
    {"tussenvoegsel", "tussenvoegsels", "voorvoegsel"},
    {"last name", "lastname", "surname", "family name", "achternaam"},
)
EMAIL_COLUMNS = {
    "email",
    "e-mail",
    "e-mailadres",
    "emailadres",
    "email address",
    "e-mail address",
    "mail",
    "work email",
    "work e-mail",
    "e-mail werk",
    "e-mail zakelijk",
    "zakelijk e-mailadres",
}
DEPARTMENT_COLUMNS = {"department", "afdeling", "team"}
CONFIRM_LINK_SALT = "wizard.rollout.confirm-link"
# A confirmation link by e-mail works this long: it is followed right after asking for it.
CONFIRM_LINK_MAX_AGE = 60 * 60 * 48
NEWER_VERSION = gettext_lazy("A newer version was published: read it first.")


def require_staff_manager(user, policy: Policy) -> None:
    if not can_edit(user, policy):
        raise PermissionDenied(ONLY_AUTHORS_STAFF)


# --- The staff link -------------------------------------------------------------------------


def require_link_manager(*, policy: Policy, user) -> None:
    """Refuse unless `user` may replace or revoke the policy's staff link now; also what the
    confirmation pages check before they ask."""
    if not can_edit(user, policy):
        raise PermissionDenied(ONLY_AUTHORS_SHARE)
    if policy.status != Policy.Status.PUBLISHED:
        raise PermissionDenied(SHARE_NEEDS_PUBLISHED)


@transaction.atomic
def policy_share_link_create(*, policy: Policy, user) -> str:
    """Give a published policy a new staff link; any earlier link stops working."""
    if not can_edit(user, policy):
        raise PermissionDenied(ONLY_AUTHORS_SHARE)
    locked = Policy.objects.select_for_update().get(pk=policy.pk)
    if locked.status != Policy.Status.PUBLISHED:
        raise PermissionDenied(SHARE_NEEDS_PUBLISHED)
    locked.share_token = new_share_token()
    locked.save(update_fields=["share_token"])
    policy.share_token = locked.share_token
    audit_policy(policy, user, AuditEvent.Action.SHARE)
    return locked.share_token


@transaction.atomic
def policy_share_link_revoke(*, policy: Policy, user) -> None:
    """The staff link stops working at once; a new one can be made later."""
    if not can_edit(user, policy):
        raise PermissionDenied(ONLY_AUTHORS_SHARE)
    Policy.objects.filter(pk=policy.pk).update(share_token="")
    policy.share_token = ""
    audit_policy(policy, user, AuditEvent.Action.REVOKE_SHARE)


# --- Acknowledging --------------------------------------------------------------------------


def policy_fingerprint(policy: Policy) -> str:
    """The SHA-256 of the composed text staff read: the frozen one once published."""
    publication = publication_of(policy)
    if publication is not None:
        return publication.fingerprint
    return document_fingerprint(document_as_json(published_document(policy)))


def normalise_email(email: str) -> str:
    return clean_text(email).strip().lower()


def single_line(text: str) -> str:
    """A name on one line: control characters and line breaks removed, spaces collapsed."""
    return " ".join(clean_text(text).split())


def check_staff_email(organisation: Organisation, email: str) -> None:
    if not organisation.accepts_staff_email(email):
        domains = ", ".join(f"@{domain}" for domain in organisation.staff_domains)
        raise ValidationError(OUTSIDE_DOMAINS % {"domains": domains}, code="outside_domains")


def check_current(policy: Policy, fingerprint: str) -> None:
    """Refuse a confirmation of a text other than the version published now."""
    if policy.status != Policy.Status.PUBLISHED:
        raise PermissionDenied(SHARE_NEEDS_PUBLISHED)
    if not fingerprint or fingerprint != policy_fingerprint(policy):
        raise ValidationError(NEWER_VERSION, code="newer_version")


def acknowledge(
    *, policy: Policy, name: str, email: str, method: str, fingerprint: str
) -> tuple[Acknowledgement, bool]:
    """Record that `email` read this published version, whose text had `fingerprint`.

    A second confirmation changes nothing, except that a verified one replaces one that was
    not verified. A verified confirmation sends the person a receipt. Returns the record and
    whether it is new (or replaced).
    """
    check_current(policy, fingerprint)
    email = normalise_email(email)
    check_staff_email(policy.organisation, email)
    publication = publication_of(policy)
    values = {
        "name": single_line(name)[:NAME_MAX],
        "method": method,
        "version_label": policy.version_label,
        "fingerprint": fingerprint,
        "pdf_sha256": publication.pdf_sha256 if publication else "",
        "created_at": timezone.now(),
    }
    verified = method != Acknowledgement.Method.UNVERIFIED
    with transaction.atomic():
        existing = (
            Acknowledgement.objects.select_for_update().filter(policy=policy, email=email).first()
        )
        renew = verified and existing is not None and confirm_again(policy, existing)
        if existing is not None and (existing.is_verified or not verified) and not renew:
            return existing, False
        if existing is not None:
            for field, value in values.items():
                setattr(existing, field, value)
            existing.save(update_fields=list(values))
            record = existing
        else:
            try:
                with transaction.atomic():
                    record = Acknowledgement.objects.create(
                        organisation=policy.organisation, policy=policy, email=email, **values
                    )
            except IntegrityError:  # the same person confirmed at the same moment elsewhere
                return Acknowledgement.objects.get(policy=policy, email=email), False
        if verified:
            transaction.on_commit(partial(_send_receipt, policy=policy, record=record), robust=True)
    return record, True


def confirm_again(policy: Policy, record: Acknowledgement) -> bool:
    """Whether the round asks `record`'s person to confirm this unchanged version again."""
    round_ = selectors.round_of(policy)
    start = rounds.period_start(round_, timezone.localdate())
    return start > round_.started_on and timezone.localdate(record.created_at) < start


def _send_receipt(*, policy: Policy, record: Acknowledgement) -> int:
    context = {
        "policy": policy,
        "organisation": policy.organisation.name,
        "record": record,
        "link": settings.SITE_URL
        + reverse("published_policy", kwargs={"token": policy.share_token}),
        "check_link": settings.SITE_URL + reverse("check_copy"),
    }
    with translation.override(policy.language):
        subject = render_to_string("rollout/email/receipt_subject.txt", context)
        body = render_to_string("rollout/email/receipt_body.txt", context)
    return queue_email(subject=" ".join(subject.split()), body=body, recipients=[record.email])


# --- Confirming through the open staff link: a one-time link by e-mail ---------------------


def _confirm_cipher() -> Fernet:
    # Encrypted, not only signed: the link names the person, and links end up in logs.
    key = hashlib.sha256(f"{CONFIRM_LINK_SALT}:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


@dataclass(frozen=True)
class ConfirmationRequest:
    policy_id: int
    name: str
    email: str
    fingerprint: str


def confirmation_key(request: ConfirmationRequest) -> str:
    payload = json.dumps(
        {"p": request.policy_id, "n": request.name, "e": request.email, "f": request.fingerprint}
    )
    token = _confirm_cipher().encrypt_at_time(payload.encode(), int(timezone.now().timestamp()))
    return token.decode().rstrip("=")


def confirmation_from_key(key: str) -> ConfirmationRequest | None:
    """What a confirmation link asks to record; None for a forged or expired one."""
    padded = key + "=" * (-len(key) % 4)
    try:
        payload = _confirm_cipher().decrypt_at_time(
            padded.encode(), CONFIRM_LINK_MAX_AGE, int(timezone.now().timestamp())
        )
        data = json.loads(payload)
        return ConfirmationRequest(
            policy_id=int(data["p"]),
            name=str(data["n"]),
            email=str(data["e"]),
            fingerprint=str(data["f"]),
        )
    except (InvalidToken, ValueError, KeyError, TypeError):
        return None


def confirmation_request(*, policy: Policy, name: str, email: str, fingerprint: str) -> None:
    """Mail a one-time link that confirms, to `email`. Nothing is recorded until it is
    followed, and what the caller learns is the same whoever the address belongs to."""
    check_current(policy, fingerprint)
    email = normalise_email(email)
    check_staff_email(policy.organisation, email)
    request = ConfirmationRequest(policy.pk, single_line(name)[:NAME_MAX], email, fingerprint)
    path = reverse(
        "confirm_by_email", kwargs={"token": policy.share_token, "key": confirmation_key(request)}
    )
    context = {
        "policy": policy,
        "organisation": policy.organisation.name,
        "name": request.name,
        "link": settings.SITE_URL + path,
        "hours": CONFIRM_LINK_MAX_AGE // 3600,
    }
    with translation.override(policy.language):
        subject = render_to_string("rollout/email/confirm_link_subject.txt", context)
        body = render_to_string("rollout/email/confirm_link_body.txt", context)
    queue_email(subject=" ".join(subject.split()), body=body, recipients=[email])


# --- Personal links -------------------------------------------------------------------------


def personal_link(policy: Policy, member: StaffMember) -> str:
    path = reverse(
        "personal_policy", kwargs={"token": policy.share_token, "key": personal_key(member)}
    )
    return settings.SITE_URL + path


def _send_personal_link(
    *, policy: Policy, member: StaffMember, link: str, valid_until: datetime.date
) -> int:
    context = {"policy": policy, "organisation": policy.organisation.name, "member": member}
    context["link"] = link
    context["valid_until"] = valid_until
    with translation.override(policy.language):
        subject = render_to_string("rollout/email/personal_link_subject.txt", context)
        body = render_to_string("rollout/email/personal_link_body.txt", context)
    return queue_email(subject=" ".join(subject.split()), body=body, recipients=[member.email])


@transaction.atomic
def personal_links_send(*, policy: Policy, user, members: list[StaffMember]) -> int:
    """E-mail each of `members` a personal link to the published policy (queued after
    commit: the request never waits on the mail server)."""
    require_staff_manager(user, policy)
    if policy.status != Policy.Status.PUBLISHED or not policy.share_token:
        raise PermissionDenied(
            gettext_lazy("Publish the policy and create its staff link before sending links.")
        )
    now = timezone.now()
    today = timezone.localdate(now)
    round_ = selectors.round_of(policy)
    for member in members:
        window = rounds.person_window(round_, timezone.localdate(member.created_at), today)
        transaction.on_commit(
            partial(
                _send_personal_link,
                policy=policy,
                member=member,
                link=personal_link(policy, member),
                valid_until=rounds.link_valid_until(window, today),
            ),
            robust=True,
        )
    StaffMember.objects.filter(pk__in=[m.pk for m in members]).update(last_sent_at=now)
    audit_policy(policy, user, AuditEvent.Action.SEND_LINKS, str(len(members)))
    return len(members)


# --- Rounds: the deadline and the reminders ------------------------------------------------


@transaction.atomic
def round_settings_save(
    *, policy: Policy, user, deadline: datetime.date, reconfirm_months: int
) -> AcknowledgementRound:
    """HR sets by when staff confirm the version published now, and whether they confirm it
    again every `reconfirm_months` months while it is unchanged (0: once)."""
    require_staff_manager(user, policy)
    if policy.status != Policy.Status.PUBLISHED:
        raise PermissionDenied(SHARE_NEEDS_PUBLISHED)
    round_ = selectors.round_of(policy)
    round_.deadline = deadline
    round_.reconfirm_months = reconfirm_months
    round_.save()
    audit_policy(
        policy,
        user,
        AuditEvent.Action.ROUND,
        f"deadline {deadline.isoformat()}, again every {reconfirm_months} months",
    )
    return round_


def _send_reminder(
    *, policy: Policy, member: StaffMember, kind: str, window: rounds.Window, today: datetime.date
) -> int:
    context = {
        "policy": policy,
        "organisation": policy.organisation.name,
        "member": member,
        "link": personal_link(policy, member),
        "valid_until": rounds.link_valid_until(window, today),
        "deadline": window.deadline,
        "kind": kind,
    }
    with translation.override(policy.language):
        subject = render_to_string("rollout/email/reminder_subject.txt", context)
        body = render_to_string("rollout/email/reminder_body.txt", context)
    return queue_email(subject=" ".join(subject.split()), body=body, recipients=[member.email])


def round_reminders_send(*, today: datetime.date | None = None) -> int:
    """Record and queue the round reminders due `today` for everyone on a staff list who has
    not confirmed the version published now: on the start, a week before the deadline, on the
    deadline and each week while overdue. Each reminder is recorded before it is queued, so a
    second run on a day sends nothing twice. Returns how many were queued."""
    today = today or timezone.localdate()
    sent = 0
    published = (
        Policy.objects.filter(status=Policy.Status.PUBLISHED)
        .exclude(share_token="")
        .select_related("organisation")
        .order_by("pk")
    )
    for policy in published:
        # What went already, in one query; the unique constraint still guards a parallel run.
        recorded = set(
            RoundReminder.objects.filter(policy=policy).values_list("member_id", "kind", "due_on")
        )
        for person in selectors.round_progress(policy, today).people:
            if person.confirmation is not None:
                continue
            due = rounds.due_reminder(person.window, today)
            if due is None or (person.member.pk, *due) in recorded:
                continue
            kind, due_on = due
            with transaction.atomic():
                _reminder, created = RoundReminder.objects.get_or_create(
                    policy=policy, member=person.member, kind=kind, due_on=due_on
                )
                if created:
                    # Its link works for the grace period from today (rounds.link_valid_until).
                    StaffMember.objects.filter(pk=person.member.pk).update(
                        last_sent_at=timezone.now()
                    )
                    transaction.on_commit(
                        partial(
                            _send_reminder,
                            policy=policy,
                            member=person.member,
                            kind=kind,
                            window=person.window,
                            today=today,
                        ),
                        robust=True,
                    )
                    sent += 1
    return sent


# --- The staff list -------------------------------------------------------------------------


FIELD_TOO_LONG = gettext_lazy(
    "a field is far too long to be a name or an e-mail address (is a quote mark not closed?)."
)


NOT_TEXT = gettext_lazy(
    "The file cannot be read as text. Save the list from your spreadsheet as CSV and try again."
)


def staff_list_text(data: bytes) -> str | None:
    """The text of a staff list as spreadsheets save it: UTF-8 ("CSV UTF-8"), UTF-16 with its
    byte order mark ("Unicode text"), or Windows-1252, which Excel on Windows writes for plain
    "CSV". None for a file that is none of these (a binary file, for one)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


@dataclass(frozen=True)
class StaffRow:
    line: int
    name: str
    email: str
    department: str = ""


def _column(columns: list[str], names: set[str]) -> int | None:
    return next((i for i, column in enumerate(columns) if column in names), None)


def _name_reader(columns: list[str]) -> Callable[[list[str]], str] | None:
    """How to read a person's name from a row's cells: its name column, or else its first and
    last name columns (with a tussenvoegsel between them, where there is one); None if neither."""
    whole = _column(columns, NAME_COLUMNS)
    parts = [_column(columns, names) for names in NAME_PART_COLUMNS]
    if whole is not None:
        parts = [whole]
    elif parts[0] is None or parts[2] is None:
        return None

    def name_of(cells: list[str]) -> str:
        words = (single_line(cells[at]) for at in parts if at is not None and at < len(cells))
        return " ".join(word for word in words if word)

    return name_of


def parse_staff_csv(data: bytes, organisation: Organisation) -> tuple[list[StaffRow], list[str]]:
    """The rows of a staff list (columns name and e-mail, a header row first, and optionally
    department), and the errors per line. Only those columns are read."""
    if len(data) > IMPORT_MAX_BYTES:
        return [], [_("The file is larger than 1 MB. Split the list into smaller files.")]
    text = staff_list_text(data)
    if text is None:
        return [], [NOT_TEXT]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader, None)
    except csv.Error:
        header = None
    columns = [clean_text(cell).strip().lower() for cell in header or []]
    name_of = _name_reader(columns)
    email_at = _column(columns, EMAIL_COLUMNS)
    department_at = _column(columns, DEPARTMENT_COLUMNS)
    if name_of is None or email_at is None:
        return [], [
            _("The first line must name the columns: “name” and “email” (or “naam” and “e-mail”).")
        ]
    rows: list[StaffRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            # A field over csv's limit (131,072 characters), as an unclosed quote makes: the
            # reader skips the rest of that line and goes on with the next.
            errors.append(
                _("Line %(line)s: %(problem)s")
                % {"line": reader.line_num, "problem": FIELD_TOO_LONG}
            )
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) + len(errors) >= IMPORT_MAX_ROWS:
            errors.append(_("The list has more than 5,000 people. Split it into smaller files."))
            break
        name = name_of(cells)
        email = normalise_email(cells[email_at]) if email_at < len(cells) else ""
        department = ""
        if department_at is not None and department_at < len(cells):
            department = single_line(cells[department_at])[:NAME_MAX]
        problem = ""
        if not name:
            problem = _("the name is missing.")
        elif len(name) > NAME_MAX:
            problem = _("the name is longer than 120 characters.")
        elif not email:
            problem = _("the e-mail address is missing.")
        else:
            try:
                validate_email(email)
            except ValidationError:
                problem = _("“%(email)s” is not an e-mail address.") % {"email": email}
        if not problem and email in seen:
            problem = _("“%(email)s” is already on line %(line)s.") % {
                "email": email,
                "line": seen[email],
            }
        if not problem and not organisation.accepts_staff_email(email):
            problem = _("“%(email)s” is not at one of the organisation’s domains.") % {
                "email": email
            }
        if problem:
            errors.append(_("Line %(line)s: %(problem)s") % {"line": line, "problem": problem})
            continue
        seen[email] = line
        rows.append(StaffRow(line, name, email, department))
    if not rows and not errors:
        errors.append(_("The file has no people in it."))
    return rows, errors


@transaction.atomic
def staff_import(*, policy: Policy, user, data: bytes) -> tuple[int, list[str]]:
    """Add or update the people of a CSV staff list; with any error, nothing is imported.

    Returns (people imported, errors per line).
    """
    require_staff_manager(user, policy)
    organisation = policy.organisation
    rows, errors = parse_staff_csv(data, organisation)
    if errors:
        return 0, errors
    existing = {
        m.email: m
        for m in StaffMember.objects.filter(organisation=organisation).only("email", "department")
    }
    new, changed = [], []
    for row in rows:
        member = existing.get(row.email)
        if member is None:
            new.append(
                StaffMember(
                    organisation=organisation,
                    name=row.name,
                    email=row.email,
                    department=row.department,
                )
            )
        else:
            member.name = row.name
            # A list without the column leaves the departments known as they are.
            member.department = row.department or member.department
            changed.append(member)
    StaffMember.objects.bulk_create(new)
    StaffMember.objects.bulk_update(changed, ["name", "department"])
    audit(
        organisation=organisation,
        actor=user,
        action=AuditEvent.Action.IMPORT_STAFF,
        policy=policy,
        detail=str(len(rows)),
    )
    return len(rows), []


@transaction.atomic
def staff_domains_save(*, policy: Policy, user, domains: list[str]) -> None:
    require_staff_manager(user, policy)
    Organisation.objects.filter(pk=policy.organisation_id).update(
        staff_email_domains="\n".join(domains)
    )
    policy.organisation.staff_email_domains = "\n".join(domains)
    audit_policy(policy, user, AuditEvent.Action.DOMAINS, ", ".join(domains))


# --- A person's records on request ----------------------------------------------------------


@transaction.atomic
def person_export_audit(*, policy: Policy, user) -> None:
    """Exporting a person's records is itself recorded (without the address)."""
    require_staff_manager(user, policy)
    audit_policy(policy, user, AuditEvent.Action.EXPORT_PERSON)


@transaction.atomic
def person_erase(*, policy: Policy, user, email: str) -> int:
    """Erase every acknowledgement, the staff-list entry and the queued and sent e-mail of
    `email` in the organisation."""
    require_staff_manager(user, policy)
    email = normalise_email(email)
    organisation_id = policy.organisation_id
    tasks, _counts = selectors.tasks_naming(organisation_id, email).delete()
    erased, _counts = Acknowledgement.objects.of_person(organisation_id, email).delete()
    staff, _counts = StaffMember.objects.filter(
        organisation_id=organisation_id, email=email
    ).delete()
    audit_policy(policy, user, AuditEvent.Action.ERASE_PERSON, str(erased + staff + tasks))
    return erased + staff + tasks


def acknowledgements_purge(*, now=None, days: int | None = None) -> int:
    """Delete the acknowledgements of versions superseded (archived) more than `days` ago."""
    now = now or timezone.now()
    days = settings.ACKNOWLEDGEMENT_RETENTION_DAYS if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    superseded = Policy.objects.filter(status=Policy.Status.ARCHIVED, updated_at__lt=cutoff)
    deleted, _counts = Acknowledgement.objects.filter(policy__in=superseded.values("pk")).delete()
    return deleted


def staff_pdf_download_record(*, policy: Policy) -> bool:
    """Note in the audit trail that staff downloaded the PDF: once per policy version per day.

    Anyone with the link can ask for the PDF as often as they like; the trail says that staff
    used it on a day, not how often. (Each version of a policy is its own row, so this is per
    version.) A flag in the shared cache answers the repeats without touching the trail; the
    check on the trail covers a flushed cache. Returns whether a new event was written.
    """
    today = timezone.localdate()
    flag = f"staff-pdf-recorded:{policy.pk}:{today.isoformat()}"
    if not cache.add(flag, True, timeout=int(datetime.timedelta(days=2).total_seconds())):
        return False
    already = AuditEvent.objects.filter(
        policy=policy,
        action=AuditEvent.Action.EXPORT,
        actor=None,
        detail=STAFF_PDF_DETAIL,
        created_at__date=today,
    ).exists()
    if already:
        return False
    audit_policy(policy, None, AuditEvent.Action.EXPORT, STAFF_PDF_DETAIL)
    return True
