"""E-mail goes through the task queue: the request only queues, the worker sends and retries."""

from __future__ import annotations

import datetime
import signal
import smtplib
from unittest import mock

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from wizard import mail as wizard_mail
from wizard.review import workflow

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    """The real `manage.py db_worker`, run until the queue is empty (--batch)."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def test_settings_bound_smtp_and_retries(settings):
    assert settings.EMAIL_TIMEOUT == 10
    assert settings.EMAIL_MAX_ATTEMPTS >= 3


def test_submitting_only_queues_the_notice_and_the_worker_sends_it(
    transactional_db, settings, policy, editor, reviewer, mailoutbox
):
    # transactional_db: the worker closes its database connection between tasks, as in
    # production, which a test wrapped in one transaction would not survive (PostgreSQL).
    settings.TASKS = DATABASE_TASKS
    workflow.policy_submit(policy=policy, user=editor)  # commits; the notice is queued then
    # Nothing was sent in the request: the notice waits in the queue.
    assert mailoutbox == []
    queued = DBTaskResult.objects.get()
    assert queued.status == TaskResultStatus.READY
    assert queued.task_path == "wizard.mail.send_email"

    run_worker()

    assert [m.to for m in mailoutbox] == [[reviewer.email]]
    assert policy.title in mailoutbox[0].subject
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL


def test_a_failed_send_is_queued_again_for_later(db, settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    with mock.patch.object(
        wizard_mail, "send_mail", side_effect=smtplib.SMTPServerDisconnected("gone")
    ):
        wizard_mail.send_email.call(subject="S", body="B", to="a@example.org")
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    # Not before the wait (a minute, doubling): the worker leaves it until then.
    assert timezone.now() + datetime.timedelta(seconds=50) < retry.run_after
    assert not DBTaskResult.objects.ready().exists()


def test_a_send_that_keeps_failing_stops_after_the_last_attempt(settings, mailoutbox):
    settings.EMAIL_MAX_ATTEMPTS = 3
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise smtplib.SMTPServerDisconnected("gone")

    # The immediate backend runs each retry at once: three tries, then the task fails.
    with mock.patch.object(wizard_mail, "send_mail", side_effect=refuse):
        result = wizard_mail.send_email.enqueue(subject="S", body="B", to="a@example.org")
    assert len(calls) == 3
    assert result.status == TaskResultStatus.SUCCESSFUL  # the first try queued the second
    assert mailoutbox == []


def test_a_send_that_recovers_delivers_once(settings, mailoutbox):
    real = wizard_mail.send_mail
    outcomes = iter([smtplib.SMTPServerDisconnected("gone"), None])

    def flaky(*args, **kwargs):
        error = next(outcomes)
        if error:
            raise error
        return real(*args, **kwargs)

    with mock.patch.object(wizard_mail, "send_mail", side_effect=flaky):
        wizard_mail.send_email.enqueue(subject="S", body="B", to="a@example.org")
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_the_smtp_connection_uses_the_timeout(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    connection = mail.get_connection()
    assert connection.timeout == settings.EMAIL_TIMEOUT
