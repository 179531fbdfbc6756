"""Which of their organisations the user is working in right now."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_plus

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from wizard.models import Membership

SESSION_KEY = "current_organisation_id"


def current_membership(request: HttpRequest) -> Membership | None:
    """The membership chosen in the header, or the user's first one.

    Read from the user's memberships, so a forged session value can only ever select an
    organisation the user belongs to.
    """
    user = request.user
    if not user.is_authenticated:
        return None
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    chosen = request.session.get(SESSION_KEY)
    if chosen is not None:
        membership = memberships.filter(organisation_id=chosen).first()
        if membership is not None:
            return membership
    return memberships.order_by("organisation__name").first()


class CurrentOrganisationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = SimpleLazyObject(lambda: current_membership(request))
        return self.get_response(request)


class RejectNulBytesMiddleware:
    """PostgreSQL refuses NUL in text: a URL carrying one is a 400 before any lookup, on every
    database alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = unquote_plus(request.META.get("QUERY_STRING", ""))
        if "\x00" in request.path_info or "\x00" in query:
            raise SuspiciousOperation("NUL byte in the URL")
        return self.get_response(request)
