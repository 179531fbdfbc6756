"""E-mail the acknowledgement-round reminders due today; run once a day (cron, or deploy/'s
systemd timer).

python manage.py send_round_reminders
python manage.py send_round_reminders --date 2027-01-31    # as if it were that day

Safe to run more than once a day: each reminder is recorded before it is queued and goes once
per person, round and moment. The task worker (manage.py db_worker) sends them.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from wizard.rollout.services import round_reminders_send


class Command(BaseCommand):
    help = (
        "Queue the reminders due today for staff who have not confirmed the published version "
        "(on the start, a week before the deadline, on it, and weekly while overdue). Idempotent."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="the day to run for, YYYY-MM-DD (default: today)")

    def handle(self, *args, date: str | None = None, **options) -> None:
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        sent = round_reminders_send(today=today)
        self.stdout.write(f"{sent} round reminder(s) queued.")
