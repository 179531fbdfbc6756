"""E-mail the acknowledgement-round reminders due today; run once a day (cron, or deploy/'s
systemd timer).

python manage.py send_round_reminders
python manage.py send_round_reminders --date 2027-01-31    # as if it were that day

Safe to run more than once a day: each reminder is recorded before it is queued and goes once
per person, round and moment. The task worker (manage.py db_worker) sends them.
"""

from __future__ import annotations

import datetime

from wizard.management.daily import DailyCommand
from wizard.rollout.services import round_reminders_send


class Command(DailyCommand):
    help = (
        "Queue the reminders due today for staff who have not confirmed the published version "
        "(on the start, a week before the deadline, on it, and weekly while overdue). Idempotent."
    )

    def run_for(self, today: datetime.date | None) -> str:
        return f"{round_reminders_send(today=today)} round reminder(s) queued."
