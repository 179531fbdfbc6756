"""Personal links: a signed key per person on the staff list, bound to their address. How long
a link works is not in the key: it follows the person's round (selectors.personal_link_valid_until),
so that a deadline moved later moves the links along."""

from __future__ import annotations

import hashlib

from django.core import signing

from wizard.rollout.models import StaffMember

PERSONAL_LINK_SALT = "wizard.rollout.personal-link"


def _email_digest(email: str) -> str:
    # Binds a link to the address without showing it: the signed value is readable base64.
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def personal_key(member: StaffMember) -> str:
    return signing.dumps(
        {"m": member.pk, "h": _email_digest(member.email)}, salt=PERSONAL_LINK_SALT
    )


def personal_key_payload(member: StaffMember) -> str:
    """The part of every personal link of `member` that is the same in each (before the
    signature), to find the links in queued and sent mail."""
    return personal_key(member).split(":", 1)[0]


def staff_member_from_key(key: str, organisation_id: int) -> StaffMember | None:
    """The staff member a personal link was made for; None for a forged or erased one."""
    try:
        data = signing.loads(key, salt=PERSONAL_LINK_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("m"), int):
        return None
    member = StaffMember.objects.filter(pk=data["m"], organisation_id=organisation_id).first()
    if member is None or _email_digest(member.email) != data.get("h"):
        return None
    return member
