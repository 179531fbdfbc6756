"""The published page for staff at an unguessable, revocable link."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wizard.models import AuditEvent, Policy
from wizard.policies import services as policy_services
from wizard.review import workflow
from wizard.rollout import services as rollout

Status = Policy.Status


@pytest.fixture
def published(policy, editor):
    Policy.objects.filter(pk=policy.pk).update(status=Status.APPROVED)
    policy.refresh_from_db()
    workflow.policy_publish(policy=policy, user=editor)
    policy.refresh_from_db()
    return policy


def page_url(policy: Policy) -> str:
    return reverse("published_policy", kwargs={"token": policy.share_token})


def test_staff_read_the_published_policy_without_logging_in(client, published):
    response = client.get(page_url(published))
    assert response.status_code == 200
    assert published.title in response.content.decode()


def test_the_published_page_is_revalidated_and_not_indexed(client, published):
    response = client.get(page_url(published))
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_wrong_token_is_404(client, published):
    assert client.get(reverse("published_policy", kwargs={"token": "x" * 43})).status_code == 404


def test_a_revoked_link_stops_working(client, published, editor):
    old = page_url(published)
    rollout.policy_share_link_revoke(policy=published, user=editor)
    assert client.get(old).status_code == 404


def test_a_new_link_replaces_the_old_one(client, published, editor):
    old = page_url(published)
    rollout.policy_share_link_create(policy=published, user=editor)
    published.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(page_url(published)).status_code == 200


def test_an_archived_policy_is_no_longer_shown(client, published, editor):
    old = page_url(published)
    workflow.policy_archive(policy=published, user=editor)
    assert client.get(old).status_code == 404


def test_the_link_keeps_showing_the_published_version_while_a_new_one_is_drafted(
    client, published, editor
):
    draft = policy_services.policy_new_version(policy=published, user=editor)
    Policy.objects.filter(pk=draft.pk).update(title="Nieuw concept")
    response = client.get(page_url(published))
    assert "Nieuw concept" not in response.content.decode()


def test_the_link_shows_the_new_version_once_it_is_published(client, published, editor):
    link = page_url(published)
    draft = policy_services.policy_new_version(policy=published, user=editor)
    Policy.objects.filter(pk=draft.pk).update(title="Versie twee", status=Status.APPROVED)
    draft.refresh_from_db()
    workflow.policy_publish(policy=draft, user=editor)
    assert "Versie twee" in client.get(link).content.decode()


def test_a_reviewer_cannot_revoke_the_link(published, reviewer):
    with pytest.raises(PermissionDenied):
        rollout.policy_share_link_revoke(policy=published, user=reviewer)


def test_only_a_published_policy_gets_a_link(policy, editor):
    with pytest.raises(PermissionDenied) as excinfo:
        rollout.policy_share_link_create(policy=policy, user=editor)
    assert str(excinfo.value) == str(rollout.SHARE_NEEDS_PUBLISHED)


def test_the_editor_revokes_the_link_from_the_review_page(editor_client, published):
    response = editor_client.post(reverse("policy_share_revoke", args=[published.pk]))
    assert response.status_code == 302
    assert Policy.objects.get(pk=published.pk).share_token == ""


def test_revoking_the_link_asks_first_and_a_get_changes_nothing(editor_client, published):
    token = published.share_token
    response = editor_client.get(
        reverse("policy_share_revoke", args=[published.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Revoke the staff link?" in response.content.decode()
    assert Policy.objects.get(pk=published.pk).share_token == token


def test_replacing_the_link_asks_first_and_a_get_changes_nothing(editor_client, published):
    token = published.share_token
    response = editor_client.get(
        reverse("policy_share", args=[published.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Replace the staff link?" in response.content.decode()
    assert "personal links" in response.content.decode()
    assert Policy.objects.get(pk=published.pk).share_token == token


def test_without_a_link_there_is_nothing_to_replace(editor_client, published):
    Policy.objects.filter(pk=published.pk).update(share_token="")
    response = editor_client.get(reverse("policy_share", args=[published.pk]))
    assert response["Location"] == reverse("policy_review", args=[published.pk])
    assert Policy.objects.get(pk=published.pk).share_token == ""


def test_a_reviewer_is_not_asked_to_revoke_the_link(client, published, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("policy_share_revoke", args=[published.pk]))
    assert response.status_code == 403


def test_the_staff_pdf_is_one_page_and_is_recorded(client, published):
    response = client.get(reverse("published_policy_pdf", kwargs={"token": published.share_token}))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(policy=published, action="export", actor=None).exists()
