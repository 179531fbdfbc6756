from __future__ import annotations

import pytest

from wizard.models import Acknowledgement, Policy
from wizard.policies import services as policy_services
from wizard.review import workflow
from wizard.rollout import services as rollout_services


def publish(policy, user):
    Policy.objects.filter(pk=policy.pk).update(status=Policy.Status.APPROVED)
    policy.refresh_from_db()
    workflow.policy_publish(policy=policy, user=user)
    policy.refresh_from_db()
    return policy


def publish_new_version(policy, user, own_text="Vraag eerst je leidinggevende om raad."):
    """A new version of a published policy with changed conduct text, published."""
    draft = policy_services.policy_new_version(policy=policy, user=user)
    content = dict(draft.content)
    content["conduct"] = {**content["conduct"], "own_text": own_text}
    Policy.objects.filter(pk=draft.pk).update(content=content)
    draft.refresh_from_db()
    return publish(draft, user)


@pytest.fixture
def published(policy, editor):
    return publish(policy, editor)


def acknowledge(policy, name="Sanne Jansen", email="sanne@voorbeeldzorg.nl", method=None):
    """A confirmation of the version published now, by a personal link unless told."""
    return rollout_services.acknowledge(
        policy=policy,
        name=name,
        email=email,
        method=method or Acknowledgement.Method.PERSONAL_LINK,
        fingerprint=rollout_services.policy_fingerprint(policy),
    )[0]
