"""Review-date reminders: the authors of an approved or published policy hear of its next review
date 30 days before it and on the date, in the policy's language, once each.

Run daily: `manage.py send_review_reminders` (cron or the systemd timer in deploy/), or the
`review_reminders` task queued for the worker. A run may happen any number of times a day, and
may miss days: what was sent is recorded (ReviewReminder, unique per policy, date and kind), so
nothing goes twice, and a reminder missed on its day goes on the next run while it still makes
sense (the early one until the date, the due one up to REMINDER_LATE_DAYS after it).
"""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from wizard.policies.models import REVIEW_DUE_SOON_DAYS
from wizard.review import notifications, selectors
from wizard.review.models import ReviewReminder

REMINDER_DAYS_BEFORE = REVIEW_DUE_SOON_DAYS  # 30, the dashboard's "review soon" too
REMINDER_LATE_DAYS = 30  # a due reminder still goes out this long after a missed date


def send_review_reminders(*, today: datetime.date | None = None) -> int:
    """Record and queue the reminders due today. Returns how many reminders were new."""
    today = today or timezone.localdate()
    sent = 0
    policies = selectors.policies_near_review(
        today, before=REMINDER_DAYS_BEFORE, after=REMINDER_LATE_DAYS
    )
    for policy in policies:
        due = policy.next_review_date <= today
        kind = ReviewReminder.Kind.DUE if due else ReviewReminder.Kind.SOON
        with transaction.atomic():
            _reminder, created = ReviewReminder.objects.get_or_create(
                policy=policy, review_date=policy.next_review_date, kind=kind
            )
            if created:
                transaction.on_commit(
                    partial(notifications.notify_review_reminder, policy=policy, due=due)
                )
                sent += 1
    return sent


@task()
def review_reminders() -> int:
    """The daily run as a task, for a worker or scheduler that queues it."""
    return send_review_reminders()
