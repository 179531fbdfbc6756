from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from wizard.masters import services as masters
from wizard.masters.models import MasterPolicy, PolicyOrigin, ProposedUpdate
from wizard.models import Acknowledgement, AuditEvent, Membership, Organisation, Policy
from wizard.policies.document import outdated_clauses
from wizard.rollout.selectors import round_progress


def test_seed_demo_creates_the_demo_organisations_and_accounts(db):
    call_command("seed_demo", verbosity=0)
    names = set(Organisation.objects.values_list("name", flat=True))
    assert names == {
        "Voorbeeld Zorg B.V.",
        "Bakkerij De Korenschoof",
        "OBS De Regenboog",
        "Adviesbureau Helder",
    }
    roles = {
        (m.user.username, m.organisation.slug, m.role)
        for m in Membership.objects.select_related("user", "organisation")
    }
    assert ("hr", "voorbeeld-zorg", "editor") in roles
    assert ("consultant", "bakkerij-de-korenschoof", "consultant") in roles
    assert ("reviewer", "voorbeeld-zorg", "reviewer") in roles
    assert ("hr", "obs-de-regenboog", "editor") in roles
    assert ("consultant", "obs-de-regenboog", "consultant") in roles
    assert ("reviewer", "obs-de-regenboog", "reviewer") in roles
    assert ("consultant", "adviesbureau-helder", "consultant") in roles
    assert len(roles) == 9


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
    assert Organisation.objects.count() == 4
    assert Membership.objects.count() == 9
    assert get_user_model().objects.count() == 4
    # One draft per client, Voorbeeld Zorg B.V.'s published policy and the master's working
    # copy at the consultancy.
    assert Policy.objects.count() == 5


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


def test_each_demo_organisation_has_its_intake_answers(db):
    call_command("seed_demo", verbosity=0)
    answers = {
        o.slug: (o.sector, o.staff_size, o.participation_body) for o in Organisation.objects.all()
    }
    assert answers == {
        "voorbeeld-zorg": ("care", "50_249", "works_council"),
        "bakkerij-de-korenschoof": ("business", "under_10", "none"),
        "obs-de-regenboog": ("education", "50_249", "mr_staff_section"),
        "adviesbureau-helder": ("business", "10_49", "none"),
    }
    assert Organisation.objects.get(slug="voorbeeld-zorg").privacy_contact_name


def test_each_demo_organisation_has_one_draft_made_from_its_answers(db):
    call_command("seed_demo", verbosity=0)
    zorg = Policy.objects.get(organisation__slug="voorbeeld-zorg", status=Policy.Status.DRAFT)
    school = Policy.objects.get(organisation__slug="obs-de-regenboog")
    bakery = Policy.objects.get(organisation__slug="bakkerij-de-korenschoof")
    assert "professional-secrecy" in zorg.content["confidential"]["clauses"]
    assert "pupils-consent" in school.content["conduct"]["clauses"]
    assert "fans" in bakery.content["audience"]["audiences"]
    assert {zorg.status, school.status, bakery.status} == {Policy.Status.DRAFT}


def test_the_demo_school_draft_has_an_updated_clause_available(db):
    call_command("seed_demo", verbosity=0)
    school = Policy.objects.get(organisation__slug="obs-de-regenboog")
    assert [update.key for update in outdated_clauses(school)] == ["confidential:data-breach"]


def test_an_older_demo_organisation_gets_its_answers_but_keeps_its_edits(db):
    Organisation.objects.create(slug="voorbeeld-zorg", name="Voorbeeld Zorg B.V.")
    Organisation.objects.create(
        slug="bakkerij-de-korenschoof", name="Bakkerij De Korenschoof", sector="non_profit"
    )
    call_command("seed_demo", verbosity=0)
    assert Organisation.objects.get(slug="voorbeeld-zorg").sector == "care"
    assert Organisation.objects.get(slug="bakkerij-de-korenschoof").sector == "non_profit"


def test_demo_accounts_have_verified_addresses_and_log_in(client, db):
    from allauth.account.models import EmailAddress

    call_command("seed_demo", verbosity=0)
    for username in ["hr", "consultant", "reviewer", "admin"]:
        assert EmailAddress.objects.filter(
            user__username=username, verified=True, primary=True
        ).exists()
    response = client.post("/accounts/login/", {"login": "hr", "password": "demo-pass-123"})
    assert response.status_code == 302


def test_the_demo_consultant_has_the_master_zorg_standaard(db):
    call_command("seed_demo", verbosity=0)
    master = MasterPolicy.objects.get(owner__username="consultant")
    assert master.title == "Zorg standaard"


def test_the_demo_clients_draft_is_derived_from_the_master(db):
    call_command("seed_demo", verbosity=0)
    origin = PolicyOrigin.objects.get(master__title="Zorg standaard")
    assert origin.policy.organisation.slug == "voorbeeld-zorg"
    assert origin.policy.status == Policy.Status.DRAFT


def test_the_demo_masters_locked_clauses_are_ones_the_client_keeps(db):
    # A lock "required under the AVG" on a clause the client is not even offered would read
    # as "left out: ... required".
    call_command("seed_demo", verbosity=0)
    derived = PolicyOrigin.objects.get(master__title="Zorg standaard").policy
    locked = [
        (block, part.removeprefix("clause:"))
        for block, parts in derived.locks.items()
        for part in parts
        if part.startswith("clause:")
    ]
    assert locked
    for block, clause in locked:
        assert clause in derived.content[block]["clauses"]


def test_the_demo_update_waits_with_a_conflict_and_a_locked_change(db):
    call_command("seed_demo", verbosity=0)
    update = ProposedUpdate.objects.get(status=ProposedUpdate.Status.OPEN)
    preview = masters.update_preview(update)
    assert [(block, part) for block, part, _sides in preview.conflicts] == [("conduct", "own_text")]
    locked_after = preview.blocks["audience"].merged["own_text"]
    assert locked_after != update.policy.content["audience"]["own_text"]
    assert "audience" in update.to_version.locks


def test_the_demo_round_has_a_deadline_and_one_department_overdue(db):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)
    published = Policy.objects.get(
        organisation__slug="voorbeeld-zorg", status=Policy.Status.PUBLISHED
    )
    progress = round_progress(published)
    assert progress.round.pk is not None
    tallies = {t.department: (t.done, t.pending, t.overdue) for t in progress.departments}
    assert tallies == {"Kantoor": (1, 1, 0), "Zorg": (2, 0, 1)}


def test_the_demo_records_of_the_published_version_tell_one_story(db):
    call_command("seed_demo", verbosity=0)
    published = Policy.objects.select_related("publication").get(
        organisation__slug="voorbeeld-zorg", status=Policy.Status.PUBLISHED
    )
    started = round_progress(published).round.started_on
    published_on = timezone.localdate(published.publication.published_at)
    assert published.consented_on < published.adopted_on
    assert published.adopted_on == published.effective_date == started == published_on
    assert (published.next_review_date - published.adopted_on).days == 365
    first_confirmation = min(
        ack.created_at for ack in Acknowledgement.objects.filter(policy=published)
    )
    published_event = AuditEvent.objects.get(policy=published, action=AuditEvent.Action.PUBLISH)
    assert timezone.localdate(published_event.created_at) == published_on
    assert published.publication.published_at < first_confirmation
    assert timezone.localdate(published.submitted_at) <= published_on


def test_the_demo_confirmations_are_all_verified(db):
    call_command("seed_demo", verbosity=0)
    records = Acknowledgement.objects.filter(policy__organisation__slug="voorbeeld-zorg")
    assert len(records) == 3
    assert all(record.is_verified for record in records)


def test_the_demo_care_organisation_accepts_its_own_domain(db):
    call_command("seed_demo")
    organisation = Organisation.objects.get(name="Voorbeeld Zorg B.V.")
    assert organisation.staff_domains == ["voorbeeldzorg.example"]
