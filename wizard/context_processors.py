from __future__ import annotations

from django.http import HttpRequest

from wizard.models import Membership


def organisation(request: HttpRequest) -> dict:
    """The header's organisation switcher: the current membership and all the others."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = getattr(request, "membership", None)
    return {
        "current_membership": membership if membership else None,
        "all_memberships": Membership.objects.filter(user=user).select_related("organisation"),
    }
