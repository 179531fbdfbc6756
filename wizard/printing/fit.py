"""The one-page fit: lay the print template out with WeasyPrint and count the pages.

The fit is measured, not guessed, so the live preview's page meter, the review page and every
export agree on what fits. A policy that does not fit even at the smallest allowed type size is
refused with the blocks to shorten, never truncated or spilled onto a second page.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from weasyprint import HTML

from wizard.printing.errors import too_large, too_slow
from wizard.printing.fetcher import URL_FETCHER, logo_image
from wizard.printing.styles import print_html, stylesheets

if TYPE_CHECKING:
    from weasyprint.document import Document

    from wizard.policies.document import PolicyDocument

# Hard bounds, far beyond one page (about 5,000 characters or 70 lines fit at the smallest
# size): anything larger is refused before WeasyPrint sees it, so a huge or hostile input can
# never keep a worker busy laying out hundreds of pages.
MAX_DOCUMENT_CHARS = 20_000
MAX_DOCUMENT_LINES = 400

# Fit levels are classes on <html> in print.css: fit-0 is the normal 10 pt, fit-4 the
# readable minimum of 9 pt with tight spacing and margins.
FIT_LEVELS = (0, 1, 2, 3, 4)
# Rough height of the same text at each level relative to fit-0, only used to pick the first
# level worth laying out; every decision is confirmed by a real layout.
FIT_LEVEL_DENSITY = (1.0, 0.94, 0.9, 0.84, 0.77)
# Beyond this estimate at the smallest level the policy cannot fit: skip the layouts.
HOPELESS_PERCENT = 115


@dataclass(frozen=True)
class PageFit:
    percent: int  # how full one A4 page is at the normal type size; may exceed 100
    fits: bool  # fits on one page at some allowed fit level
    level: int  # the fit level that fits (0 = normal), or the smallest level if none does
    longest: tuple[str, ...]  # block keys, longest first (all of them, by rendered height)


def layout(doc: PolicyDocument, level: int) -> Document:
    """Lay out the print template at one fit level; returns WeasyPrint's Document."""
    logo = logo_image(doc)
    html = print_html(doc, level, logo.url if logo else "")
    font_config, sheets = stylesheets()
    with URL_FETCHER.allowing_logo(logo):
        document = HTML(string=html, url_fetcher=URL_FETCHER).render(
            stylesheets=sheets, font_config=font_config, presentational_hints=False
        )
    # Our template has no <link rel="attachment">; make sure nothing is ever embedded anyway.
    document.metadata.attachments = []
    return document


def write_pdf(document: Document) -> bytes:
    # Tagged PDF/UA-1: a structure tree for screen readers, with the <title> as the document
    # title and the <html lang> as its language.
    return document.write_pdf(attachments=None, pdf_forms=False, pdf_variant="pdf/ua-1")


def _used_percent(document: Document) -> int:
    """Pages before the last count 100% each; the last one by the bottom of its content.

    On the last page nothing is split, so the root box is exactly as tall as its content
    (on a page that continues, WeasyPrint stretches split boxes to the page bottom).
    """
    page = document.pages[-1]._page_box
    root = page.children[0]  # the <html> box; the margin boxes (footer) follow it
    used = root.position_y + root.margin_height() - page.content_box_y()
    fraction = used / page.height if page.height else 1
    return (len(document.pages) - 1) * 100 + max(1, math.ceil(fraction * 100 - 0.001))


def _section_heights(document: Document) -> dict[str, float]:
    heights: dict[str, float] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            if box.element_tag != "section" or box.element is None:
                continue
            element_id = box.element.get("id", "")
            if element_id.startswith("policy-section-"):
                key = element_id.removeprefix("policy-section-")
                heights[key] = heights.get(key, 0) + box.margin_height()
    return heights


def _longest_first(doc: PolicyDocument, heights: dict[str, float]) -> tuple[str, ...]:
    order = sorted(
        doc.sections,
        key=lambda section: (heights.get(section.key, 0), section.char_count),
        reverse=True,
    )
    return tuple(section.key for section in order)


def document_size(doc: PolicyDocument) -> tuple[int, int]:
    """Characters and lines (paragraphs, headings and line breaks) of all text in `doc`."""
    texts = [
        doc.title,
        doc.organisation_name,
        doc.intro,
        doc.effective_date,
        doc.version_label,
        doc.contact_person,
        doc.contact_email,
        doc.next_review_date,
        *doc.labels.values(),
    ]
    chars = sum(len(text) for text in texts)
    lines = sum(text.count("\n") for text in texts) + 8
    for section in doc.sections:
        chars += len(section.heading) + section.char_count
        lines += 1 + len(section.paragraphs) + section.heading.count("\n")
        lines += sum(paragraph.count("\n") for paragraph in section.paragraphs)
    return chars, lines


def check_bounds(doc: PolicyDocument) -> None:
    """Raise PolicyTooLarge beyond the hard bounds on input, before any layout."""
    chars, lines = document_size(doc)
    if chars > MAX_DOCUMENT_CHARS or lines > MAX_DOCUMENT_LINES:
        raise too_large(doc, chars, lines)


def estimated_fit(doc: PolicyDocument) -> PageFit:
    """A not-fitting answer from the text size alone, for documents that were not laid out."""
    chars, lines = document_size(doc)
    longest = tuple(s.key for s in sorted(doc.sections, key=lambda s: s.char_count, reverse=True))
    percent = max(101, chars * 100 // 4000, lines * 100 // 80)
    return PageFit(percent=percent, fits=False, level=FIT_LEVELS[-1], longest=longest)


def fit_document(doc: PolicyDocument) -> tuple[PageFit, Document | None]:
    """Find the first fit level at which `doc` is one page: (PageFit, Document or None)."""
    started = time.monotonic()
    layouts: dict[int, Document] = {}

    def one_page_at(level: int) -> Document | None:
        if level not in layouts:
            if time.monotonic() - started > settings.POLICY_RENDER_TIMEOUT_SECONDS:
                raise too_slow()
            layouts[level] = layout(doc, level)
        document = layouts[level]
        return document if len(document.pages) == 1 else None

    one_page_at(0)
    normal = layouts[0]
    percent = _used_percent(normal)
    longest = _longest_first(doc, _section_heights(normal))
    if len(normal.pages) == 1:
        return PageFit(percent, True, 0, longest), normal

    smallest = FIT_LEVELS[-1]
    if percent * FIT_LEVEL_DENSITY[smallest] > HOPELESS_PERCENT:
        return PageFit(percent, False, smallest, longest), None

    # Start at the first level the estimate allows, then confirm by layout in both directions.
    level = next((lv for lv in FIT_LEVELS[1:] if percent * FIT_LEVEL_DENSITY[lv] <= 100), smallest)
    if one_page_at(level):
        while level - 1 > 0 and one_page_at(level - 1):
            level -= 1
        return PageFit(percent, True, level, longest), layouts[level]
    for bigger in FIT_LEVELS[level + 1 :]:
        if one_page_at(bigger):
            return PageFit(percent, True, bigger, longest), layouts[bigger]
    return PageFit(percent, False, smallest, longest), None
