"""Fixtures the review tests share."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wizard.models import Policy
from wizard.policies.services import content_hash, policy_save_step


@pytest.fixture
def reviewer_client(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def save_conduct() -> Callable[[Policy, object, str], None]:
    """Save the conduct step with `own_text` as `user`; the policy is read again after."""

    def save(policy: Policy, user, own_text: str) -> None:
        policy.refresh_from_db()
        policy_save_step(
            policy_id=policy.pk,
            user=user,
            step="conduct",
            data={**policy.content["conduct"], "own_text": own_text},
            base_hash=content_hash(policy.content["conduct"]),
        )
        policy.refresh_from_db()

    return save
