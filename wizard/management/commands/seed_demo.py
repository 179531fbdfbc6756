"""Demo organisations and accounts for trying the app. Safe to run again: it changes nothing
that is already there, except that it resets the demo accounts' passwords and gives a demo
organisation whose intake was never answered its demo answers."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wizard.accounts.services import email_address_verify
from wizard.consent import services as consent
from wizard.consent.models import ConsentDossier
from wizard.masters import services as masters
from wizard.masters.models import MasterPolicy
from wizard.members.models import Invitation
from wizard.members.services import invitation_create, invitation_link
from wizard.models import Acknowledgement, Membership, Organisation, Policy
from wizard.policies.document import default_content
from wizard.policies.models import AuditEvent, Publication, Revision
from wizard.policies.releases import FIRST_RELEASE
from wizard.policies.services import (
    content_hash,
    policy_create,
    policy_save_step,
    policy_set_content,
    policy_start_draft,
)
from wizard.questions.models import ConsultantQuestion
from wizard.review import workflow
from wizard.rollout import services as rollout
from wizard.rollout.models import ROUND_DAYS, AcknowledgementRound, StaffMember

DEMO_PASSWORD = "demo-pass-123"  # noqa: S105 - demo accounts, created only by this command

ORGANISATIONS = [
    {
        "slug": "voorbeeld-zorg",
        "name": "Voorbeeld Zorg B.V.",
        "policy_language": "nl",
        "contact_person": "Fatima el Amrani",
        "contact_email": "hr@voorbeeldzorg.example",
        "brand_colour": "#0f6e6e",
        # The open staff link mails confirmation links to its own addresses only.
        "staff_email_domains": "voorbeeldzorg.example",
    },
    {
        "slug": "bakkerij-de-korenschoof",
        "name": "Bakkerij De Korenschoof",
        "policy_language": "nl",
        "contact_person": "Joost Verbeek",
        "contact_email": "joost@korenschoof.example",
        "brand_colour": "#9a5b13",
    },
    {
        "slug": "adviesbureau-helder",
        "name": "Adviesbureau Helder",
        "policy_language": "nl",
        "contact_person": "Ans de Wit",
        "contact_email": "ans@adviesbureauhelder.example",
        "brand_colour": "#2f4f4f",
    },
    {
        "slug": "obs-de-regenboog",
        "name": "OBS De Regenboog",
        "policy_language": "nl",
        "contact_person": "Mirjam Smit",
        "contact_email": "directie@obsderegenboog.example",
        "brand_colour": "#5b3f9a",
    },
]

# The intake answers of each demo organisation (see wizard/organisations/models.py).
INTAKE = {
    "voorbeeld-zorg": {
        "sector": "care",
        "staff_size": "50_249",
        "participation_body": "works_council",
        "has_code_of_conduct": True,
        "privacy_contact_name": "Pieter Bakker",
        "privacy_contact_email": "privacy@voorbeeldzorg.example",
        "press_contact": "de afdeling Communicatie",
    },
    "bakkerij-de-korenschoof": {
        "sector": "business",
        "staff_size": "under_10",
        "participation_body": "none",
        "has_code_of_conduct": False,
        "privacy_contact_name": "",
        "privacy_contact_email": "",
        "press_contact": "",
    },
    "adviesbureau-helder": {
        "sector": "business",
        "staff_size": "10_49",
        "participation_body": "none",
        "has_code_of_conduct": False,
        "privacy_contact_name": "",
        "privacy_contact_email": "",
        "press_contact": "",
    },
    "obs-de-regenboog": {
        "sector": "education",
        "staff_size": "50_249",
        "participation_body": "mr_staff_section",
        "has_code_of_conduct": True,
        "privacy_contact_name": "Anna de Jong",
        "privacy_contact_email": "privacy@obsderegenboog.example",
        "press_contact": "de directeur",
    },
}

# username: [(organisation slug, role)]
USERS = {
    "hr": [
        ("voorbeeld-zorg", Membership.Role.EDITOR),
        ("obs-de-regenboog", Membership.Role.EDITOR),
    ],
    "consultant": [
        ("voorbeeld-zorg", Membership.Role.CONSULTANT),
        ("bakkerij-de-korenschoof", Membership.Role.CONSULTANT),
        ("obs-de-regenboog", Membership.Role.CONSULTANT),
        # The consultancy's own: where the master "Zorg standaard" is written.
        ("adviesbureau-helder", Membership.Role.CONSULTANT),
    ],
    "reviewer": [
        ("voorbeeld-zorg", Membership.Role.REVIEWER),
        ("bakkerij-de-korenschoof", Membership.Role.REVIEWER),
        ("obs-de-regenboog", Membership.Role.REVIEWER),
    ],
}

# Who writes each organisation's first draft.
DRAFT_AUTHOR = {
    "voorbeeld-zorg": "hr",
    "bakkerij-de-korenschoof": "consultant",
    "obs-de-regenboog": "hr",
}


def _unanswered(organisation: Organisation) -> bool:
    """The intake still has the defaults a new column gets (the sector was never chosen)."""
    return organisation.sector == "other" and not organisation.press_contact


class Command(BaseCommand):
    help = "Create the demo organisations and accounts (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        User = get_user_model()
        organisations = {}
        for spec in ORGANISATIONS:
            slug = spec["slug"]
            fields = {key: value for key, value in spec.items() if key != "slug"}
            organisation, created = Organisation.objects.get_or_create(
                slug=slug, defaults={**fields, **INTAKE[slug]}
            )
            if not created and _unanswered(organisation):
                for name, value in INTAKE[slug].items():
                    setattr(organisation, name, value)
                organisation.save(update_fields=list(INTAKE[slug]))
            if fields.get("staff_email_domains") and not organisation.staff_email_domains:
                organisation.staff_email_domains = fields["staff_email_domains"]
                organisation.save(update_fields=["staff_email_domains"])
            organisations[slug] = organisation
        users = {}
        for username, memberships in USERS.items():
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            email_address_verify(user=user)
            users[username] = user
            for slug, role in memberships:
                Membership.objects.get_or_create(
                    user=user, organisation=organisations[slug], defaults={"role": role}
                )
        admin, _ = User.objects.get_or_create(
            username="admin",
            defaults={"email": "admin@example.org", "is_staff": True, "is_superuser": True},
        )
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        email_address_verify(user=admin)
        seed_master(
            organisations["adviesbureau-helder"],
            client=organisations["voorbeeld-zorg"],
            consultant=users["consultant"],
            hr=users["hr"],
        )
        for slug, username in DRAFT_AUTHOR.items():
            organisation = organisations[slug]
            if not Policy.objects.filter(organisation=organisation).exists():
                draft = policy_create(organisation=organisation, user=users[username])
                DRAFT_SETUP.get(slug, lambda policy: None)(draft)
        hr = users["hr"]
        seed_rollout(organisations["voorbeeld-zorg"], hr=hr, reviewer=users["reviewer"])
        invitation = seed_invitation(organisations["voorbeeld-zorg"], hr=hr)
        seed_question(organisations["voorbeeld-zorg"], hr=hr)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ with:"))
        for username, role in (
            ("hr", "editor (HR) of Voorbeeld Zorg B.V. and OBS De Regenboog"),
            ("consultant", "consultant for the three clients and Adviesbureau Helder"),
            ("reviewer", "reviewer for all three organisations"),
            ("admin", "superuser, Django admin at /admin/"),
        ):
            self.stdout.write(f"  {username:<11} / {DEMO_PASSWORD}   {role}")
        if invitation is not None:
            self.stdout.write(
                f"Open invitation (a reviewer for Voorbeeld Zorg B.V., mailed to "
                f"{DEMO_INVITATION_EMAIL}): {invitation_link(invitation.token)}"
            )


# The published policy's staff list in two departments: the first three confirmed it (issue
# 16, the register). The round's deadline has passed: Kees van Dijk (Zorg) is overdue, while
# Ayşe Yılmaz (Kantoor), added to the list later, still has days of her own.
DEMO_STAFF = [
    ("Sanne de Vries", "sanne.devries@voorbeeldzorg.example", "Zorg"),
    ("Mohamed Bakker", "mohamed.bakker@voorbeeldzorg.example", "Zorg"),
    ("Lotte Jansen", "lotte.jansen@voorbeeldzorg.example", "Kantoor"),
    ("Kees van Dijk", "kees.vandijk@voorbeeldzorg.example", "Zorg"),
    ("Ayşe Yılmaz", "ayse.yilmaz@voorbeeldzorg.example", "Kantoor"),
]
DEMO_ROUND_STARTED_DAYS_AGO = 21
DEMO_LATE_JOINER_DAYS_AGO = 3


def seed_rollout(organisation: Organisation, *, hr, reviewer) -> Policy:
    """One published policy with a staff link, a round whose deadline has passed, a staff list
    in two departments and three verified acknowledgements."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=DEMO_ROUND_STARTED_DAYS_AGO)
    published = Policy.objects.filter(
        organisation=organisation, status=Policy.Status.PUBLISHED
    ).first()
    if published is None:
        # A policy of its own: the organisation's draft stays a draft to work on.
        policy = policy_create(organisation=organisation, user=hr)
        # Published as an HR manager would: the works council consented a week before the
        # management adopted it, on the day it took effect and its round started (printed as
        # the adoption line), so that the register's dates follow one another.
        policy.effective_date = policy.effective_date or start
        policy.adopted_on = policy.adopted_on or policy.effective_date
        if organisation.has_participation_body:
            policy.consented_on = policy.consented_on or (
                policy.adopted_on - datetime.timedelta(days=7)
            )
        policy.next_review_date = policy.adopted_on + datetime.timedelta(days=365)
        policy.save(
            update_fields=["effective_date", "adopted_on", "consented_on", "next_review_date"]
        )
        workflow.policy_submit(policy=policy, user=hr)
        workflow.policy_approve(policy=policy, user=reviewer)
        if organisation.has_participation_body:
            seed_consent(policy, hr=hr)
        published = workflow.policy_publish(policy=policy, user=hr)
        happened_on(published, start)
    AcknowledgementRound.objects.update_or_create(
        policy=published,
        defaults={"started_on": start, "deadline": start + datetime.timedelta(days=ROUND_DAYS)},
    )
    on_list_since = {
        email: timezone.now() - datetime.timedelta(days=DEMO_ROUND_STARTED_DAYS_AGO)
        for _name, email, _department in DEMO_STAFF
    }
    on_list_since[DEMO_STAFF[-1][1]] = timezone.now() - datetime.timedelta(
        days=DEMO_LATE_JOINER_DAYS_AGO
    )
    for name, email, department in DEMO_STAFF:
        StaffMember.objects.update_or_create(
            organisation=organisation,
            email=email,
            defaults={"name": name, "department": department, "created_at": on_list_since[email]},
        )
    for name, email, _department in DEMO_STAFF[:3]:
        rollout.acknowledge(
            policy=published,
            name=name,
            email=email,
            method=Acknowledgement.Method.PERSONAL_LINK,
            fingerprint=rollout.policy_fingerprint(published),
        )
    return published


def happened_on(policy: Policy, day: datetime.date) -> None:
    """Move what seeding just recorded of `policy` (its revisions, audit trail, submission
    and publication) to the morning of `day`, in the same order: the register, the history
    and the evidence pack then tell one story with the round that started that day."""
    shift = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))) - (
        policy.created_at
    )
    Revision.objects.filter(policy=policy).update(created_at=F("created_at") + shift)
    AuditEvent.objects.filter(policy=policy).update(created_at=F("created_at") + shift)
    Publication.objects.filter(policy=policy).update(published_at=F("published_at") + shift)
    Policy.objects.filter(pk=policy.pk).update(
        created_at=F("created_at") + shift,
        updated_at=F("updated_at") + shift,
        submitted_at=F("submitted_at") + shift,
    )


def seed_consent(policy: Policy, *, hr) -> ConsentDossier:
    """A complete dossier (issue 22): the drafted request, the meeting two weeks before the
    adoption, the works council's consent on the day the policy already names."""
    if policy.consented_on is None or policy.adopted_on is None:
        raise ValueError("The demo policy needs its adoption and consent dates first.")
    draft = consent.request_draft(policy)
    consent.request_save(policy=policy, user=hr, **draft)
    consent.meeting_log(
        policy=policy,
        user=hr,
        meeting_on=policy.adopted_on - datetime.timedelta(days=14),
        notes=(
            "De OR vroeg wie meldingen over berichten behandelt en hoe lang die bewaard "
            "blijven. Antwoord: HR, en niet langer dan nodig. De OR stemt in."
        ),
    )
    return consent.decision_record(
        policy=policy,
        user=hr,
        decision=ConsentDossier.Decision.CONSENT,
        decided_on=policy.consented_on,
    )


def school_draft_announces_checks(policy: Policy) -> None:
    """OBS De Regenboog's draft announces checks, so it waits for the consent of the staff
    section of its participation council (none is recorded)."""
    content = dict(policy.content)
    content["productivity"] = {**content.get("productivity", {}), "monitoring": "announced-checks"}
    policy_set_content(policy, content)
    policy.save(update_fields=["content", "incomplete_steps"])


def bakery_draft_adopted_by_management(policy: Policy) -> None:
    """Bakkerij De Korenschoof has no participation body: its draft carries the dates of the
    management line ("Vastgesteld door de directie op …")."""
    today = timezone.localdate()
    policy.effective_date = today
    policy.adopted_on = today
    policy.save(update_fields=["effective_date", "adopted_on"])


def school_draft_from_before_the_legal_review(policy: Policy) -> None:
    """OBS De Regenboog's draft was started on the clause library of 5 December, before the
    legal review that changed the data-breach clause: "An updated clause is available"."""
    school_draft_announces_checks(policy)
    policy.clause_library = FIRST_RELEASE
    policy.save(update_fields=["clause_library"])


# What a demo organisation's first draft gets beyond its intake answers.
DRAFT_SETUP = {
    "obs-de-regenboog": school_draft_from_before_the_legal_review,
    "bakkerij-de-korenschoof": bakery_draft_adopted_by_management,
}


# One open invitation to try accepting (issue 20): its mail is printed by the task worker.
DEMO_INVITATION_EMAIL = "nieuwe.beoordelaar@voorbeeldzorg.example"


def seed_invitation(organisation: Organisation, *, hr) -> Invitation | None:
    """Invite a reviewer for the organisation, unless an invitation to them is still open."""
    open_invitations = Invitation.objects.filter(organisation=organisation).pending()
    if open_invitations.filter(email=DEMO_INVITATION_EMAIL).exists():
        return None
    return invitation_create(
        organisation=organisation,
        invited_by=hr,
        email=DEMO_INVITATION_EMAIL,
        role=Membership.Role.REVIEWER,
    )


MASTER_TITLE = "Zorg standaard"
# The master's first version and what the consultant changed for its second; the client's
# editor changed the same open clause meanwhile (a conflict to settle) and the locked one
# changes too (it always takes the master's text).
MASTER_CONDUCT = "Wees online net zo vriendelijk en respectvol als op je werk."
CLIENT_CONDUCT = (
    "Wees online net zo vriendelijk en respectvol als op je werk. Twijfel je? Bel je teamleider."
)
MASTER_CONDUCT_2 = "Wees online vriendelijk en respectvol, ook in besloten groepen."
MASTER_AUDIENCE = "Je beroepsgeheim geldt ook online: deel nooit iets over een cliënt."
MASTER_AUDIENCE_2 = (
    "Je beroepsgeheim geldt ook online: deel nooit iets over een cliënt, ook niet zonder naam."
)
MASTER_LOCKS = {
    "audience": {"own_text": "Beroepsgeheim (WGBO): wettelijk verplicht."},
    "conduct": {"clause:privacy-colleagues": "Verplicht onder de AVG."},
}


def save_block(policy: Policy, user, step: str, **values) -> None:
    policy.refresh_from_db()
    stored = policy.content[step]
    policy_save_step(
        policy_id=policy.pk,
        user=user,
        step=step,
        data={**stored, **values},
        base_hash=content_hash(stored),
    )


def seed_master(agency: Organisation, *, client: Organisation, consultant, hr) -> None:
    """The consultant's master "Zorg standaard" (its working copy at the consultancy), the
    client's draft derived from it, and one proposed update waiting for the client."""
    if MasterPolicy.objects.filter(owner=consultant, title=MASTER_TITLE).exists():
        return
    content = default_content(client)
    content["conduct"]["own_text"] = MASTER_CONDUCT
    content["audience"]["own_text"] = MASTER_AUDIENCE
    working_copy = policy_start_draft(
        organisation=agency,
        user=consultant,
        title=MASTER_TITLE,
        language="nl",
        content=content,
        last_step="social_media",
    )
    master = masters.master_make(policy=working_copy, user=consultant, title=MASTER_TITLE)
    masters.master_set_locks(master=master, user=consultant, locks=MASTER_LOCKS)
    derived = None
    if not Policy.objects.filter(organisation=client).exists():
        derived = masters.master_start_policy(
            master=master, organisation=client, user=consultant, title="Social-mediabeleid"
        )
        save_block(derived, hr, "conduct", own_text=CLIENT_CONDUCT)
    save_block(working_copy, consultant, "conduct", own_text=MASTER_CONDUCT_2)
    save_block(working_copy, consultant, "audience", own_text=MASTER_AUDIENCE_2)
    version = masters.master_publish_version(master=master, user=consultant)
    # Waiting at once, without a worker (the queued task finds it proposed already).
    if derived is not None:
        masters.propose_to(origin=derived.master_origin, version=version)


# The question HR asked the consultant about a step of the draft (issue 23): open, waiting in
# the consultant's portfolio.
DEMO_QUESTION_STEP = "confidential"
DEMO_QUESTION = (
    "Een cliënt vraagt of zijn begeleider een foto van een uitje mag delen op Facebook. "
    "Mag dat als de cliënt zelf toestemming geeft, en hoe leggen we die toestemming vast?"
)


def seed_question(organisation: Organisation, *, hr) -> ConsultantQuestion | None:
    """One open question from HR to the consultant on the organisation's draft (no e-mail:
    demo data, like the rest of this command's records)."""
    draft = Policy.objects.filter(organisation=organisation, status=Policy.Status.DRAFT).first()
    if draft is None or ConsultantQuestion.objects.filter(organisation=organisation).exists():
        return None
    return ConsultantQuestion.objects.create(
        organisation=organisation,
        policy=draft,
        step=DEMO_QUESTION_STEP,
        text=DEMO_QUESTION,
        asked_by=hr,
    )
