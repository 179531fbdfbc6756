from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wizard.models import Acknowledgement, Membership, Organisation, Policy


def test_seed_demo_creates_the_demo_organisations_and_accounts(db):
    call_command("seed_demo", verbosity=0)
    names = set(Organisation.objects.values_list("name", flat=True))
    assert names == {"Voorbeeld Zorg B.V.", "Bakkerij De Korenschoof"}
    roles = {
        (m.user.username, m.organisation.slug, m.role)
        for m in Membership.objects.select_related("user", "organisation")
    }
    assert ("hr", "voorbeeld-zorg", "editor") in roles
    assert ("consultant", "bakkerij-de-korenschoof", "consultant") in roles
    assert ("reviewer", "voorbeeld-zorg", "reviewer") in roles
    assert len(roles) == 5


def test_demo_accounts_log_in_with_the_demo_password(db):
    call_command("seed_demo", verbosity=0)
    for user in get_user_model().objects.filter(
        username__in=["hr", "consultant", "reviewer", "admin"]
    ):
        assert user.check_password("demo-pass-123")
    assert get_user_model().objects.get(username="admin").is_superuser


def test_seed_demo_is_idempotent(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    assert Organisation.objects.count() == 2
    assert Membership.objects.count() == 5
    assert get_user_model().objects.count() == 4


def test_no_demo_accounts_exist_without_seed_demo(db):
    assert not get_user_model().objects.filter(username__in=["hr", "admin"]).exists()


def test_seed_demo_publishes_a_policy_with_a_staff_link_and_three_acknowledgements(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    published = Policy.objects.get(
        organisation__slug="voorbeeld-zorg", status=Policy.Status.PUBLISHED
    )
    assert published.share_token
    assert Acknowledgement.objects.filter(policy=published).count() == 3
