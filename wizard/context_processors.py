from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from wizard.fragments import fragment_key


def organisation(request: HttpRequest) -> dict:
    """The header's organisation switcher: the current membership and a bounded list of all."""
    user = getattr(request, "user", None)
    memberships = getattr(request, "memberships", None)
    if user is None or memberships is None or not user.is_authenticated:
        return {}
    return {
        "current_membership": memberships.current,
        "all_memberships": memberships.shown,
        "more_memberships": memberships.more,
        # The switcher's options are a cached fragment (no CSRF token in it) under everything
        # they show; worked out only on pages that render the header.
        "switcher_key": SimpleLazyObject(lambda: switcher_key(memberships)),
        # Read as user_memberships.roles where needed: one more query only on those pages.
        "user_memberships": memberships,
    }


def switcher_key(memberships) -> str:
    current = memberships.current
    return fragment_key(
        "org-switch",
        current.organisation_id if current else None,
        [(m.organisation_id, m.organisation.name) for m in memberships.shown],
    )
