"""Review-date reminders: 30 days before and on the date, to the authors, once each."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from tests.factories import MembershipFactory
from wizard.models import Membership, Policy, ReviewReminder
from wizard.review.reminders import review_reminders, send_review_reminders

REVIEW = datetime.date(2027, 3, 15)
MONTH_BEFORE = REVIEW - datetime.timedelta(days=30)


@pytest.fixture
def approved(policy):
    Policy.objects.filter(pk=policy.pk).update(
        status=Policy.Status.PUBLISHED, next_review_date=REVIEW
    )
    policy.refresh_from_db()
    return policy


def run(day: datetime.date, capture) -> int:
    with capture(execute=True):
        return send_review_reminders(today=day)


def test_authors_hear_of_the_review_30_days_before(
    approved, editor, consultant, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    assert run(MONTH_BEFORE, django_capture_on_commit_callbacks) == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted([editor.email, consultant.email])
    assert all(len(m.to) == 1 for m in mailoutbox)
    message = mailoutbox[0]
    assert approved.title in message.subject
    assert "15 maart 2027" in message.subject  # Dutch policy, Dutch date
    assert f"/policies/{approved.pk}/review/" in message.body


def test_nothing_is_sent_before_the_30_days(
    approved, editor, mailoutbox, django_capture_on_commit_callbacks
):
    assert run(MONTH_BEFORE - datetime.timedelta(days=1), django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_and_again_on_the_date(approved, editor, mailoutbox, django_capture_on_commit_callbacks):
    run(MONTH_BEFORE, django_capture_on_commit_callbacks)
    run(REVIEW, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    assert "Vandaag" in mailoutbox[1].body
    kinds = set(ReviewReminder.objects.values_list("kind", flat=True))
    assert kinds == {"soon", "due"}


def test_never_twice_for_the_same_date_and_policy(
    approved, editor, mailoutbox, django_capture_on_commit_callbacks
):
    days = [MONTH_BEFORE, MONTH_BEFORE, MONTH_BEFORE + datetime.timedelta(days=1), REVIEW, REVIEW]
    counts = [run(day, django_capture_on_commit_callbacks) for day in days]
    assert counts == [1, 0, 0, 1, 0]
    assert len(mailoutbox) == 2


def test_a_new_review_date_gets_its_own_reminders(
    approved, editor, mailoutbox, django_capture_on_commit_callbacks
):
    run(REVIEW, django_capture_on_commit_callbacks)
    next_year = REVIEW.replace(year=2028)
    Policy.objects.filter(pk=approved.pk).update(next_review_date=next_year)
    assert run(next_year, django_capture_on_commit_callbacks) == 1
    assert len(mailoutbox) == 2


def test_a_missed_day_is_caught_up_on_the_next_run(
    approved, editor, mailoutbox, django_capture_on_commit_callbacks
):
    # The timer did not run on the 30th day before; the next day's run still reminds.
    assert run(MONTH_BEFORE + datetime.timedelta(days=3), django_capture_on_commit_callbacks) == 1
    assert len(mailoutbox) == 1


def test_the_reminder_is_in_the_policys_language(
    approved, editor, mailoutbox, django_capture_on_commit_callbacks
):
    Policy.objects.filter(pk=approved.pk).update(language="en")
    run(REVIEW, django_capture_on_commit_callbacks)
    assert "Review today" in mailoutbox[0].subject
    assert "Today is the review date" in mailoutbox[0].body


def test_drafts_and_archived_policies_get_no_reminder(
    policy, editor, mailoutbox, django_capture_on_commit_callbacks
):
    for status in (Policy.Status.DRAFT, Policy.Status.ARCHIVED):
        Policy.objects.filter(pk=policy.pk).update(status=status, next_review_date=REVIEW)
        assert run(REVIEW, django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_other_organisations_authors_get_nothing(
    approved, mailoutbox, django_capture_on_commit_callbacks
):
    stranger = MembershipFactory(role=Membership.Role.EDITOR).user
    run(REVIEW, django_capture_on_commit_callbacks)
    assert stranger.email not in [m.to[0] for m in mailoutbox]


def test_the_command_runs_for_a_given_day(
    approved, editor, mailoutbox, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", "--date", REVIEW.isoformat(), stdout=out)
    assert "1 review reminder(s) queued." in out.getvalue()
    assert [m.to for m in mailoutbox] == [[editor.email]]


def test_the_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError):
        call_command("send_review_reminders", "--date", "31-02-2027")


def test_the_daily_task_runs_the_reminders(
    approved, editor, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("wizard.review.reminders.timezone.localdate", lambda: REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        result = review_reminders.enqueue()
    assert result.return_value == 1
    assert [m.to for m in mailoutbox] == [[editor.email]]
