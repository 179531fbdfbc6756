"""Demo organisations and accounts for trying the app. Safe to run again: it changes nothing
that is already there, except that it resets the demo accounts' passwords and gives a demo
organisation whose intake was never answered its demo answers."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from wizard.members.models import Invitation
from wizard.members.services import invitation_create, invitation_link
from wizard.models import Acknowledgement, Membership, Organisation, Policy
from wizard.policies.services import policy_create
from wizard.review import workflow
from wizard.rollout import services as rollout
from wizard.rollout.models import StaffMember

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
        "staff_size": "under_50",
        "participation_body": "none",
        "has_code_of_conduct": False,
        "privacy_contact_name": "",
        "privacy_contact_email": "",
        "press_contact": "",
    },
    "obs-de-regenboog": {
        "sector": "education",
        "staff_size": "50_249",
        "participation_body": "school_council",
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
        for slug, username in DRAFT_AUTHOR.items():
            organisation = organisations[slug]
            if not Policy.objects.filter(organisation=organisation).exists():
                policy_create(organisation=organisation, user=users[username])
        hr = users["hr"]
        seed_rollout(organisations["voorbeeld-zorg"], hr=hr, reviewer=users["reviewer"])
        invitation = seed_invitation(organisations["voorbeeld-zorg"], hr=hr)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ with:"))
        for username, role in (
            ("hr", "editor (HR) of Voorbeeld Zorg B.V. and OBS De Regenboog"),
            ("consultant", "consultant for all three organisations"),
            ("reviewer", "reviewer for all three organisations"),
            ("admin", "superuser, Django admin at /admin/"),
        ):
            self.stdout.write(f"  {username:<11} / {DEMO_PASSWORD}   {role}")
        if invitation is not None:
            self.stdout.write(
                f"Open invitation (a reviewer for Voorbeeld Zorg B.V., mailed to "
                f"{DEMO_INVITATION_EMAIL}): {invitation_link(invitation.token)}"
            )


# The published policy's staff list: the first three confirmed it (issue 16, the register).
DEMO_STAFF = [
    ("Sanne de Vries", "sanne.devries@voorbeeldzorg.example"),
    ("Mohamed Bakker", "mohamed.bakker@voorbeeldzorg.example"),
    ("Lotte Jansen", "lotte.jansen@voorbeeldzorg.example"),
    ("Kees van Dijk", "kees.vandijk@voorbeeldzorg.example"),
    ("Ayşe Yılmaz", "ayse.yilmaz@voorbeeldzorg.example"),
]


def seed_rollout(organisation: Organisation, *, hr, reviewer) -> Policy:
    """One published policy with a staff link, a staff list and three acknowledgements."""
    published = Policy.objects.filter(
        organisation=organisation, status=Policy.Status.PUBLISHED
    ).first()
    if published is None:
        # A policy of its own: the organisation's draft stays a draft to work on.
        policy = policy_create(organisation=organisation, user=hr)
        # Published as an HR manager would: with its effective date and, where the works
        # council had to consent, the date it was adopted (printed as the adoption line).
        policy.effective_date = policy.effective_date or timezone.localdate()
        if organisation.has_participation_body:
            policy.adopted_on = policy.adopted_on or timezone.localdate()
        policy.save(update_fields=["effective_date", "adopted_on"])
        workflow.policy_submit(policy=policy, user=hr)
        workflow.policy_approve(policy=policy, user=reviewer)
        published = workflow.policy_publish(policy=policy, user=hr)
    for name, email in DEMO_STAFF:
        StaffMember.objects.get_or_create(
            organisation=organisation, email=email, defaults={"name": name}
        )
    for name, email in DEMO_STAFF[:3]:
        rollout.acknowledge(
            policy=published,
            name=name,
            email=email,
            method=Acknowledgement.Method.PERSONAL_LINK,
            fingerprint=rollout.policy_fingerprint(published),
        )
    return published


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
