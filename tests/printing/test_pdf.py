"""The PDF: one A4 page with everything printed, the logo from the store, cached by content."""

from __future__ import annotations

import dataclasses
import datetime
import io
from unittest import mock

from django.core.cache import cache
from django.utils import translation
from pypdf import PdfReader

from tests.factories import PolicyFactory, give_logo, image_bytes
from wizard.models import Logo
from wizard.policies.blocks import BLOCKS
from wizard.policies.document import default_content, policy_document
from wizard.printing import (
    content_key,
    policy_pdf,
)
from wizard.printing import render as printing_render


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


# --- PDF ----------------------------------------------------------------------------------


def test_pdf_is_one_a4_page(policy):
    reader = PdfReader(io.BytesIO(policy_pdf(policy_document(policy))))
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 1
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_pdf_shows_title_organisation_dates_version_and_contact(policy):
    policy.effective_date = datetime.date(2027, 1, 1)
    policy.next_review_date = datetime.date(2028, 1, 1)
    policy.version_label = "2.1"
    text = pdf_text(policy_pdf(policy_document(policy)))
    assert "Social-mediabeleid" in text
    assert "VOORBEELD ZORG B.V." in text
    assert "Ingangsdatum: 1 januari 2027" in text
    assert "Versie 2.1" in text
    assert "Volgende herziening: 1 januari 2028" in text
    assert "sanne@example.org" in text


def test_pdf_footer_says_it_is_not_legal_advice(policy):
    text = " ".join(pdf_text(policy_pdf(policy_document(policy))).split())
    assert "geen juridisch advies" in text


def test_english_pdf_footer_says_it_is_not_legal_advice(organisation):
    policy = PolicyFactory(organisation=organisation, language="en", title="Social media policy")
    text = " ".join(pdf_text(policy_pdf(policy_document(policy))).split())
    assert "not legal advice" in text


def test_pdf_has_a_heading_for_each_block(policy):
    text = pdf_text(policy_pdf(policy_document(policy)))
    assert all(block.title["nl"] in text for block in BLOCKS)


def test_pdf_embeds_only_the_bundled_font_for_latin_text(policy):
    reader = PdfReader(io.BytesIO(policy_pdf(policy_document(policy))))
    fonts = {
        font.get_object()["/BaseFont"] for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts
    assert all("PolicyBuilder-Sans" in name for name in fonts)


def test_pdf_keeps_diacritics(policy):
    policy.organisation.name = "Coöperatie Één IJsselmeer U.A."
    policy.title = "Beleid één"
    text = pdf_text(policy_pdf(policy_document(policy)))
    assert "Coöperatie Één IJsselmeer U.A." in text
    assert "Beleid één" in text


def test_pdf_renders_emoji_without_error(policy):
    content = default_content()
    content["audience"]["own_text"] = "Wees aardig 😀👍🏽 ❤️ 👩‍💻 🇳🇱 en blijf jezelf."
    pdf = policy_pdf(policy_document(policy, content))
    assert page_count(pdf) == 1
    assert "blijf jezelf" in pdf_text(pdf)


def test_pdf_includes_the_organisation_logo(policy, organisation_with_logo):
    policy.organisation = organisation_with_logo
    reader = PdfReader(io.BytesIO(policy_pdf(policy_document(policy))))
    assert len(reader.pages[0].images) == 1


def test_logo_digest_not_in_the_store_prints_no_logo(policy):
    doc = dataclasses.replace(policy_document(policy), logo_digest="0" * 64)
    reader = PdfReader(io.BytesIO(policy_pdf(doc)))
    assert len(reader.pages[0].images) == 0


def test_logo_whose_bytes_do_not_match_their_digest_is_not_printed(policy, organisation_with_logo):
    Logo.objects.filter(pk=organisation_with_logo.logo_id).update(png=image_bytes(size=(9, 9)))
    policy.organisation = organisation_with_logo
    reader = PdfReader(io.BytesIO(policy_pdf(policy_document(policy))))
    assert len(reader.pages[0].images) == 0


def test_english_policy_has_english_headings_under_a_dutch_interface(organisation):
    policy = PolicyFactory(organisation=organisation, language="en", title="Social media policy")
    with translation.override("nl"):
        text = pdf_text(policy_pdf(policy_document(policy)))
    assert "Confidential information" in text
    assert "Vertrouwelijke informatie" not in text


def test_unchanged_policy_pdf_is_served_from_the_cache(policy):
    first = policy_pdf(policy_document(policy))
    with mock.patch.object(printing_render, "write_pdf", wraps=printing_render.write_pdf) as render:
        second = policy_pdf(policy_document(policy))
    assert render.call_count == 0
    assert second == first


def test_changed_policy_pdf_is_rendered_again(policy):
    policy_pdf(policy_document(policy))
    policy.title = "Nieuw beleid"
    with mock.patch.object(printing_render, "write_pdf", wraps=printing_render.write_pdf) as render:
        pdf = policy_pdf(policy_document(policy))
    assert render.call_count == 1
    assert "Nieuw beleid" in pdf_text(pdf)


def test_another_worker_finds_the_pdf_in_the_shared_cache(policy):
    first = policy_pdf(policy_document(policy))
    with mock.patch.object(printing_render, "write_pdf", wraps=printing_render.write_pdf) as render:
        second = policy_pdf(policy_document(policy))
    assert render.call_count == 0
    assert second == first


def test_pdf_cache_lives_in_the_shared_django_cache(policy):
    pdf = policy_pdf(policy_document(policy))
    key = f"policy-pdf:{content_key(policy_document(policy))}"
    assert cache.get(key) == pdf


def test_new_logo_changes_the_cache_key(policy, organisation_with_logo):
    policy.organisation = organisation_with_logo
    before = content_key(policy_document(policy))
    give_logo(organisation_with_logo, size=(300, 80), colour="#000000")
    assert content_key(policy_document(policy)) != before
