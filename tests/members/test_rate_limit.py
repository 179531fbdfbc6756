"""Invitation mails are rate limited per user: invitations go to any address typed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wizard.members.models import Invitation


@pytest.fixture
def two_invitations_a_day(settings):
    # A day's window: two requests a second apart never straddle its boundary.
    settings.RATELIMIT_RATES = {**settings.RATELIMIT_RATES, "invitation": "2/d"}


def test_the_third_invitation_is_refused(two_invitations_a_day, editor_client, members_url):
    statuses = [
        editor_client.post(
            members_url, {"email": f"p{n}@example.org", "role": "reviewer"}
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert Invitation.objects.count() == 2


def test_sending_again_counts_too(two_invitations_a_day, editor_client, invitation, organisation):
    url = reverse("invitation_resend", kwargs={"pk": organisation.pk})
    statuses = [
        editor_client.post(url, {"invitation": invitation.pk}).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_the_members_page_itself_is_not_limited(two_invitations_a_day, editor_client, members_url):
    assert {editor_client.get(members_url).status_code for _ in range(3)} == {200}
