"""The e-mail notices of a question: to the consultants when asked, to the editor who asked
when answered. In the policy's language, through the task queue (wizard/mail.py), after the
transaction commits (wizard/questions/services.py)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wizard.mail import queue_email
from wizard.organisations.models import Membership
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.steps import step_url
from wizard.text import text_in

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def site_url() -> str:
    return (getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


def render_notice(name: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = render_to_string(f"questions/email/{name}_subject.txt", context)
        body = render_to_string(f"questions/email/{name}_body.txt", context)
    # A subject is one line, whatever a title contains.
    return " ".join(subject.split()), body


def consultant_addresses(organisation_id: int) -> list[str]:
    emails = (m.user.email for m in Membership.objects.consultants_of(organisation_id))
    return sorted({email for email in emails if email})


def notice_context(question) -> dict:
    policy = question.policy
    return {
        "question": question,
        "policy": policy,
        "organisation": policy.organisation.name,
        "step_title": text_in(BLOCKS_BY_KEY[question.step].title, policy.language),
    }


def notify_asked(*, question) -> int:
    """Tell the organisation's consultants a question waits. Returns messages queued."""
    recipients = consultant_addresses(question.organisation_id)
    if not recipients:
        return 0
    context = {
        **notice_context(question),
        "link": site_url() + reverse("question_answer", kwargs={"pk": question.pk}),
    }
    subject, body = render_notice("asked", context, question.policy.language)
    return queue_email(subject=subject, body=body, recipients=recipients)


def notify_answered(*, question) -> int:
    """Tell the editor who asked that the answer is on the step."""
    asker = question.asked_by
    if asker is None or not asker.email:
        return 0
    policy = question.policy
    page = (
        step_url(policy, question.step)
        if policy.is_content_editable
        else reverse("policy_review", kwargs={"pk": policy.pk})
    )
    context = {**notice_context(question), "link": site_url() + page}
    subject, body = render_notice("answered", context, policy.language)
    return queue_email(subject=subject, body=body, recipients=[asker.email])
