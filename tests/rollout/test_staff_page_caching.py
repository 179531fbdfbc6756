"""The staff page and its PDF are the same for everyone: a revisit is answered 304."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import publish_new_version
from wizard.rollout import services


def page_url(policy) -> str:
    return reverse("published_policy", kwargs={"token": policy.share_token})


def pdf_url(policy) -> str:
    return reverse("published_policy_pdf", kwargs={"token": policy.share_token})


def test_a_revisit_of_the_staff_page_is_not_modified(client, published):
    first = client.get(page_url(published))
    again = client.get(page_url(published), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_the_staff_page_is_revalidated_each_time(client, published):
    response = client.get(page_url(published))
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" not in response["Cache-Control"]
    assert response["Last-Modified"]


def test_a_first_visit_reads_one_row(client, published, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(page_url(published))
    assert response.status_code == 200
    assert response["ETag"]


def test_a_revisit_is_answered_without_composing_the_page(
    client, published, django_assert_num_queries
):
    etag = client.get(page_url(published))["ETag"]
    with django_assert_num_queries(1):
        assert client.get(page_url(published), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_staff_page_in_another_language_is_another_page(client, published):
    dutch = client.get(page_url(published), HTTP_ACCEPT_LANGUAGE="nl")
    english = client.get(
        page_url(published), HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=dutch["ETag"]
    )
    assert english.status_code == 200
    assert english["ETag"] != dutch["ETag"]


def test_a_revoked_link_is_gone_on_a_revisit(client, published, editor):
    url = page_url(published)
    etag = client.get(url)["ETag"]
    services.policy_share_link_revoke(policy=published, user=editor)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_a_new_version_is_a_new_page_under_the_same_link(client, published, editor):
    etag = client.get(page_url(published))["ETag"]
    newer = publish_new_version(published, editor, own_text="Een nieuwe regel voor iedereen.")
    response = client.get(page_url(newer), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_a_revisit_of_the_pdf_is_not_modified(client, published, django_assert_num_queries):
    first = client.get(pdf_url(published))
    assert first["ETag"] == f'"{published.publication.pdf_sha256}"'
    with django_assert_num_queries(1):
        again = client.get(pdf_url(published), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_member_with_a_session_gets_no_validator(editor_client, published):
    response = editor_client.get(page_url(published))
    assert response.status_code == 200
    assert not response.has_header("ETag")
