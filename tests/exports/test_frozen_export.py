"""A published version exports as it was published, not as it would be composed today."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import publish


def test_the_pdf_export_of_a_published_policy_is_the_stored_pdf(
    editor_client, policy, editor, organisation
):
    published = publish(policy, editor)
    organisation.name = "Andere Naam B.V."
    organisation.save()
    response = editor_client.get(reverse("policy_export", args=[published.pk, "pdf"]))
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data == bytes(published.publication.pdf)


def test_the_markdown_export_of_a_published_policy_keeps_the_published_details(
    editor_client, policy, editor, organisation
):
    organisation.privacy_contact_name = "Pieter Bakker"
    organisation.save()
    published = publish(policy, editor)
    organisation.privacy_contact_name = "Iemand Anders"
    organisation.save()
    response = editor_client.get(reverse("policy_export", args=[published.pk, "md"]))
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Pieter Bakker" in data.decode()
    assert "Iemand Anders" not in data.decode()
