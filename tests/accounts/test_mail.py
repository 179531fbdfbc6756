"""allauth's mail goes through the task queue (wizard/mail.py), never inside the request."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import default_task_backend


def test_a_password_reset_mail_is_queued_not_sent(client, editor, settings, mailoutbox):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client.post(reverse("account_reset_password"), {"email": editor.email})
    assert mailoutbox == []
    queued = list(default_task_backend.results)
    assert [result.kwargs["to"] for result in queued] == [editor.email]
    assert queued[0].task.name == "send_email"


def test_the_queued_mail_has_the_apps_subject(client, editor, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": editor.email})
    assert mailoutbox[-1].subject.startswith("[Policy Builder] ")
