"""The staff link of a published policy: made, replaced and revoked by its authors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wizard.policies.access import can_edit
from wizard.policies.models import AuditEvent, Policy
from wizard.policies.services import audit, new_share_token

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
