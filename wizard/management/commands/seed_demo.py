"""Demo organisations and accounts for trying the app. Safe to run again: it changes nothing
that is already there, except that it resets the demo accounts' passwords."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from wizard.models import Membership, Organisation, Policy
from wizard.policies.services import policy_create

DEMO_PASSWORD = "demo-pass-123"  # noqa: S105 - demo accounts, created only by this command

ORGANISATIONS = [
    {
        "slug": "voorbeeld-zorg",
        "name": "Voorbeeld Zorg B.V.",
        "policy_language": "nl",
        "contact_person": "Fatima el Amrani",
        "contact_email": "hr@voorbeeldzorg.example",
        "brand_colour": "#0f6e6e",
        "participation_body": "works_council",
    },
    {
        "slug": "bakkerij-de-korenschoof",
        "name": "Bakkerij De Korenschoof",
        "policy_language": "nl",
        "contact_person": "Joost Verbeek",
        "contact_email": "joost@korenschoof.example",
        "brand_colour": "#9a5b13",
        "participation_body": "none",
    },
]

# username: [(organisation slug, role)]
USERS = {
    "hr": [("voorbeeld-zorg", Membership.Role.EDITOR)],
    "consultant": [
        ("voorbeeld-zorg", Membership.Role.CONSULTANT),
        ("bakkerij-de-korenschoof", Membership.Role.CONSULTANT),
    ],
    "reviewer": [
        ("voorbeeld-zorg", Membership.Role.REVIEWER),
        ("bakkerij-de-korenschoof", Membership.Role.REVIEWER),
    ],
}


class Command(BaseCommand):
    help = "Create the demo organisations and accounts (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        User = get_user_model()
        organisations = {}
        for spec in ORGANISATIONS:
            fields = {key: value for key, value in spec.items() if key != "slug"}
            organisations[spec["slug"]], _ = Organisation.objects.get_or_create(
                slug=spec["slug"], defaults=fields
            )
        for username, memberships in USERS.items():
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
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
        hr = User.objects.get(username="hr")
        zorg = organisations["voorbeeld-zorg"]
        if not Policy.objects.filter(organisation=zorg).exists():
            policy_create(organisation=zorg, user=hr)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at /accounts/login/ with:"))
        for username, role in (
            ("hr", "editor (HR) of Voorbeeld Zorg B.V."),
            ("consultant", "consultant for both organisations"),
            ("reviewer", "reviewer for both organisations"),
            ("admin", "superuser, Django admin at /admin/"),
        ):
            self.stdout.write(f"  {username:<11} / {DEMO_PASSWORD}   {role}")
