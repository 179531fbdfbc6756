"""E-mail the review-date reminders due today; run once a day (cron, or deploy/'s systemd timer).

python manage.py send_review_reminders
python manage.py send_review_reminders --date 2027-01-31    # as if it were that day

Safe to run more than once a day: each reminder goes once per policy and review date. The
messages are queued; the task worker (manage.py db_worker) sends them.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from wizard.review.reminders import send_review_reminders


class Command(BaseCommand):
    help = (
        "Queue the review-date reminders due today (30 days before a policy's next review date "
        "and on the date) for the policy's authors. Idempotent; run daily."
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
        sent = send_review_reminders(today=today)
        self.stdout.write(f"{sent} review reminder(s) queued.")
