"""The user's memberships as a request reads them (wizard/organisations/middleware.py)."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import MembershipFactory, UserFactory
from wizard.models import Membership
from wizard.organisations.middleware import SWITCHER_SIZE, UserMemberships

Role = Membership.Role


def test_the_roles_of_a_member_of_many_organisations_are_one_row_per_role(db, rf):
    """Beyond the switcher the roles are a query of their own; the memberships' ordering (by
    organisation name) must not make it one row per organisation."""
    user = UserFactory()
    for _ in range(SWITCHER_SIZE + 1):
        MembershipFactory(user=user, role=Role.REVIEWER)
    MembershipFactory(user=user, role=Role.EDITOR)
    request = rf.get("/")
    request.user, request.session = user, SessionStore()
    memberships = UserMemberships(request)
    assert memberships.more
    with CaptureQueriesContext(connection) as queries:
        roles = memberships.roles
    assert roles == {Role.REVIEWER, Role.EDITOR}
    (query,) = queries.captured_queries
    assert "ORDER BY" not in query["sql"]
