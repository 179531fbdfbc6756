"""Export: Word, Markdown, file names and downloads; each format refuses what is not one page."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from tests.factories import PolicyFactory, with_own_text
from wizard.exports import formats
from wizard.exports import markdown as markdown_export
from wizard.exports import word as word_export
from wizard.models import AuditEvent, Policy
from wizard.policies.blocks import BLOCKS
from wizard.policies.document import default_content, policy_document


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


# --- HTML, Word, Markdown -----------------------------------------------------------------


def test_word_export_carries_the_logo_from_the_store(policy, organisation_with_logo):
    policy.organisation = organisation_with_logo
    word = WordDocument(io.BytesIO(word_export.render_docx(policy_document(policy))))
    assert len(word.inline_shapes) == 1


def test_word_export_has_title_and_a_heading_two_per_block(policy):
    word = WordDocument(io.BytesIO(word_export.render_docx(policy_document(policy))))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    titles = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert titles == ["Social-mediabeleid"]
    assert headings == [block.title["nl"] for block in BLOCKS]


def test_word_export_has_the_same_paragraphs_as_the_pdf(policy):
    doc = policy_document(policy)
    word = WordDocument(io.BytesIO(word_export.render_docx(doc)))
    texts = [p.text for p in word.paragraphs]
    assert all(paragraph in texts for s in doc.sections for paragraph in s.paragraphs)
    assert doc.contact_line in texts


def test_word_export_sets_title_and_language(organisation):
    policy = PolicyFactory(organisation=organisation, language="en", title="Social media policy")
    word = WordDocument(io.BytesIO(word_export.render_docx(policy_document(policy))))
    assert word.core_properties.title == "Social media policy"
    assert word.core_properties.language == "en-GB"


def test_word_export_drops_characters_xml_cannot_hold(policy):
    doc = dataclasses.replace(policy_document(policy), title="Beleid\x00\x0b één")
    word = WordDocument(io.BytesIO(word_export.render_docx(doc)))
    assert word.core_properties.title == "Beleid één"


def test_markdown_export_has_the_same_headings(policy):
    markdown = markdown_export.render_markdown(policy_document(policy))
    assert markdown.startswith("# Social-mediabeleid\n")
    assert all(f"## {block.title['nl']}" in markdown for block in BLOCKS)


def test_markdown_export_escapes_links_and_html(policy):
    policy.title = "[klik hier](https://evil.example) <img src=x onerror=alert(1)>"
    markdown = markdown_export.render_markdown(policy_document(policy))
    assert "[klik hier](" not in markdown
    assert re.search(r"(?<!\\)<img", markdown) is None
    assert "\\[klik hier\\]\\(https://evil.example\\)" in markdown


def test_markdown_export_escapes_list_and_heading_starts(policy):
    content = default_content()
    content["audience"]["own_text"] = "# geen kop\n- geen lijst\n1. ook geen lijst"
    markdown = markdown_export.render_markdown(policy_document(policy, content))
    assert "\\# geen kop\\\n\\- geen lijst\\\n1\\. ook geen lijst" in markdown


# --- File names ---------------------------------------------------------------------------


def test_file_name_is_organisation_title_and_date(policy):
    with mock.patch.object(formats.timezone, "localdate", return_value=datetime.date(2026, 11, 25)):
        name = formats.export_filename(policy, "pdf")
    assert name == "voorbeeld-zorg-bv_social-mediabeleid_2026-11-25.pdf"


@pytest.mark.parametrize(
    "hostile",
    ['"; rm -rf /', "a\nb\rc", "../../etc/passwd", "\u202eRTL\u200fmark", "één/twee\\drie"],
)
def test_file_name_is_safe_ascii_for_any_name(policy, hostile):
    policy.organisation.name = hostile
    policy.title = hostile
    name = formats.export_filename(policy, "docx")
    assert name.isascii()
    assert not set(name) & set("\"'/\\\n\r ")
    assert name.endswith(".docx")


def test_file_name_is_never_empty_and_at_most_100_characters(policy):
    policy.organisation.name = "مؤسسة"
    policy.title = "x" * 500
    name = formats.export_filename(policy, "pdf")
    assert name.startswith("organisation_")
    assert len(name) <= 100


# --- Downloads ----------------------------------------------------------------------------


def export_url(policy, fmt):
    return reverse("policy_export", kwargs={"pk": policy.pk, "fmt": fmt})


def test_download_pdf_is_an_attachment_with_a_safe_name(editor_client, policy):
    response = editor_client.get(export_url(policy, "pdf"))
    data = response.content
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="voorbeeld-zorg-bv_')
    assert page_count(data) == 1


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("html", "text/html; charset=utf-8"),
        ("md", "text/markdown; charset=utf-8"),
    ],
)
def test_download_other_formats(editor_client, policy, fmt, content_type):
    response = editor_client.get(export_url(policy, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert f'.{fmt}"' in response["Content-Disposition"]


def test_download_records_an_audit_event(editor_client, policy, editor):
    editor_client.get(export_url(policy, "md"))
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.policy, event.actor, event.detail) == (policy, editor, "md")


def test_reviewer_may_download(client, reviewer, policy):
    client.force_login(reviewer)
    assert client.get(export_url(policy, "md")).status_code == 200


def test_unknown_format_is_not_found(editor_client, policy):
    assert editor_client.get(export_url(policy, "exe")).status_code == 404


def test_outsider_cannot_download(client, outsider, policy):
    client.force_login(outsider)
    assert client.get(export_url(policy, "pdf")).status_code == 404


def test_anonymous_user_is_sent_to_log_in(client, policy):
    response = client.get(export_url(policy, "pdf"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_download_only_answers_get(editor_client, policy):
    assert editor_client.post(export_url(policy, "pdf")).status_code == 405


def test_too_long_policy_goes_back_to_review_with_a_message(editor_client, policy):
    # Every block within its form's limits, together far more than one page.
    policy.content = with_own_text(policy, 6 * 500, keys=[block.key for block in BLOCKS])
    policy.save()
    response = editor_client.get(export_url(policy, "pdf"), HTTP_ACCEPT_LANGUAGE="en")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert response.status_code == 302
    assert response["Location"] == reverse("policy_review", kwargs={"pk": policy.pk})
    assert "Shorten these blocks" in messages[0]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_incomplete_policy_goes_back_to_review_with_a_message(editor_client, policy):
    Policy.objects.filter(pk=policy.pk).update(incomplete_steps=["social_media"])
    response = editor_client.get(export_url(policy, "docx"), HTTP_ACCEPT_LANGUAGE="en")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert response["Location"] == reverse("policy_review", kwargs={"pk": policy.pk})
    assert "“What social media are”" in messages[0]


def test_message_follows_the_interface_language_not_the_policy(editor_client, organisation):
    policy = PolicyFactory(organisation=organisation, language="en")
    Policy.objects.filter(pk=policy.pk).update(incomplete_steps=["social_media"])
    response = editor_client.get(export_url(policy, "pdf"), HTTP_ACCEPT_LANGUAGE="nl")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "“Wat social media zijn”" in messages[0]
