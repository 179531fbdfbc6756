from __future__ import annotations

from django.http import HttpRequest


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
        # The header's links by role (workspace, review queue) read `user_memberships.roles`.
        "user_memberships": memberships,
    }
