"""How pages name a member: a deleted account (its user name "former-member-<id>", kept so
that history and audit trails keep who did what) is a "former member", never its old name."""

from __future__ import annotations

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Sign-up refuses names of this form (wizard.accounts.adapters, the invitation's form).
FORMER_MEMBER_PREFIX = "former-member-"
FORMER_MEMBER_NAME = re.compile(rf"{re.escape(FORMER_MEMBER_PREFIX)}\d+")


RESERVED_USERNAME = _("This user name is reserved. Choose another.")


def is_former_member_name(username: str) -> bool:
    return FORMER_MEMBER_NAME.fullmatch(username or "") is not None


def member_name(user) -> str:
    """A user's name as pages show it: the translated "former member" for a deleted account
    (reads only the user name, which every list already loads)."""
    username = user.get_username()
    return gettext("former member") if is_former_member_name(username) else username


def former_members_in(text: str) -> str:
    """Text written about a deleted account (an audit event's detail) with "former member"
    in place of its user name."""
    return FORMER_MEMBER_NAME.sub(lambda _match: gettext("former member"), text or "")
