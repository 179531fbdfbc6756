from __future__ import annotations

import pytest

from tests.factories import publish
from tests.factories import publish_new_version as _publish_new_version


@pytest.fixture
def published(policy, editor):
    return publish(policy, editor)


@pytest.fixture
def publish_new_version():
    """`publish_new_version(policy, user, own_text=...)` starts a new version of the published
    `policy` with changed conduct text and publishes it; returns the new version."""
    return _publish_new_version
