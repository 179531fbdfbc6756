"""Staff use the Django admin: lists, filters and search work; the audit trail is read-only."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from wizard.admin import PolicyAdmin
from wizard.models import AuditEvent, Policy


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x-pass-123456")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "model", ["organisation", "membership", "policy", "revision", "auditevent"]
)
def test_admin_changelists_search_and_filter(admin_client, policy, model):
    url = reverse(f"admin:wizard_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "Voorbeeld"}).status_code == 200


def test_admin_escapes_user_text(admin_client, policy):
    policy.title = "<script>alert(1)</script>"
    policy.save()
    response = admin_client.get(reverse("admin:wizard_policy_changelist"))
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.content.decode()


def test_content_saved_in_the_admin_stores_its_incomplete_steps(policy):
    policy.content = {**policy.content, "conduct": {}}
    PolicyAdmin(Policy, admin.site).save_model(request=None, obj=policy, form=None, change=True)
    assert Policy.objects.get(pk=policy.pk).incomplete_steps == ["conduct"]


def test_the_audit_trail_cannot_be_edited_in_the_admin(admin_client, policy, editor):
    event = AuditEvent.objects.create(
        organisation=policy.organisation, policy=policy, actor=editor, action="create"
    )
    change = reverse("admin:wizard_auditevent_change", args=[event.pk])
    delete = reverse("admin:wizard_auditevent_delete", args=[event.pk])
    admin_client.post(change, {"action": "approve"})
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "create"
