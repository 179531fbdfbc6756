"""What a browser or a proxy may keep: nothing of a logged-in page or a private download."""

from __future__ import annotations

import pytest
from django.urls import reverse


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize(
    "url",
    [
        lambda policy: reverse("dashboard"),
        lambda policy: reverse("policy_review", args=[policy.pk]),
        lambda policy: reverse("policy_history", args=[policy.pk]),
        lambda policy: reverse("wizard_step", kwargs={"pk": policy.pk, "step": "conduct"}),
        lambda policy: reverse("policy_export", kwargs={"pk": policy.pk, "fmt": "md"}),
        lambda policy: reverse("policy_export", kwargs={"pk": policy.pk, "fmt": "docx"}),
        lambda policy: reverse("acknowledgement_register", args=[policy.pk]),
        lambda policy: reverse("acknowledgement_register_csv", args=[policy.pk]),
        lambda policy: reverse("healthz"),
        lambda policy: reverse("organisation_settings"),
    ],
    ids=[
        "dashboard",
        "review",
        "history",
        "step",
        "export-md",
        "export-docx",
        "register",
        "register-csv",
        "health-check",
        "organisation-settings",
    ],
)
def test_a_logged_in_page_is_private_and_not_stored(editor_client, policy, url):
    response = editor_client.get(url(policy))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_a_persons_data_export_is_private_and_not_stored(editor_client, policy):
    response = editor_client.post(
        reverse("person_export", args=[policy.pk]), {"email": "sanne@voorbeeldzorg.nl"}
    )
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_a_logged_in_error_page_is_private_and_not_stored(editor_client, db):
    response = editor_client.get(reverse("policy_review", args=[999_999]))
    assert response.status_code == 404
    assert {"private", "no-store"} <= cache_control(response)


def test_a_page_without_a_login_is_left_to_its_view(client, db):
    response = client.get(reverse("healthz"))
    assert "Cache-Control" not in response
    assert "Cookie" not in response.get("Vary", "")
