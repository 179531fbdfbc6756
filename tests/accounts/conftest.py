from __future__ import annotations

import re

import pytest
from axes.utils import reset
from django.core import mail


@pytest.fixture(autouse=True)
def _reset_axes(db):
    reset()


def link_in_last_mail(path_part: str) -> str:
    """The first link in the last e-mail sent whose path contains `path_part`."""
    body = mail.outbox[-1].body
    match = re.search(rf"https?://testserver(\S*{re.escape(path_part)}\S*)", body)
    assert match, body
    return match.group(1)
