"""The members page costs the same number of queries for 2 members as for 20.

7: the session's cache, the user, the user's memberships (the header and this page), the
members, the open invitations and the audit trail (the session was refreshed by a first visit).
"""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory
from tests.members.helpers import invite
from wizard.members import services
from wizard.models import Membership

MEMBERS_PAGE_QUERIES = 7


@pytest.mark.parametrize("size", [2, 20])
def test_the_members_page(
    editor_client, organisation, editor, members_url, size, django_assert_num_queries
):
    for number in range(size):
        member = MembershipFactory(organisation=organisation, role=Membership.Role.REVIEWER)
        invite(organisation, editor, email=f"nieuw{number}@example.org")
        services.membership_change_role(membership=member, user=editor, role="editor")
    editor_client.get(members_url)  # The session's first refresh (and its last-seen) is done.
    with django_assert_num_queries(MEMBERS_PAGE_QUERIES):
        response = editor_client.get(members_url)
    assert len(response.context["members"]) == size + 1
