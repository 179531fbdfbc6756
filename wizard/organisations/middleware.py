"""Which of their organisations the user is working in right now."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, cached_property

from wizard.organisations.models import Membership

SESSION_KEY = "current_organisation_id"

# The header's switcher lists this many organisations; a user with more gets a link to the
# paginated list of all of them (wizard.organisations.views.organisation_list).
SWITCHER_SIZE = 25


class UserMemberships:
    """The user's memberships as one request needs them, each part read once, when first used.

    The current membership always comes from the user's own memberships, so a forged session
    value can only select an organisation the user belongs to.
    """

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.user = request.user

    def _memberships(self):
        return Membership.objects.for_user(self.user).select_related("organisation")

    @cached_property
    def _first(self) -> list[Membership]:
        """Up to SWITCHER_SIZE + 1 memberships: all of them when the header can list them all
        (then by organisation name); otherwise enough to know that it can't.

        Every logged-in page reads these, so the query asks no ORDER BY: ordering by the joined
        name cost a third of compiling it, and the header sorts at most SWITCHER_SIZE rows."""
        found = list(self._memberships().order_by()[: SWITCHER_SIZE + 1])
        if len(found) <= SWITCHER_SIZE:
            found.sort(key=lambda m: (m.organisation.name, m.organisation_id))
        return found

    @property
    def more(self) -> bool:
        return len(self._first) > SWITCHER_SIZE

    @property
    def shown(self) -> list[Membership]:
        """The memberships the header's switcher lists (none when there are too many)."""
        return [] if self.more else self._first

    @cached_property
    def current(self) -> Membership | None:
        chosen = self.request.session.get(SESSION_KEY)
        found = next((m for m in self._first if m.organisation_id == chosen), None)
        if found is None and self.more:
            if type(chosen) is int:
                found = self._memberships().filter(organisation_id=chosen).first()
            # Without a (valid) choice, the first by name, as the switcher would list it.
            by_name = self._memberships().order_by("organisation__name", "organisation_id")
            found = found or by_name.first()
        return found or (self._first[0] if self._first else None)

    def open(self, organisation_id: int) -> None:
        """The user opened a page of this organisation (one of theirs: the caller found it
        through the user's memberships). It becomes the current one, for this request's header
        and, in the session, for the next pages; the session is written only when the current
        organisation changes (the header reads the memberships anyway)."""
        current = self.current
        if current is not None and current.organisation_id == organisation_id:
            return
        self.request.session[SESSION_KEY] = organisation_id
        self.__dict__.pop("current", None)

    @cached_property
    def roles(self) -> frozenset[str]:
        """Every role the user has in any organisation."""
        if not self.more:
            return frozenset(m.role for m in self._first)
        # Without order_by() the default ordering (by organisation name) joins the DISTINCT:
        # one row per organisation instead of one per role.
        return frozenset(
            Membership.objects.for_user(self.user)
            .order_by()
            .values_list("role", flat=True)
            .distinct()
        )


class CurrentOrganisationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The current membership is `request.memberships.current` (None without one): a lazy
        # object of its own would never be None, whatever it wraps.
        request.memberships = SimpleLazyObject(lambda: UserMemberships(request))
        return self.get_response(request)
