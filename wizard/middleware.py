"""Which of their organisations the user is working in right now."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, cached_property

from wizard import statements
from wizard.models import Membership, Organisation

SESSION_KEY = "current_organisation_id"


# The header's switcher lists this many organisations; a user with more gets a link to the
# paginated list of all of them (wizard.views.organisation_list).
SWITCHER_SIZE = 25


@functools.cache
def _memberships_sql(*, of_organisation: bool) -> str:
    """Every page with a header asks this (see wizard/statements.py for why it is written out):
    the user's memberships with their organisations, in no order, up to a limit; or the one
    membership in a given organisation."""
    return (
        f"SELECT {statements.columns(Membership, 'm')}, {statements.organisation_columns()} "  # noqa: S608 - names from the models, values as parameters
        f"FROM {statements.table(Membership)} m "
        f'INNER JOIN {statements.table(Organisation)} o ON o."id" = m."organisation_id" '
        'WHERE m."user_id" = %s '
        + ('AND m."organisation_id" = %s' if of_organisation else "LIMIT %s")
    )


class UserMemberships:
    """The user's memberships as one request needs them, each part fetched once, when first used.

    Bounded whatever the number of organisations: the header lists them only when there are
    at most SWITCHER_SIZE, and then sorts that handful itself. Beyond that no query sorts all
    of a consultant's thousand memberships by name on every page: the current one is read by
    the (user, organisation) unique index. The current membership always comes from the
    user's own memberships, so a forged session value can only select an organisation the
    user belongs to.
    """

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.user = request.user

    def _memberships(self):
        # No ordering (Membership's default sorts on a join): callers order what they need.
        return Membership.objects.filter(user=self.user).select_related("organisation").order_by()

    @cached_property
    def _first(self) -> list[Membership]:
        """Up to SWITCHER_SIZE + 1 memberships: all of them, by name, when the header can list
        them all; otherwise just enough to know that it can't."""
        if not self.user.is_authenticated:
            return []
        found = list(
            Membership.objects.raw(
                _memberships_sql(of_organisation=False), [self.user.pk, SWITCHER_SIZE + 1]
            )
        )
        if len(found) > SWITCHER_SIZE:
            return found  # only counted: the header links to the list of all of them
        for membership in found:
            statements.attach_organisation(membership)
        found.sort(key=lambda m: (m.organisation.name, m.organisation_id))
        return found

    @property
    def shown(self) -> list[Membership]:
        return self._first if not self.more else []

    @property
    def more(self) -> bool:
        return len(self._first) > SWITCHER_SIZE

    @cached_property
    def current(self) -> Membership | None:
        if not self._first:
            return None
        chosen = self.request.session.get(SESSION_KEY)
        if not self.more:
            return next((m for m in self._first if m.organisation_id == chosen), self._first[0])
        if type(chosen) is int:
            found = list(
                Membership.objects.raw(
                    _memberships_sql(of_organisation=True), [self.user.pk, chosen]
                )
            )
            if found:
                return statements.attach_organisation(found[0])
        # Many organisations and none chosen yet (or no longer a member): the first by name,
        # remembered, so that this sort over all memberships runs once and not on every page.
        membership = self._memberships().order_by("organisation__name", "organisation_id").first()
        if membership is not None:
            self.request.session[SESSION_KEY] = membership.organisation_id
        return membership

    def has_role(self, role: str) -> bool:
        """Whether the user has `role` in any organisation; a query only when none of the
        memberships already read for the header has it and there are more."""
        if any(m.role == role for m in self._first):
            return True
        if not self.more:
            return False
        return Membership.objects.filter(user=self.user, role=role).exists()

    @cached_property
    def roles(self) -> frozenset[str]:
        """Every role the user has in any organisation."""
        if not self.user.is_authenticated:
            return frozenset()
        if not self.more:
            return frozenset(m.role for m in self._first)
        return frozenset(
            Membership.objects.filter(user=self.user)
            .order_by()
            .values_list("role", flat=True)
            .distinct()
        )


def current_membership(request: HttpRequest) -> Membership | None:
    return request.memberships.current


class CurrentOrganisationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.memberships = SimpleLazyObject(lambda: UserMemberships(request))
        request.membership = SimpleLazyObject(lambda: request.memberships.current)
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


SESSION_REFRESHED_KEY = "_refreshed_at"


class SessionActivityMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without activity, without a write per request.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every page. Here an active
    session is written again only when its last write is SESSION_REFRESH_SECONDS old, so the
    inactivity timeout holds to within that many seconds and reading a page costs no write.
    Sits after SessionMiddleware, so its response step runs before the session is saved.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        if session.modified or now - session.get(SESSION_REFRESHED_KEY, 0) >= (
            settings.SESSION_REFRESH_SECONDS
        ):
            session[SESSION_REFRESHED_KEY] = now
        return response
