"""The one-page fit: measured on the real layout, at smaller type when needed, bounded."""

from __future__ import annotations

import dataclasses
import io
import time
from unittest import mock

import pytest
from django.utils import translation
from pypdf import PdfReader

from tests.factories import with_own_text
from wizard.policies.blocks import BLOCKS
from wizard.policies.document import policy_document
from wizard.printing import (
    FIT_LEVELS,
    ExportError,
    PolicyTooLarge,
    PolicyTooLong,
    page_fit,
    policy_pdf,
)
from wizard.printing import fit as printing_fit


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


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
            if page_fit(doc).fits:
                low = middle
            else:
                high = middle
        _limits[memo_key] = low
    low = _limits[memo_key]
    return (
        policy_document(policy, with_own_text(policy, low * 100)),
        policy_document(policy, with_own_text(policy, (low + 1) * 100)),
    )


# --- Fit ----------------------------------------------------------------------------------


def test_default_policy_fits_at_the_normal_size_with_room_to_spare(policy):
    fit = page_fit(policy_document(policy))
    assert fit.fits
    assert fit.level == 0
    assert fit.percent <= 92


def test_measure_lists_all_six_blocks_longest_first(policy):
    content = with_own_text(policy, 500, keys=("productivity",))
    fit = page_fit(policy_document(policy, content))
    assert sorted(fit.longest) == sorted(block.key for block in BLOCKS)
    assert fit.longest[0] == "productivity"


def test_long_policy_fits_at_a_smaller_level_on_one_page(policy):
    doc = policy_document(policy, with_own_text(policy, 900))
    fit = page_fit(doc)
    pdf = policy_pdf(doc)
    assert fit.percent > 100
    assert fit.fits and fit.level > 0
    assert page_count(pdf) == 1


def test_policy_at_the_limit_is_one_page_at_the_smallest_level(policy):
    at_limit, _past_limit = longest_fitting_doc(policy)
    fit = page_fit(at_limit)
    assert fit.level == FIT_LEVELS[-1]
    assert page_count(policy_pdf(at_limit)) == 1


def test_policy_just_past_the_limit_is_refused_with_the_blocks_to_shorten(policy):
    _at_limit, past_limit = longest_fitting_doc(policy)
    with pytest.raises(PolicyTooLong) as refused:
        policy_pdf(past_limit)
    assert set(refused.value.longest[:2]) == {"conduct", "audience"}


def test_over_long_policy_names_the_longest_blocks_in_the_interface_language(policy):
    doc = policy_document(policy, with_own_text(policy, 5000, keys=("confidential",)))
    with translation.override("en"), pytest.raises(PolicyTooLong) as refused:
        policy_pdf(doc)
    assert refused.value.longest[0] == "confidential"
    assert "“Confidential information”" in refused.value.message
    assert "one A4 page" in refused.value.message


def test_measure_reports_an_over_long_policy_as_not_fitting(policy):
    fit = page_fit(policy_document(policy, with_own_text(policy, 5000)))
    assert not fit.fits
    assert fit.level == FIT_LEVELS[-1]
    assert fit.percent > 130


def test_measure_is_answered_from_the_cache_for_unchanged_content(policy):
    doc = policy_document(policy)
    page_fit(doc)
    with mock.patch.object(printing_fit, "layout", wraps=printing_fit.layout) as laid_out:
        page_fit(policy_document(policy))
    assert laid_out.call_count == 0


def test_measure_lays_out_again_when_the_content_changes(policy):
    page_fit(policy_document(policy))
    with mock.patch.object(printing_fit, "layout", wraps=printing_fit.layout) as laid_out:
        page_fit(policy_document(policy, with_own_text(policy, 100)))
    assert laid_out.call_count >= 1


# --- Bounds -------------------------------------------------------------------------------


def test_ten_megabyte_field_is_refused_quickly_without_layout(policy):
    doc = dataclasses.replace(policy_document(policy), intro="x" * 10_000_000)
    started = time.monotonic()
    with (
        translation.override("en"),
        mock.patch.object(printing_fit, "layout") as laid_out,
        pytest.raises(PolicyTooLarge) as refused,
    ):
        policy_pdf(doc)
    assert time.monotonic() - started < 2
    assert laid_out.call_count == 0
    assert "one A4 page" in refused.value.message


def test_sixty_kilobytes_of_newlines_is_refused_quickly_without_layout(policy):
    doc = policy_document(policy)
    section = dataclasses.replace(doc.sections[0], paragraphs=("a\n" * 30_000,))
    doc = dataclasses.replace(doc, sections=(section, *doc.sections[1:]))
    started = time.monotonic()
    with mock.patch.object(printing_fit, "layout") as laid_out, pytest.raises(PolicyTooLarge):
        policy_pdf(doc)
    assert time.monotonic() - started < 2
    assert laid_out.call_count == 0


def test_many_short_lines_under_the_character_bound_are_still_refused(policy):
    doc = policy_document(policy)
    section = dataclasses.replace(doc.sections[0], paragraphs=("a\n" * 2_000,))
    doc = dataclasses.replace(doc, sections=(section, *doc.sections[1:]))
    with pytest.raises(PolicyTooLarge):
        policy_pdf(doc)


def test_measure_reports_an_oversize_document_as_not_fitting_without_layout(policy):
    doc = dataclasses.replace(policy_document(policy), title="x" * 100_000)
    with mock.patch.object(printing_fit, "layout") as laid_out:
        fit = page_fit(doc)
    assert not fit.fits
    assert laid_out.call_count == 0


def test_layout_past_the_time_bound_is_a_clear_error(policy, settings):
    settings.POLICY_RENDER_TIMEOUT_SECONDS = -1  # every layout is already too late
    with translation.override("en"), pytest.raises(ExportError) as refused:
        policy_pdf(policy_document(policy))
    assert "took too long" in refused.value.message


def test_measure_past_the_time_bound_reports_not_fitting_instead_of_failing(policy, settings):
    settings.POLICY_RENDER_TIMEOUT_SECONDS = -1
    fit = page_fit(policy_document(policy))
    assert not fit.fits
