"""The e-mail notice of a proposed update, to the editors of the client's organisation, in the
policy's language (sent by the task queue, like every message: wizard/mail.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wizard.mail import queue_email
from wizard.masters.models import ProposedUpdate
from wizard.organisations.models import Membership

DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def editor_addresses(organisation_id: int) -> list[str]:
    users = get_user_model().objects.filter(
        memberships__organisation_id=organisation_id,
        memberships__role=Membership.Role.EDITOR,
        is_active=True,
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def editor_addresses_of(organisation_ids: set[int]) -> dict[int, list[str]]:
    """`editor_addresses` of many organisations in one query."""
    found: dict[int, set[str]] = {}
    rows = Membership.objects.filter(
        organisation_id__in=organisation_ids, role=Membership.Role.EDITOR, user__is_active=True
    ).values_list("organisation_id", "user__email")
    for organisation_id, email in rows:
        if email:
            found.setdefault(organisation_id, set()).add(email)
    return {organisation_id: sorted(emails) for organisation_id, emails in found.items()}


def notify_proposed(update: ProposedUpdate, recipients: list[str] | None = None) -> int:
    """Tell the client's editors (`recipients` when the caller looked them up already) an
    update waits; returns how many messages were queued."""
    policy = update.policy
    site = (getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")
    context = {
        "policy": policy,
        "master": update.to_version.master,
        "number": update.to_version.number,
        "link": site + reverse("proposed_update", kwargs={"pk": update.pk}),
    }
    with translation.override(policy.language):
        subject = render_to_string("masters/email/proposed_update_subject.txt", context)
        body = render_to_string("masters/email/proposed_update_body.txt", context)
    return queue_email(
        subject=" ".join(subject.split()),
        body=body,
        recipients=editor_addresses(policy.organisation_id) if recipients is None else recipients,
    )
