"""The benchmark dataset for `make bench` (bench/run.sh): accounts, policies and, with --scale,
1,000 organisations, 20,000 policies and 200,000 revisions written with bulk inserts.

It writes what the load generator needs (accounts, policy ids) as JSON to --output. Meant for a
throwaway database: it adds rows and never deletes any.
"""

from __future__ import annotations

import datetime
import json
import os
import secrets
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from wizard.accounts.services import email_address_verify
from wizard.models import (
    Acknowledgement,
    AuditEvent,
    Membership,
    Organisation,
    Policy,
    Revision,
    StaffMember,
)
from wizard.policies.document import default_content
from wizard.policies.services import policy_create, policy_set_content
from wizard.review import workflow

BENCH_PASSWORD = "bench-pass-1234"  # noqa: S105 - benchmark accounts in a throwaway database
BENCH_ORG_SLUG = "bench-organisation"

# Policies of the benchmark organisation used by the load generator.
WRITE_POLICIES = 16  # step saves that really write rotate over these (less row-lock contention)
PDF_POLICIES = 24  # each rendered once with an empty cache, then again from the cache
IN_REVIEW_POLICIES = 3
PUBLISH_DAY_DOMAIN = "bench.example"  # the staff of the publish-day pass (bench/report.py)

# The scale dataset (issue 8.4). The benchmark organisation holds a large share, so its
# dashboard and the step policy's history are long lists, not just the totals.
SCALE_ORGANISATIONS = 1_000
SCALE_POLICIES = 20_000
SCALE_REVISIONS = 200_000
SCALE_BENCH_ORG_POLICIES = 1_000
SCALE_STEP_POLICY_REVISIONS = 2_000
IN_REVIEW_EVERY = 20  # one policy in twenty is waiting for review
BATCH = 2_000

# One full page (--full-page): every list page as full as it gets, with little data behind it,
# so that the scale pass compares the same rows on screen with 20,000 policies behind them.
FULL_PAGE_CLIENTS = 19  # with the benchmark organisation, the workspace's 20 cards
FULL_PAGE_POLICIES_PER_CLIENT = 5  # the workspace shows the latest five
FULL_PAGE_IN_REVIEW_PER_CLIENT = 2  # 38 waiting: a full first page of the review queue
FULL_PAGE_STEP_REVISIONS = 30  # a full first page of the step policy's history

# The master update pass (--master-update): one consultant's master with a policy derived from
# it at each of their client organisations.
MASTER_UPDATE_CLIENTS = 1_000
MASTER_UPDATE_CONSULTANT = "bench-master"

# Every client of the consultant (the portfolio's rows, 20 in the full page, 1,000 at scale)
# has one published version, rolled out to a staff list of which some confirmed it.
CLIENT_STAFF = 10
CLIENT_CONFIRMED = 6


class Command(BaseCommand):
    help = "Create the benchmark dataset (for bench/run.sh; use a throwaway database)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--scale",
            action="store_true",
            help="Also bulk-create 1,000 organisations, 20,000 policies, 200,000 revisions.",
        )
        parser.add_argument(
            "--full-page",
            action="store_true",
            help="Also fill every list page once (20 clients, 38 waiting, 30 revisions).",
        )
        parser.add_argument(
            "--master-update",
            action="store_true",
            help="Also a consultant's master with a policy derived from it at 1,000 clients.",
        )
        parser.add_argument("--output", type=Path, help="Write accounts and policy ids here.")
        parser.add_argument(
            "--reuse",
            type=Path,
            help="Use the accounts and policies an earlier run wrote to this file (with --scale).",
        )

    def handle(
        self,
        *args,
        scale: bool,
        full_page: bool,
        master_update: bool,
        output: Path | None,
        reuse: Path | None,
        **options,
    ) -> None:
        self.verbosity = options["verbosity"]
        started = self.lap_started = time.monotonic()
        info = json.loads(reuse.read_text()) if reuse else self.seed_core()
        if full_page:
            self.seed_full_page(info)
        if scale:
            self.seed_scale(info)
        if master_update and "master_update" not in info:
            info["master_update"] = self.seed_master_update()
        self.settle()
        info["counts"] = {
            "organisations": Organisation.objects.count(),
            "policies": Policy.objects.count(),
            "revisions": Revision.objects.count(),
            "audit_events": AuditEvent.objects.count(),
        }
        info["seconds"] = round(time.monotonic() - started, 1)
        if output:
            output.write_text(json.dumps(info, indent=2))
        counts = ", ".join(f"{value:,} {key}" for key, value in info["counts"].items())
        self.stdout.write(f"Benchmark data ready in {info['seconds']} s: {counts}.")

    def settle(self) -> None:
        """Leave the database as one that grew over months would be, before it is measured.

        Fresh statistics: without them the query planners guess, and the benchmark would
        measure the guess. PostgreSQL also gets the visibility map autovacuum would have built
        by then (so index-only scans need not read the table), and autovacuum has nothing left
        to start while the pages are measured. SQLite folds its write-ahead log into the
        database, so the first requests afterwards do not pay for checkpointing a large log.
        """
        if connection.in_atomic_block:
            return  # VACUUM and checkpoints cannot run in a transaction (the test suite's)
        statement = "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(statement)
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # The bulk load is on disk now, not written back by the kernel during the measurements.
        os.sync()
        self.lap(statement)

    def lap(self, what: str) -> None:
        now = time.monotonic()
        if self.verbosity >= 2:
            self.stdout.write(f"  {what}: {now - self.lap_started:.1f} s")
        self.lap_started = now

    @transaction.atomic
    def seed_core(self) -> dict:
        """One organisation, its three accounts and the policies the load generator uses."""
        User = get_user_model()
        organisation, _ = Organisation.objects.get_or_create(
            slug=BENCH_ORG_SLUG,
            defaults={
                "name": "Benchmark Zorg B.V.",
                "contact_person": "Sanne de Vries",
                "contact_email": "hr@bench.example",
                "participation_body": "works_council",
                # The publish-day pass confirms as staff at the organisation's own domain.
                "staff_email_domains": PUBLISH_DAY_DOMAIN,
            },
        )
        users = {}
        for role in (Membership.Role.EDITOR, Membership.Role.CONSULTANT, Membership.Role.REVIEWER):
            user, _ = User.objects.get_or_create(
                username=f"bench-{role}", defaults={"email": f"bench-{role}@example.org"}
            )
            user.set_password(BENCH_PASSWORD)
            user.save()
            email_address_verify(user=user)
            Membership.objects.get_or_create(
                user=user, organisation=organisation, defaults={"role": role}
            )
            users[role] = user
        editor = users[Membership.Role.EDITOR]

        # A token in the titles gives every run PDFs that no cache has seen.
        run = secrets.token_hex(3)

        def new_policy(title: str) -> Policy:
            return policy_create(organisation=organisation, user=editor, title=title)

        step_policy = new_policy(f"Benchmark policy {run}")
        write_policies = [new_policy(f"Benchmark saves {run} {n}") for n in range(WRITE_POLICIES)]
        pdf_policies = [new_policy(f"Benchmark PDF {run} {n}") for n in range(PDF_POLICIES)]
        in_review = [new_policy(f"Benchmark review {run} {n}") for n in range(IN_REVIEW_POLICIES)]
        Policy.objects.filter(pk__in=[p.pk for p in in_review]).update(
            status=Policy.Status.IN_REVIEW, submitted_by=editor, submitted_at=timezone.now()
        )
        published = new_policy(f"Benchmark publish day {run}")
        Policy.objects.filter(pk=published.pk).update(status=Policy.Status.APPROVED)
        published.refresh_from_db()
        workflow.policy_publish(policy=published, user=editor)
        published.refresh_from_db()
        return {
            "password": BENCH_PASSWORD,
            "users": {role: user.username for role, user in users.items()},
            "organisation": organisation.pk,
            "step_policy": step_policy.pk,
            "write_policies": [p.pk for p in write_policies],
            "pdf_policies": [p.pk for p in pdf_policies],
            "in_review_policies": [p.pk for p in in_review],
            "publish_day": {"policy": published.pk, "domain": PUBLISH_DAY_DOMAIN},
        }

    @transaction.atomic
    def seed_full_page(self, info: dict) -> None:
        """Clients, waiting policies and revisions enough to fill each list page once."""
        User = get_user_model()
        users = {
            role: User.objects.get(username=username) for role, username in info["users"].items()
        }
        editor = users[Membership.Role.EDITOR]
        published: list[Policy] = []
        for n in range(1, FULL_PAGE_CLIENTS + 1):
            client, created = Organisation.objects.get_or_create(
                slug=f"bench-client-{n:02d}",
                defaults={
                    "name": f"Client {n:02d} B.V.",
                    "contact_person": "Jan Jansen",
                    "contact_email": f"hr@client{n:02d}.example",
                },
            )
            if not created:
                continue
            for role in (Membership.Role.CONSULTANT, Membership.Role.REVIEWER):
                Membership.objects.create(user=users[role], organisation=client, role=role)
            Membership.objects.create(user=editor, organisation=client, role=Membership.Role.EDITOR)
            policies = [
                policy_create(organisation=client, user=editor, title=f"Beleid {n:02d}-{k}")
                for k in range(FULL_PAGE_POLICIES_PER_CLIENT)
            ]
            Policy.objects.filter(
                pk__in=[p.pk for p in policies[:FULL_PAGE_IN_REVIEW_PER_CLIENT]]
            ).update(
                status=Policy.Status.IN_REVIEW, submitted_by=editor, submitted_at=timezone.now()
            )
            published.append(policies[-1])
        roll_out(published)
        step_policy = Policy.objects.get(pk=info["step_policy"])
        missing = FULL_PAGE_STEP_REVISIONS - step_policy.revisions.count()
        last = step_policy.revisions.aggregate(last=Max("number"))["last"] or 0
        Revision.objects.bulk_create(
            [
                Revision(
                    policy=step_policy,
                    number=last + n + 1,
                    step="conduct",
                    content=step_policy.content,
                    author=editor,
                )
                for n in range(max(0, missing))
            ]
        )
        self.lap("one full page of every list")

    @transaction.atomic
    def seed_scale(self, info: dict) -> None:
        """Bulk rows up to the scale totals; the bench accounts join every organisation."""
        User = get_user_model()
        now = timezone.now()
        bench_org = Organisation.objects.get(pk=info["organisation"])
        # Every bulk-made policy has the same content, so the same steps are complete.
        sample = Policy(organisation=bench_org)
        policy_set_content(sample, default_content())
        bench_users = {
            user.username: user for user in User.objects.filter(username__in=info["users"].values())
        }
        consultant = bench_users[info["users"][Membership.Role.CONSULTANT]]
        reviewer = bench_users[info["users"][Membership.Role.REVIEWER]]

        missing = SCALE_ORGANISATIONS - Organisation.objects.count()
        first = Organisation.objects.count()
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Schaal {first + n:04d} B.V.",
                    slug=f"bench-scale-{first + n}-{secrets.token_hex(3)}",
                    contact_person="Jan Jansen",
                    contact_email=f"hr{first + n}@scale.example",
                )
                for n in range(max(0, missing))
            ],
            batch_size=BATCH,
        )
        # One editor per new organisation, all with the same (already hashed) password.
        pw = make_password(BENCH_PASSWORD)
        editors = User.objects.bulk_create(
            [
                User(username=f"scale-{org.slug}", email=f"{org.slug}@example.org", password=pw)
                for org in organisations
            ],
            batch_size=BATCH,
        )
        if not editors or editors[0].pk is None:  # pragma: no cover - backends without RETURNING
            editors = list(User.objects.filter(username__startswith="scale-").order_by("pk"))
            organisations = list(
                Organisation.objects.filter(slug__startswith="bench-scale-").order_by("pk")
            )
        memberships = [
            Membership(user=user, organisation=org, role=Membership.Role.EDITOR)
            for user, org in zip(editors, organisations, strict=True)
        ]
        for org in organisations:
            memberships.append(
                Membership(user=consultant, organisation=org, role=Membership.Role.CONSULTANT)
            )
            memberships.append(
                Membership(user=reviewer, organisation=org, role=Membership.Role.REVIEWER)
            )
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        self.lap(f"{len(organisations):,} organisations, their editors and memberships")
        editor_of = {org.pk: user for user, org in zip(editors, organisations, strict=True)}
        editor_of[bench_org.pk] = bench_users[info["users"][Membership.Role.EDITOR]]

        # Policies: the benchmark organisation first, then round-robin over the others.
        targets: list[Organisation] = []
        bench_missing = SCALE_BENCH_ORG_POLICIES - bench_org.policies.count()
        targets += [bench_org] * max(0, bench_missing)
        others_missing = SCALE_POLICIES - Policy.objects.count() - len(targets)
        if organisations:
            count = max(0, others_missing)
            targets += [organisations[n % len(organisations)] for n in range(count)]
        new_policies = []
        for n, org in enumerate(targets):
            in_review = n % IN_REVIEW_EVERY == 0
            user = editor_of.get(org.pk)
            new_policies.append(
                Policy(
                    organisation=org,
                    title=f"Social-mediabeleid {n}",
                    content=sample.content,
                    incomplete_steps=sample.incomplete_steps,
                    last_step="audience",
                    status=Policy.Status.IN_REVIEW if in_review else Policy.Status.DRAFT,
                    submitted_by=user if in_review else None,
                    submitted_at=now - datetime.timedelta(minutes=n) if in_review else None,
                    contact_person=org.contact_person,
                    contact_email=org.contact_email,
                    created_by=user,
                    updated_by=user,
                )
            )
        created = Policy.objects.bulk_create(new_policies, batch_size=BATCH)
        if created and created[0].pk is None:  # pragma: no cover - backends without RETURNING
            created = list(Policy.objects.order_by("-pk")[: len(created)])[::-1]
        self.lap(f"{len(created):,} policies")
        # One draft per new organisation is its published version (the portfolio's
        # confirmations), with its staff list.
        first_draft: dict[int, Policy] = {}
        for policy in created:
            if policy.status == Policy.Status.DRAFT and policy.organisation_id != bench_org.pk:
                first_draft.setdefault(policy.organisation_id, policy)
        roll_out(list(first_draft.values()))
        self.lap(f"{len(first_draft):,} published versions, their staff and confirmations")
        AuditEvent.objects.bulk_create(
            [
                AuditEvent(
                    organisation_id=policy.organisation_id,
                    policy=policy,
                    actor=policy.created_by,
                    action=AuditEvent.Action.CREATE,
                    created_at=now,
                )
                for policy in created
            ],
            batch_size=BATCH,
        )
        self.lap(f"{len(created):,} audit events")

        # Revisions: a long history on the step policy, the rest spread over the new policies.
        plan: list[tuple[int, int | None, int]] = []  # (policy id, author id, how many)
        step_policy = Policy.objects.get(pk=info["step_policy"])
        step_has = step_policy.revisions.count()
        step_missing = max(0, SCALE_STEP_POLICY_REVISIONS - step_has)
        plan.append((step_policy.pk, step_policy.created_by_id, step_missing))
        remaining = max(0, SCALE_REVISIONS - Revision.objects.count() - step_missing)
        if created:
            per_policy, extra = divmod(remaining, len(created))
            for n, policy in enumerate(created):
                plan.append((policy.pk, policy.created_by_id, per_policy + (n < extra)))
        next_number = dict(
            Revision.objects.filter(policy_id__in=[pk for pk, _a, _n in plan])
            .values("policy_id")
            .annotate(last=Max("number"))
            .values_list("policy_id", "last")
        )
        # 200,000 rows through the ORM cost about a minute of Python; the same content for all
        # of them, serialised once and inserted with executemany, takes a few seconds.
        columns = ("policy_id", "number", "step", "content", "author_id", "created_at")
        table = connection.ops.quote_name(Revision._meta.db_table)
        content_json = json.dumps(sample.content)
        steps = list(sample.content)
        created_at = [
            connection.ops.adapt_datetimefield_value(now - datetime.timedelta(hours=hours))
            for hours in range(max((count for _p, _a, count in plan), default=0) + 1)
        ]
        rows: list[tuple] = []
        with connection.cursor() as cursor:
            for policy_id, author_id, count in plan:
                number = next_number.get(policy_id) or 0
                for n in range(count):
                    rows.append(
                        (
                            policy_id,
                            number + n + 1,
                            steps[n % len(steps)],
                            content_json,
                            author_id,
                            created_at[count - n],
                        )
                    )
                if len(rows) >= BATCH * 5:
                    insert_rows(cursor, table, columns, rows)
                    rows = []
            insert_rows(cursor, table, columns, rows)
        self.lap(f"{sum(count for _p, _a, count in plan):,} revisions")

    @transaction.atomic
    def seed_master_update(self) -> dict:
        """A consultant of their own agency and of MASTER_UPDATE_CLIENTS client organisations
        (each with an editor), a master made from the agency's policy and at every client a
        policy derived from its first version: bulk inserts, a few seconds."""
        from wizard.masters.models import PolicyOrigin
        from wizard.masters.services import master_make

        User = get_user_model()
        password = make_password(BENCH_PASSWORD)
        consultant = User.objects.create(
            username=MASTER_UPDATE_CONSULTANT, email="bench-master@example.org", password=password
        )
        email_address_verify(user=consultant)
        tag = secrets.token_hex(3)
        agency = Organisation.objects.create(
            name="Benchmark Advies", slug=f"bench-agency-{tag}", contact_person="Ans Adviseur"
        )
        Membership.objects.create(
            user=consultant, organisation=agency, role=Membership.Role.CONSULTANT
        )
        working_copy = policy_create(organisation=agency, user=consultant, title="Benchmark master")
        master = master_make(policy=working_copy, user=consultant)
        version = master.versions.get()
        clients = Organisation.objects.bulk_create(
            [
                Organisation(
                    name=f"Masterklant {n:04d} B.V.",
                    slug=f"bench-master-client-{n}-{tag}",
                    contact_person="Jan Jansen",
                    contact_email=f"hr{n}@master-client.example",
                    participation_body="works_council" if n % 2 else "none",
                )
                for n in range(MASTER_UPDATE_CLIENTS)
            ],
            batch_size=BATCH,
        )
        editors = User.objects.bulk_create(
            [
                User(
                    username=f"master-{org.slug}",
                    email=f"{org.slug}@example.org",
                    password=password,
                )
                for org in clients
            ],
            batch_size=BATCH,
        )
        if not clients or clients[0].pk is None:  # pragma: no cover - backends without RETURNING
            clients = list(
                Organisation.objects.filter(slug__endswith=f"-{tag}")
                .exclude(pk=agency.pk)
                .order_by("pk")
            )
            editors = list(
                User.objects.filter(
                    username__startswith="master-bench-master-client-", username__endswith=f"-{tag}"
                ).order_by("pk")
            )
        memberships = []
        for org, editor in zip(clients, editors, strict=True):
            memberships.append(
                Membership(user=editor, organisation=org, role=Membership.Role.EDITOR)
            )
            memberships.append(
                Membership(user=consultant, organisation=org, role=Membership.Role.CONSULTANT)
            )
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        sample = Policy(organisation=agency)
        policy_set_content(sample, version.content)
        policies = Policy.objects.bulk_create(
            [
                Policy(
                    organisation=org,
                    title="Social-mediabeleid",
                    content=sample.content,
                    incomplete_steps=sample.incomplete_steps,
                    last_step="audience",
                    contact_person=org.contact_person,
                    contact_email=org.contact_email,
                    created_by=consultant,
                    updated_by=consultant,
                )
                for org in clients
            ],
            batch_size=BATCH,
        )
        if policies and policies[0].pk is None:  # pragma: no cover - backends without RETURNING
            policies = list(
                Policy.objects.filter(organisation__in=clients).order_by("organisation_id")
            )
        PolicyOrigin.objects.bulk_create(
            [PolicyOrigin(policy=policy, master=master, version=version) for policy in policies],
            batch_size=BATCH,
        )
        self.lap(f"a master with {len(policies):,} derived policies")
        return {
            "consultant": consultant.username,
            "master": master.pk,
            "clients": len(policies),
        }


def roll_out(policies: list[Policy]) -> None:
    """Publish each policy (its status only: the pages read no more of it) with a staff list
    of CLIENT_STAFF people, of whom CLIENT_CONFIRMED confirmed it."""
    for start in range(0, len(policies), BATCH):
        Policy.objects.filter(pk__in=[p.pk for p in policies[start : start + BATCH]]).update(
            status=Policy.Status.PUBLISHED, version_label="1.0"
        )
    staff, confirmations = [], []
    for policy in policies:
        for n in range(CLIENT_STAFF):
            email = f"staff{n}@org{policy.organisation_id}.example"
            staff.append(
                StaffMember(organisation_id=policy.organisation_id, name=f"Staff {n}", email=email)
            )
            if n < CLIENT_CONFIRMED:
                confirmations.append(
                    Acknowledgement(
                        organisation_id=policy.organisation_id,
                        policy_id=policy.pk,
                        version_label="1.0",
                        fingerprint="0" * 64,
                        name=f"Staff {n}",
                        email=email,
                        method=Acknowledgement.Method.PERSONAL_LINK,
                    )
                )
    StaffMember.objects.bulk_create(staff, batch_size=BATCH)
    Acknowledgement.objects.bulk_create(confirmations, batch_size=BATCH)


def insert_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert many rows: COPY on PostgreSQL (one round trip), executemany on SQLite."""
    if not rows:
        return
    quoted = ", ".join(map(connection.ops.quote_name, columns))
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"  # noqa: S608 - our names
    cursor.executemany(sql, rows)
