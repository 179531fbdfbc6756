"""HR's side of a round: the staff link with a copy button, its QR code, a ready announcement,
and each published policy's progress on the dashboard."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import acknowledge
from wizard.rollout.models import StaffMember


def register_page(client, policy) -> str:
    return client.get(
        reverse("acknowledgement_register", args=[policy.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()


def test_the_register_gives_the_staff_link_with_a_copy_button(editor_client, published):
    page = register_page(editor_client, published)
    assert f"/p/{published.share_token}/" in page
    assert 'data-copy="staff-link"' in page


def test_the_register_shows_the_qr_code_as_an_image_of_ours(editor_client, published):
    page = register_page(editor_client, published)
    assert f'src="{reverse("staff_link_qr", args=[published.pk])}"' in page


def test_the_qr_code_is_an_svg(editor_client, published):
    response = editor_client.get(reverse("staff_link_qr", args=[published.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_the_qr_code_is_not_for_outsiders(client, outsider, published):
    client.force_login(outsider)
    assert client.get(reverse("staff_link_qr", args=[published.pk])).status_code == 404


def test_the_announcement_is_ready_in_dutch_and_english(editor_client, published):
    page = register_page(editor_client, published)
    assert "Beste collega" in page
    assert "Dear colleagues," in page
    assert page.count(f"/p/{published.share_token}/") >= 3


def test_the_register_page_has_no_inline_script_or_style(editor_client, published):
    page = register_page(editor_client, published)
    assert "<script>" not in page
    assert " style=" not in page


@pytest.fixture
def staff_of_two(published):
    for email in ("sanne@voorbeeldzorg.nl", "piet@voorbeeldzorg.nl"):
        StaffMember.objects.create(organisation=published.organisation, name=email, email=email)


def test_the_dashboard_shows_a_published_policys_progress(editor_client, published, staff_of_two):
    acknowledge(published)
    page = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 of 2 confirmed" in page
    assert reverse("acknowledgement_register", args=[published.pk]) in page


def test_the_dashboard_counts_only_people_on_the_staff_list(editor_client, published, staff_of_two):
    acknowledge(published, email="someone.else@voorbeeldzorg.nl")
    page = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "0 of 2 confirmed" in page


def test_the_dashboard_progress_moves_when_someone_confirms(editor_client, published, staff_of_two):
    editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    acknowledge(published)
    page = editor_client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 of 2 confirmed" in page
