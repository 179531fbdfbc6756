"""The calendar of an acknowledgement round: when a person's round starts, by when they confirm,
which reminder is due on a day and until when a personal link works. Plain date arithmetic: no
queries, no clock (the caller passes `today`)."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings

from wizard.rollout.models import AcknowledgementRound, RoundReminder

WEEK = datetime.timedelta(days=7)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved `months` calendar months on (31 January + 1 month is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def period_start(round_: AcknowledgementRound, today: datetime.date) -> datetime.date:
    """The start of the round's current period: its start, or with re-confirmation every N
    months, the latest start + k·N months on or before `today`."""
    start = round_.started_on
    if not round_.reconfirm_months or today <= start:
        return start
    k = 0
    while add_months(start, (k + 1) * round_.reconfirm_months) <= today:
        k += 1
    return add_months(start, k * round_.reconfirm_months)


@dataclass(frozen=True)
class Window:
    """One person's part of the current period: from `start`, confirmed by `deadline`."""

    start: datetime.date
    deadline: datetime.date


def person_window(
    round_: AcknowledgementRound, joined: datetime.date, today: datetime.date
) -> Window:
    """People on the staff list before the period started share its deadline; people imported
    later get their own: the import date plus the round's length."""
    start = period_start(round_, today)
    length = round_.deadline - round_.started_on
    if joined <= start:
        return Window(start, start + length)
    return Window(joined, joined + length)


def link_valid_until(window: Window, sent_on: datetime.date | None = None) -> datetime.date:
    """The last day a person's personal link works: their deadline plus the grace period, or,
    when a link went to them after the deadline (a reminder while overdue), that day plus the
    grace period, so that no mail carries a link that no longer works."""
    last = max(window.deadline, sent_on) if sent_on is not None else window.deadline
    return last + datetime.timedelta(days=settings.PERSONAL_LINK_GRACE_DAYS)


def due_reminder(window: Window, today: datetime.date) -> tuple[str, datetime.date] | None:
    """The latest reminder due on or before `today` for someone who has not confirmed: on the
    start, a week before the deadline, on the deadline, then each week while overdue. Only the
    latest: after days without a run, one reminder goes, not a pile of them."""
    if today < window.start:
        return None
    if today >= window.deadline:
        weeks = (today - window.deadline).days // 7
        if weeks:
            return RoundReminder.Kind.OVERDUE, window.deadline + weeks * WEEK
        return RoundReminder.Kind.DEADLINE, window.deadline
    week_before = window.deadline - WEEK
    if week_before > window.start and today >= week_before:
        return RoundReminder.Kind.WEEK_BEFORE, week_before
    return RoundReminder.Kind.START, window.start
