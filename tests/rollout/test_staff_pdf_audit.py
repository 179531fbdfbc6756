"""The staff-link PDF is recorded in the audit trail once per policy version per day."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from wizard.models import AuditEvent, Policy
from wizard.review import workflow
from wizard.rollout import services


@pytest.fixture
def published(policy, editor):
    Policy.objects.filter(pk=policy.pk).update(status=Policy.Status.APPROVED)
    policy.refresh_from_db()
    workflow.policy_publish(policy=policy, user=editor)
    policy.refresh_from_db()
    return policy


def staff_exports(policy):
    return AuditEvent.objects.filter(policy=policy, action="export", actor=None)


def test_many_downloads_on_one_day_write_one_event(client, published):
    url = reverse("published_policy_pdf", kwargs={"token": published.share_token})
    for _ in range(5):
        assert client.get(url).status_code == 200
    assert staff_exports(published).count() == 1


def test_the_next_day_gets_its_own_event(published, monkeypatch):
    today = datetime.date(2026, 12, 3)
    monkeypatch.setattr(services.timezone, "localdate", lambda: today)
    assert services.staff_pdf_download_record(policy=published) is True
    assert services.staff_pdf_download_record(policy=published) is False
    monkeypatch.setattr(services.timezone, "localdate", lambda: today + datetime.timedelta(days=1))
    assert services.staff_pdf_download_record(policy=published) is True
    assert staff_exports(published).count() == 2


def test_a_flushed_cache_does_not_double_the_event(published):
    assert services.staff_pdf_download_record(policy=published) is True
    cache.clear()
    assert services.staff_pdf_download_record(policy=published) is False
    assert staff_exports(published).count() == 1
