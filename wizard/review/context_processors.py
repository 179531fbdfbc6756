from __future__ import annotations

from django.http import HttpRequest

from wizard.organisations.models import REVIEWER_ROLES
from wizard.review.selectors import review_count


def to_review(request: HttpRequest) -> dict:
    """The header's "To review (N)" for a reviewer: a callable, so the count is read only when
    a page's header shows it, and only for a user with a reviewer role somewhere (known from
    the memberships the header reads anyway)."""
    user = getattr(request, "user", None)
    memberships = getattr(request, "memberships", None)
    if user is None or memberships is None or not user.is_authenticated:
        return {}

    def count() -> int | None:
        if not memberships.roles & REVIEWER_ROLES:
            return None
        return review_count(user)

    return {"to_review": count}
