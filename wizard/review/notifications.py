"""E-mail notices of the review workflow: to the reviewers on submit, to the author on a decision.

Written after the transaction commits (see wizard/review/workflow.py), one message per recipient
so no one sees the others' addresses, and handed to the task queue: the `send_email` task is run
by the worker (`manage.py db_worker`), so no request waits on the mail server. A failed send is
tried again later, EMAIL_MAX_ATTEMPTS times in all, waiting longer each time; each try gives up
after EMAIL_TIMEOUT seconds. The backend is the console locally and SMTP in production
(EMAIL_BACKEND and friends in settings). The notice is written in the policy's own language,
the language the organisation chose to work in.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wizard.mail import queue_email, send_email  # noqa: F401 - send_email: the queued task
from wizard.organisations.models import AUTHOR_ROLES, REVIEWER_ROLES
from wizard.policies.models import Policy

logger = logging.getLogger(__name__)

# Links in e-mails need the site's address; SITE_URL in settings, else the local one.
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def site_url() -> str:
    return (getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


def review_link(policy: Policy) -> str:
    return site_url() + reverse("policy_review", kwargs={"pk": policy.pk})


def _render(template: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = render_to_string(f"review/email/{template}_subject.txt", context)
        body = render_to_string(f"review/email/{template}_body.txt", context)
    # A subject is one line, whatever a title contains.
    return " ".join(subject.split()), body


def member_addresses(policy: Policy, roles) -> list[str]:
    """The e-mail addresses of the active members of the policy's organisation in `roles`."""
    users = get_user_model().objects.filter(
        memberships__organisation_id=policy.organisation_id,
        memberships__role__in=roles,
        is_active=True,
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def reviewer_addresses(policy: Policy) -> list[str]:
    return member_addresses(policy, REVIEWER_ROLES)


def author_addresses(policy: Policy) -> list[str]:
    """The editors and consultants of the policy's organisation: who can start its review."""
    return member_addresses(policy, AUTHOR_ROLES)


def notify_review_reminder(*, policy: Policy, due: bool) -> int:
    """Remind the policy's authors of its review date: 30 days ahead, or on the date."""
    recipients = author_addresses(policy)
    if not recipients:
        return 0
    subject, body = _render(
        "reminder",
        {
            "policy": policy,
            "organisation": policy.organisation.name,
            "due": due,
            "date": policy.next_review_date,
            "link": review_link(policy),
        },
        policy.language,
    )
    return queue_email(subject=subject, body=body, recipients=recipients)


def notify_submitted(*, policy: Policy) -> int:
    """Tell the organisation's reviewers that a policy waits for them. Returns messages queued."""
    recipients = reviewer_addresses(policy)
    if not recipients:
        return 0
    subject, body = _render(
        "submitted",
        {
            "policy": policy,
            "organisation": policy.organisation.name,
            "submitter": policy.submitted_by,
            "link": review_link(policy),
        },
        policy.language,
    )
    return queue_email(subject=subject, body=body, recipients=recipients)


def notify_decision(*, policy: Policy, approved: bool, note: str = "") -> int:
    """Tell the person who submitted the policy what the reviewer decided."""
    author = policy.submitted_by or policy.created_by
    if author is None or not author.email:
        return 0
    subject, body = _render(
        "decision",
        {
            "policy": policy,
            "organisation": policy.organisation.name,
            "approved": approved,
            "note": note,
            "link": review_link(policy),
        },
        policy.language,
    )
    return queue_email(subject=subject, body=body, recipients=[author.email])
