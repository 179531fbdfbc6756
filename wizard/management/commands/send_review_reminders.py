"""E-mail the review-date reminders due today; run once a day (cron, or deploy/'s systemd timer).

python manage.py send_review_reminders
python manage.py send_review_reminders --date 2027-01-31    # as if it were that day

Safe to run more than once a day: each reminder goes once per policy and review date. The
messages are queued; the task worker (manage.py db_worker) sends them.
"""

from __future__ import annotations

import datetime

from wizard.management.daily import DailyCommand
from wizard.review.reminders import send_review_reminders


class Command(DailyCommand):
    help = (
        "Queue the review-date reminders due today (30 days before a policy's next review date "
        "and on the date) for the policy's authors. Idempotent; run daily."
    )

    def run_for(self, today: datetime.date | None) -> str:
        return f"{send_review_reminders(today=today)} review reminder(s) queued."
