"""`manage.py seed_bench`: the benchmark's accounts and pages (bench/run.sh)."""

from __future__ import annotations

import json

from django.core.management import call_command

from bench.management.commands import seed_bench
from wizard.models import Acknowledgement, Membership, Organisation, Policy, Revision, StaffMember


def seed(tmp_path, *flags):
    out = tmp_path / "info.json"
    call_command("seed_bench", "--output", str(out), *flags, verbosity=0)
    return json.loads(out.read_text())


def test_the_core_dataset_has_the_accounts_and_policies_the_load_uses(db, tmp_path):
    info = seed(tmp_path)
    assert set(info["users"]) == {"editor", "consultant", "reviewer"}
    assert len(info["write_policies"]) == seed_bench.WRITE_POLICIES
    assert len(info["pdf_policies"]) == seed_bench.PDF_POLICIES
    assert Policy.objects.get(pk=info["step_policy"]).organisation_id == info["organisation"]


def test_the_bulk_made_policies_are_stored_with_their_incomplete_steps(db, tmp_path, monkeypatch):
    for name, value in {
        "SCALE_ORGANISATIONS": 3,
        "SCALE_POLICIES": 60,
        "SCALE_BENCH_ORG_POLICIES": 50,
        "SCALE_REVISIONS": 100,
        "SCALE_STEP_POLICY_REVISIONS": 10,
    }.items():
        monkeypatch.setattr(seed_bench, name, value)
    seed(tmp_path, "--scale")
    assert Policy.objects.count() == 60
    assert list(Policy.objects.exclude(incomplete_steps=[])) == []


def test_the_publish_day_policy_is_published_for_staff_at_the_benchmark_domain(db, tmp_path):
    info = seed(tmp_path)
    policy = Policy.objects.get(pk=info["publish_day"]["policy"])
    assert policy.status == Policy.Status.PUBLISHED
    assert policy.share_token
    assert policy.organisation.staff_domains == [info["publish_day"]["domain"]]


def test_one_full_page_fills_every_list_once(db, tmp_path):
    info = seed(tmp_path, "--full-page")
    consultant = info["users"]["consultant"]
    clients = Membership.objects.filter(
        user__username=consultant, role=Membership.Role.CONSULTANT
    ).count()
    assert clients == seed_bench.FULL_PAGE_CLIENTS + 1  # the workspace's 20 cards
    waiting = Policy.objects.filter(status=Policy.Status.IN_REVIEW).count()
    assert waiting >= 25  # the review queue's first page
    assert Revision.objects.filter(policy_id=info["step_policy"]).count() >= 25

    # Filling again (with --reuse) adds nothing.
    before = Policy.objects.count()
    out = tmp_path / "info.json"
    call_command("seed_bench", "--full-page", "--reuse", str(out), verbosity=0)
    assert Policy.objects.count() == before


def test_the_master_update_pass_has_a_policy_derived_at_every_client(db, tmp_path, monkeypatch):
    from wizard.masters.models import PolicyOrigin

    monkeypatch.setattr(seed_bench, "MASTER_UPDATE_CLIENTS", 3)
    info = seed(tmp_path, "--master-update")["master_update"]
    origins = PolicyOrigin.objects.filter(master_id=info["master"])
    advised = origins.filter(
        policy__organisation__memberships__user__username=info["consultant"],
        policy__organisation__memberships__role=Membership.Role.CONSULTANT,
    )
    assert (info["clients"], advised.count()) == (3, 3)


def test_every_client_of_the_full_page_has_a_published_version_staff_confirmed(db, tmp_path):
    info = seed(tmp_path, "--full-page")
    clients = Organisation.objects.filter(
        memberships__user__username=info["users"]["consultant"]
    ).exclude(pk=info["organisation"])
    published = Policy.objects.filter(organisation__in=clients, status=Policy.Status.PUBLISHED)
    assert published.count() == seed_bench.FULL_PAGE_CLIENTS
    assert StaffMember.objects.filter(organisation__in=clients).count() == (
        seed_bench.FULL_PAGE_CLIENTS * seed_bench.CLIENT_STAFF
    )
    assert Acknowledgement.objects.filter(policy__in=published).count() == (
        seed_bench.FULL_PAGE_CLIENTS * seed_bench.CLIENT_CONFIRMED
    )


def test_at_scale_the_consultants_portfolio_holds_every_organisation(db, tmp_path, monkeypatch):
    for name, value in {
        "SCALE_ORGANISATIONS": 30,
        "SCALE_POLICIES": 200,
        "SCALE_BENCH_ORG_POLICIES": 50,
        "SCALE_REVISIONS": 100,
        "SCALE_STEP_POLICY_REVISIONS": 10,
    }.items():
        monkeypatch.setattr(seed_bench, name, value)
    info = seed(tmp_path, "--full-page")
    call_command("seed_bench", "--scale", "--reuse", str(tmp_path / "info.json"), verbosity=0)
    consultant = info["users"]["consultant"]
    clients = Membership.objects.filter(
        user__username=consultant, role=Membership.Role.CONSULTANT
    ).count()
    assert clients == 30
    scale_clients = Organisation.objects.filter(slug__startswith="bench-scale-")
    assert (
        Policy.objects.filter(
            organisation__in=scale_clients, status=Policy.Status.PUBLISHED
        ).count()
        == scale_clients.count()
    )
