"""The staff link of a published policy: made, replaced and revoked by its authors."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.policies.access import can_edit
from wizard.policies.models import AuditEvent, Policy
from wizard.policies.services import audit, new_share_token

STAFF_PDF_DETAIL = "pdf (staff link)"
SHARE_NEEDS_PUBLISHED = _("Only a published policy can have a staff link.")
ONLY_AUTHORS_SHARE = _("Only editors and consultants of this organisation can manage the link.")


@transaction.atomic
def policy_share_link_create(*, policy: Policy, user) -> str:
    """Give a published policy a new staff link; any earlier link stops working."""
    if not can_edit(user, policy):
        raise PermissionDenied(ONLY_AUTHORS_SHARE)
    locked = Policy.objects.select_for_update().get(pk=policy.pk)
    if locked.status != Policy.Status.PUBLISHED:
        raise PermissionDenied(SHARE_NEEDS_PUBLISHED)
    locked.share_token = new_share_token()
    locked.save(update_fields=["share_token"])
    policy.share_token = locked.share_token
    audit(
        organisation=policy.organisation, actor=user, action=AuditEvent.Action.SHARE, policy=policy
    )
    return locked.share_token


@transaction.atomic
def policy_share_link_revoke(*, policy: Policy, user) -> None:
    """The staff link stops working at once; a new one can be made later."""
    if not can_edit(user, policy):
        raise PermissionDenied(ONLY_AUTHORS_SHARE)
    Policy.objects.filter(pk=policy.pk).update(share_token="")
    policy.share_token = ""
    audit(
        organisation=policy.organisation,
        actor=user,
        action=AuditEvent.Action.REVOKE_SHARE,
        policy=policy,
    )


def staff_pdf_download_record(*, policy: Policy) -> bool:
    """Note in the audit trail that staff downloaded the PDF: once per policy version per day.

    Anyone with the link can ask for the PDF as often as they like; the trail says that staff
    used it on a day, not how often. (Each version of a policy is its own row, so this is per
    version.) A flag in the shared cache answers the repeats without touching the trail; the
    check on the trail covers a flushed cache. Returns whether a new event was written.
    """
    today = timezone.localdate()
    flag = f"staff-pdf-recorded:{policy.pk}:{today.isoformat()}"
    if not cache.add(flag, True, timeout=int(datetime.timedelta(days=2).total_seconds())):
        return False
    already = AuditEvent.objects.filter(
        policy=policy,
        action=AuditEvent.Action.EXPORT,
        actor=None,
        detail=STAFF_PDF_DETAIL,
        created_at__date=today,
    ).exists()
    if already:
        return False
    audit(
        organisation=policy.organisation,
        actor=None,
        action=AuditEvent.Action.EXPORT,
        policy=policy,
        detail=STAFF_PDF_DETAIL,
    )
    return True
