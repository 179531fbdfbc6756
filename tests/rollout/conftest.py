from __future__ import annotations

import pytest

from wizard.models import Policy
from wizard.policies import services as policy_services
from wizard.review import workflow


def publish(policy, user):
    Policy.objects.filter(pk=policy.pk).update(status=Policy.Status.APPROVED)
    policy.refresh_from_db()
    workflow.policy_publish(policy=policy, user=user)
    policy.refresh_from_db()
    return policy


def _publish_new_version(policy, user, own_text="Vraag eerst je leidinggevende om raad."):
    draft = policy_services.policy_new_version(policy=policy, user=user)
    content = dict(draft.content)
    content["conduct"] = {**content["conduct"], "own_text": own_text}
    Policy.objects.filter(pk=draft.pk).update(content=content)
    draft.refresh_from_db()
    return publish(draft, user)


@pytest.fixture
def published(policy, editor):
    return publish(policy, editor)


@pytest.fixture
def publish_new_version():
    """`publish_new_version(policy, user, own_text=...)` starts a new version of the published
    `policy` with changed conduct text and publishes it; returns the new version."""
    return _publish_new_version
