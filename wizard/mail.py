"""E-mail through the task queue: no request waits on the mail server.

Every message goes to one recipient (nobody sees the others' addresses) as a `send_email`
task, which the worker (`manage.py db_worker`) sends; a mail-server failure queues a later
try, up to EMAIL_MAX_ATTEMPTS, each waiting twice as long.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_email(*, subject: str, body: str, to: str, attempt: int = 1) -> bool:
    """Send one message to one address; on a mail-server failure, queue a later try."""
    try:
        send_mail(subject, body, None, [to])
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= settings.EMAIL_MAX_ATTEMPTS:
            logger.error("E-mail to %s not sent after %d tries: %s", to, attempt, error)
            raise
        retry = send_email
        if retry.get_backend().supports_defer:
            wait = settings.EMAIL_RETRY_SECONDS * 2 ** (attempt - 1)
            retry = retry.using(run_after=timezone.now() + datetime.timedelta(seconds=wait))
        logger.warning("E-mail to %s failed (try %d), queued again: %s", to, attempt, error)
        retry.enqueue(subject=subject, body=body, to=to, attempt=attempt + 1)
        return False
    return True


def queue_email(*, subject: str, body: str, recipients: list[str]) -> int:
    """One queued message per recipient. Returns how many were queued."""
    for address in recipients:
        send_email.enqueue(subject=subject, body=body, to=address)
    return len(recipients)
