"""Export: one A4 page of PDF that fits or says what to shorten, Word, HTML, Markdown, downloads."""

from __future__ import annotations

import dataclasses
import datetime
import io
import re
import time
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from docx import Document as WordDocument
from pypdf import PdfReader

from tests.factories import PolicyFactory, give_logo, image_bytes
from wizard.exports import formats
from wizard.exports import html as html_export
from wizard.exports import markdown as markdown_export
from wizard.exports import pdf as pdf_export
from wizard.exports import word as word_export
from wizard.models import AuditEvent, Logo
from wizard.policies import layout
from wizard.policies.blocks import BLOCKS
from wizard.policies.document import DEFAULT_BRAND_COLOUR, default_content, policy_document

SENTENCE = "Dit is een voorbeeldzin over verstandig en respectvol gebruik van social media. "


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def with_own_text(policy, chars: int, keys=("conduct", "audience")) -> dict:
    """The policy's content with `chars` characters of extra own words spread over `keys`."""
    content = default_content()
    share = chars // len(keys)
    for key in keys:
        content[key]["own_text"] = (SENTENCE * (share // len(SENTENCE) + 1))[:share].strip()
    return content


_limits: dict[tuple, int] = {}


def longest_fitting_doc(policy):
    """Grow the own text in steps of 100 characters to the last length that still fits.

    Returns the document at that length and the one 100 characters past it.
    """
    memo_key = (policy.organisation.name, policy.title, policy.language)
    if memo_key not in _limits:  # the search takes seconds; both limit tests share it
        low, high = 0, 80  # hundreds of characters; 8,000 extra never fits
        while high - low > 1:
            middle = (low + high) // 2
            doc = policy_document(policy, with_own_text(policy, middle * 100))
            if layout.measure_document(doc).fits:
                low = middle
            else:
                high = middle
        _limits[memo_key] = low
    low = _limits[memo_key]
    return (
        policy_document(policy, with_own_text(policy, low * 100)),
        policy_document(policy, with_own_text(policy, (low + 1) * 100)),
    )


@pytest.fixture
def organisation_with_logo(organisation):
    give_logo(organisation, size=(240, 80), colour="#c0392b")
    return organisation


# --- Fit ----------------------------------------------------------------------------------


def test_default_policy_fits_at_the_normal_size_with_room_to_spare(policy):
    fit = layout.measure_document(policy_document(policy))
    assert fit.fits
    assert fit.level == 0
    assert fit.percent <= 92


def test_measure_lists_all_six_blocks_longest_first(policy):
    content = with_own_text(policy, 500, keys=("productivity",))
    fit = layout.measure_document(policy_document(policy, content))
    assert sorted(fit.longest) == sorted(block.key for block in BLOCKS)
    assert fit.longest[0] == "productivity"


def test_long_policy_fits_at_a_smaller_level_on_one_page(policy):
    doc = policy_document(policy, with_own_text(policy, 900))
    fit = layout.measure_document(doc)
    pdf = pdf_export.render_pdf(doc)
    assert fit.percent > 100
    assert fit.fits and fit.level > 0
    assert page_count(pdf) == 1


def test_policy_at_the_limit_is_one_page_at_the_smallest_level(policy):
    at_limit, _past_limit = longest_fitting_doc(policy)
    fit = layout.measure_document(at_limit)
    assert fit.level == layout.FIT_LEVELS[-1]
    assert page_count(pdf_export.render_pdf(at_limit)) == 1


def test_policy_just_past_the_limit_is_refused_with_the_blocks_to_shorten(policy):
    _at_limit, past_limit = longest_fitting_doc(policy)
    with pytest.raises(layout.PolicyTooLong) as refused:
        pdf_export.render_pdf(past_limit)
    assert set(refused.value.longest[:2]) == {"conduct", "audience"}


def test_over_long_policy_names_the_longest_blocks_in_the_interface_language(policy):
    doc = policy_document(policy, with_own_text(policy, 5000, keys=("confidential",)))
    with translation.override("en"), pytest.raises(layout.PolicyTooLong) as refused:
        pdf_export.render_pdf(doc)
    assert refused.value.longest[0] == "confidential"
    assert "“Confidential information”" in refused.value.message
    assert "one A4 page" in refused.value.message


def test_measure_reports_an_over_long_policy_as_not_fitting(policy):
    fit = layout.measure_document(policy_document(policy, with_own_text(policy, 5000)))
    assert not fit.fits
    assert fit.level == layout.FIT_LEVELS[-1]
    assert fit.percent > 130


def test_measure_is_answered_from_the_cache_for_unchanged_content(policy):
    doc = policy_document(policy)
    layout.measure_document(doc)
    with mock.patch.object(layout, "layout", wraps=layout.layout) as laid_out:
        layout.measure_document(policy_document(policy))
    assert laid_out.call_count == 0


def test_measure_lays_out_again_when_the_content_changes(policy):
    layout.measure_document(policy_document(policy))
    with mock.patch.object(layout, "layout", wraps=layout.layout) as laid_out:
        layout.measure_document(policy_document(policy, with_own_text(policy, 100)))
    assert laid_out.call_count >= 1


# --- Bounds -------------------------------------------------------------------------------


def test_ten_megabyte_field_is_refused_quickly_without_layout(policy):
    doc = dataclasses.replace(policy_document(policy), intro="x" * 10_000_000)
    started = time.monotonic()
    with (
        translation.override("en"),
        mock.patch.object(layout, "layout") as laid_out,
        pytest.raises(layout.PolicyTooLarge) as refused,
    ):
        pdf_export.render_pdf(doc)
    assert time.monotonic() - started < 2
    assert laid_out.call_count == 0
    assert "one A4 page" in refused.value.message


def test_sixty_kilobytes_of_newlines_is_refused_quickly_without_layout(policy):
    doc = policy_document(policy)
    section = dataclasses.replace(doc.sections[0], paragraphs=("a\n" * 30_000,))
    doc = dataclasses.replace(doc, sections=(section, *doc.sections[1:]))
    started = time.monotonic()
    with mock.patch.object(layout, "layout") as laid_out, pytest.raises(layout.PolicyTooLarge):
        pdf_export.render_pdf(doc)
    assert time.monotonic() - started < 2
    assert laid_out.call_count == 0


def test_many_short_lines_under_the_character_bound_are_still_refused(policy):
    doc = policy_document(policy)
    section = dataclasses.replace(doc.sections[0], paragraphs=("a\n" * 2_000,))
    doc = dataclasses.replace(doc, sections=(section, *doc.sections[1:]))
    with pytest.raises(layout.PolicyTooLarge):
        pdf_export.render_pdf(doc)


def test_measure_reports_an_oversize_document_as_not_fitting_without_layout(policy):
    doc = dataclasses.replace(policy_document(policy), title="x" * 100_000)
    with mock.patch.object(layout, "layout") as laid_out:
        fit = layout.measure_document(doc)
    assert not fit.fits
    assert laid_out.call_count == 0


def test_layout_past_the_time_bound_is_a_clear_error(policy, settings):
    settings.POLICY_RENDER_TIMEOUT_SECONDS = -1  # every layout is already too late
    with translation.override("en"), pytest.raises(layout.ExportError) as refused:
        pdf_export.render_pdf(policy_document(policy))
    assert "took too long" in refused.value.message


def test_measure_past_the_time_bound_reports_not_fitting_instead_of_failing(policy, settings):
    settings.POLICY_RENDER_TIMEOUT_SECONDS = -1
    fit = layout.measure_document(policy_document(policy))
    assert not fit.fits


# --- PDF ----------------------------------------------------------------------------------


def test_pdf_is_one_a4_page(policy):
    reader = PdfReader(io.BytesIO(pdf_export.render_pdf(policy_document(policy))))
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 1
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_pdf_shows_title_organisation_dates_version_and_contact(policy):
    policy.effective_date = datetime.date(2027, 1, 1)
    policy.next_review_date = datetime.date(2028, 1, 1)
    policy.version_label = "2.1"
    text = pdf_text(pdf_export.render_pdf(policy_document(policy)))
    assert "Social-mediabeleid" in text
    assert "VOORBEELD ZORG B.V." in text
    assert "Ingangsdatum: 1 januari 2027" in text
    assert "Versie 2.1" in text
    assert "Volgende herziening: 1 januari 2028" in text
    assert "sanne@example.org" in text


def test_pdf_has_a_heading_for_each_block(policy):
    text = pdf_text(pdf_export.render_pdf(policy_document(policy)))
    assert all(block.title["nl"] in text for block in BLOCKS)


def test_pdf_embeds_only_the_bundled_font_for_latin_text(policy):
    reader = PdfReader(io.BytesIO(pdf_export.render_pdf(policy_document(policy))))
    fonts = {
        font.get_object()["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts
    assert all("PolicyBuilder-Sans" in name for name in fonts)


def test_pdf_keeps_diacritics(policy):
    policy.organisation.name = "Coöperatie Één IJsselmeer U.A."
    policy.title = "Beleid één"
    text = pdf_text(pdf_export.render_pdf(policy_document(policy)))
    assert "Coöperatie Één IJsselmeer U.A." in text
    assert "Beleid één" in text


def test_pdf_renders_emoji_without_error(policy):
    content = default_content()
    content["audience"]["own_text"] = "Wees aardig 😀👍🏽 ❤️ 👩‍💻 🇳🇱 en blijf jezelf."
    pdf = pdf_export.render_pdf(policy_document(policy, content))
    assert page_count(pdf) == 1
    assert "blijf jezelf" in pdf_text(pdf)


def test_pdf_includes_the_organisation_logo(policy, organisation_with_logo):
    policy.organisation = organisation_with_logo
    reader = PdfReader(io.BytesIO(pdf_export.render_pdf(policy_document(policy))))
    assert len(reader.pages[0].images) == 1


def test_logo_digest_not_in_the_store_prints_no_logo(policy):
    doc = dataclasses.replace(policy_document(policy), logo_digest="0" * 64)
    reader = PdfReader(io.BytesIO(pdf_export.render_pdf(doc)))
    assert len(reader.pages[0].images) == 0


def test_logo_whose_bytes_do_not_match_their_digest_is_not_printed(policy, organisation_with_logo):
    Logo.objects.filter(pk=organisation_with_logo.logo_id).update(png=image_bytes(size=(9, 9)))
    policy.organisation = organisation_with_logo
    reader = PdfReader(io.BytesIO(pdf_export.render_pdf(policy_document(policy))))
    assert len(reader.pages[0].images) == 0


def test_english_policy_has_english_headings_under_a_dutch_interface(organisation):
    policy = PolicyFactory(organisation=organisation, language="en", title="Social media policy")
    with translation.override("nl"):
        text = pdf_text(pdf_export.policy_export_pdf(policy))
    assert "Confidential information" in text
    assert "Vertrouwelijke informatie" not in text


def test_unchanged_policy_pdf_is_served_from_the_cache(policy):
    first = pdf_export.policy_export_pdf(policy)
    with mock.patch.object(pdf_export, "render_pdf", wraps=pdf_export.render_pdf) as render:
        second = pdf_export.policy_export_pdf(policy)
    assert render.call_count == 0
    assert second == first


def test_changed_policy_pdf_is_rendered_again(policy):
    pdf_export.policy_export_pdf(policy)
    policy.title = "Nieuw beleid"
    with mock.patch.object(pdf_export, "render_pdf", wraps=pdf_export.render_pdf) as render:
        pdf = pdf_export.policy_export_pdf(policy)
    assert render.call_count == 1
    assert "Nieuw beleid" in pdf_text(pdf)


def test_another_worker_finds_the_pdf_in_the_shared_cache(policy):
    first = pdf_export.policy_export_pdf(policy)
    with mock.patch.object(pdf_export, "render_pdf", wraps=pdf_export.render_pdf) as render:
        second = pdf_export.policy_export_pdf(policy)
    assert render.call_count == 0
    assert second == first


def test_pdf_cache_lives_in_the_shared_django_cache(policy):
    pdf = pdf_export.policy_export_pdf(policy)
    key = f"policy-pdf:{layout.content_key(policy_document(policy))}"
    assert cache.get(key) == pdf


def test_new_logo_changes_the_cache_key(policy, organisation_with_logo):
    policy.organisation = organisation_with_logo
    before = layout.content_key(policy_document(policy))
    give_logo(organisation_with_logo, size=(300, 80), colour="#000000")
    assert layout.content_key(policy_document(policy)) != before


# --- HTML, Word, Markdown -----------------------------------------------------------------


def test_html_export_is_a_standalone_page_with_inline_css(policy, organisation_with_logo):
    policy.organisation = organisation_with_logo
    html = html_export.render_html(policy_document(policy))
    assert html.startswith("<!DOCTYPE html>")
    assert ".policy-section-heading" in html
    assert "<link" not in html
    assert 'src="data:image/png;base64,' in html


def test_word_export_carries_the_logo_from_the_store(policy, organisation_with_logo):
    policy.organisation = organisation_with_logo
    word = WordDocument(io.BytesIO(word_export.render_docx(policy_document(policy))))
    assert len(word.inline_shapes) == 1


def test_html_export_escapes_user_text(policy):
    policy.title = '<script>alert("x")</script>'
    html = html_export.render_html(policy_document(policy))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_html_export_uses_the_policy_language(policy):
    html = html_export.render_html(policy_document(policy))
    assert '<html lang="nl"' in html
    assert all(block.title["nl"] in html for block in BLOCKS)


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
    with mock.patch("wizard.exports.views.incomplete_blocks", return_value=["social_media"]):
        response = editor_client.get(export_url(policy, "docx"), HTTP_ACCEPT_LANGUAGE="en")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert response["Location"] == reverse("policy_review", kwargs={"pk": policy.pk})
    assert "“What social media are”" in messages[0]


def test_message_follows_the_interface_language_not_the_policy(editor_client, organisation):
    policy = PolicyFactory(organisation=organisation, language="en")
    with mock.patch("wizard.exports.views.incomplete_blocks", return_value=["social_media"]):
        response = editor_client.get(export_url(policy, "pdf"), HTTP_ACCEPT_LANGUAGE="nl")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "“Wat social media zijn”" in messages[0]


def test_brand_colour_reaches_the_print_template_only_as_hex(policy):
    policy.organisation.brand_colour = "#8B1F4A"
    html = html_export.render_html(policy_document(policy))
    assert "--policy-brand: #8B1F4A;" in html


def test_invalid_brand_colour_falls_back_to_the_default(policy):
    doc = dataclasses.replace(policy_document(policy), brand_colour="red; background:url(http://x)")
    assert layout.brand_colour(doc) == DEFAULT_BRAND_COLOUR
