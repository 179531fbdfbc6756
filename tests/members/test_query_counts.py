"""The members page costs the same number of queries for 2 members as for 20.

15: the session and its cache, the user, the user's memberships (the header and this page),
the members, the open invitations, the audit trail, and the session's refresh.
"""

from __future__ import annotations

import pytest

from tests.factories import MembershipFactory
from tests.members.helpers import invite
from wizard.members import services
from wizard.models import Membership

# The session (cache), the user, the header's memberships, the current organisation, the
# members, the open invitations and the audit trail.
MEMBERS_PAGE_QUERIES = 7


@pytest.mark.parametrize("size", [2, 20])
def test_the_members_page(
    editor_client, organisation, editor, members_url, size, django_assert_num_queries
):
    for number in range(size):
        member = MembershipFactory(organisation=organisation, role=Membership.Role.REVIEWER)
        invite(organisation, editor, email=f"nieuw{number}@example.org")
        services.membership_change_role(membership=member, user=editor, role="editor")
    # A session's first page records it for the sessions list; count a page after that.
    editor_client.get(members_url)
    with django_assert_num_queries(MEMBERS_PAGE_QUERIES):
        response = editor_client.get(members_url)
    assert len(response.context["members"]) == size + 1
