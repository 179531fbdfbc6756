from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests.members.helpers import invite
from wizard.members.models import Invitation


@pytest.fixture
def invitation(organisation, editor, django_capture_on_commit_callbacks) -> Invitation:
    """An open invitation of a reviewer to nieuw.lid@example.org (its mail already sent)."""
    with django_capture_on_commit_callbacks(execute=True):
        made = invite(organisation, editor)
    mail.outbox.clear()
    return made


@pytest.fixture
def members_url(organisation) -> str:
    return reverse("member_list", kwargs={"pk": organisation.pk})
