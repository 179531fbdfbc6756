"""The daily systemd job (deploy/policybuilder-reminders.service) runs what must run daily."""

from __future__ import annotations

import shlex
from datetime import timedelta
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from wizard.mail import send_email

SERVICE = Path(__file__).resolve().parent.parent / "deploy" / "policybuilder-reminders.service"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def daily_commands() -> dict[str, list[str]]:
    """Each `manage.py` command of the unit's ExecStart lines, with its arguments."""
    commands = {}
    for line in SERVICE.read_text().splitlines():
        if line.startswith("ExecStart="):
            words = shlex.split(line.removeprefix("ExecStart="))
            name, *arguments = words[words.index("manage.py") + 1 :]
            commands[name] = arguments
    return commands


def test_the_daily_job_sends_reminders_and_purges_acknowledgements():
    assert {"send_review_reminders", "purge_acknowledgements"} <= daily_commands().keys()


def test_the_daily_job_prunes_finished_task_results():
    assert "prune_db_task_results" in daily_commands()


def test_the_daily_pruning_deletes_week_old_results_and_keeps_recent_ones(db, settings):
    settings.TASKS = DATABASE_TASKS
    old, recent = (
        send_email.enqueue(subject="Herinnering", body="…", to=f"{name}@voorbeeldzorg.nl").id
        for name in ("oud", "nieuw")
    )
    now = timezone.now()
    for pk, age in ((old, timedelta(days=8)), (recent, timedelta(days=1))):
        DBTaskResult.objects.filter(pk=pk).update(
            status=TaskResultStatus.SUCCESSFUL, finished_at=now - age
        )
    call_command("prune_db_task_results", *daily_commands()["prune_db_task_results"], verbosity=0)
    assert [str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)] == [recent]
