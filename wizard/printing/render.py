"""The printed policy: its page fit, its PDF, its preview and its standalone HTML.

A layout costs ~60 ms, so the page fit and the PDF bytes are kept in the shared (default) cache
under plain keys, `policy-fit:<hash>` and `policy-pdf:<hash>`, where the hash is of the composed
document itself (the input of the layout, which names the logo by its digest) and of the print
files. The preview's body HTML of a saved policy is kept beside its fit, `policy-preview:<hash>`,
and read with it in the same round trip: the step and review pages then render no policy text
(the live preview's drafts are rendered, not kept).
"""

from __future__ import annotations

import hashlib
import logging
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from wizard.printing.errors import ExportError, too_long
from wizard.printing.fit import (
    PageFit,
    check_bounds,
    estimated_fit,
    fit_document,
    layout,
    write_pdf,
)
from wizard.printing.styles import files_fingerprint, preview_body, standalone_html

if TYPE_CHECKING:
    from weasyprint.document import Document

    from wizard.policies.document import PolicyDocument

logger = logging.getLogger(__name__)


def content_key(doc: PolicyDocument) -> str:
    """A hash of everything that decides the rendered page."""
    # The document is frozen dataclasses of strings, tuples and one dict built in a fixed
    # order, so its repr names every value unambiguously (and costs a fraction of asdict);
    # the logo is in it as the digest of its PNG.
    canonical = "\x1f".join([repr(doc), files_fingerprint()])
    return hashlib.sha256(canonical.encode()).hexdigest()


def _cache_get(key: str):
    # The cache only saves work: if it is unreachable printing still works, just slower.
    try:
        return cache.get(key)
    except Exception:
        logger.exception("Export cache unavailable for get")
        return None


def _cache_get_many(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except Exception:
        logger.exception("Export cache unavailable for get")
        return {}


def _cache_set(key: str, value) -> None:
    try:
        cache.set(key, value)
    except Exception:
        logger.exception("Export cache unavailable for set")


def _fit_from(cached) -> PageFit | None:
    """The fit kept in the cache, or None for none (or a value not of this code's shape)."""
    if not isinstance(cached, tuple) or len(cached) != 4:
        return None
    percent, fits, level, longest = cached
    return PageFit(percent=percent, fits=fits, level=level, longest=tuple(longest))


def _cached_fit(key: str) -> PageFit | None:
    return _fit_from(_cache_get(f"policy-fit:{key}"))


def _measured_fit(doc: PolicyDocument, key: str) -> tuple[PageFit, Document | None]:
    """Lay `doc` out to find its fit, and keep the fit."""
    fit, document = fit_document(doc)
    _cache_set(f"policy-fit:{key}", (fit.percent, fit.fits, fit.level, fit.longest))
    return fit, document


def _fit_of(doc: PolicyDocument, key: str, cached) -> PageFit:
    """The `cached` fit of `doc`, else its measured fit; an estimate if its layout ran out of
    time."""
    fit = _fit_from(cached)
    if fit is None:
        try:
            fit, _document = _measured_fit(doc, key)
        except ExportError:
            return estimated_fit(doc)
    return fit


def page_fit(doc: PolicyDocument) -> PageFit:
    """How full the one A4 page is, measured on the real print template (cached by content).

    A document beyond the hard input bounds, or one whose layout ran out of time, is reported
    as not fitting with an estimate of its size (exporting it raises the error instead), so the
    live preview never fails.
    """
    try:
        check_bounds(doc)
    except ExportError:
        return estimated_fit(doc)
    key = content_key(doc)
    return _fit_of(doc, key, _cache_get(f"policy-fit:{key}"))


def policy_preview(doc: PolicyDocument, *, keep: bool = True) -> tuple[PageFit, SafeString]:
    """The page fit (as `page_fit`) and the preview's body HTML of `doc`, both read from the
    shared cache in one round trip; with `keep`, a body rendered here is kept for the next
    page. The live preview passes keep=False: a draft's body is rarely shown twice, and would
    push out what is expensive to make again."""
    try:
        check_bounds(doc)
    except ExportError:
        return estimated_fit(doc), preview_body(doc)
    key = content_key(doc)
    # The body is made of the document alone (see styles.preview_body), so the document's
    # content key is its key too.
    fit_key, body_key = f"policy-fit:{key}", f"policy-preview:{key}"
    cached = _cache_get_many([fit_key, body_key])
    fit = _fit_of(doc, key, cached.get(fit_key))
    body = cached.get(body_key)
    if isinstance(body, str):
        # Kept as a plain string by the branch below, from our autoescaping template.
        return fit, mark_safe(body)  # noqa: S308 - rendered by preview_body's template
    body = preview_body(doc)
    if keep:
        _cache_set(body_key, str(body))
    return fit, body


def one_page_fit(doc: PolicyDocument) -> PageFit:
    """The fit of a policy that is one page; raises ExportError (with what to shorten) if not."""
    check_bounds(doc)
    fit = page_fit(doc)
    if not fit.fits:
        raise too_long(doc, fit.longest, fit.percent)
    return fit


def _one_page(doc: PolicyDocument, key: str) -> Document:
    """Exactly one A4 page at the first fit level that holds the whole policy."""
    fit = _cached_fit(key)
    if fit is not None and not fit.fits:
        raise too_long(doc, fit.longest, fit.percent)
    if fit is not None:
        document = layout(doc, fit.level)
        if len(document.pages) == 1:
            return document
    # No fit kept, or a stale one: lay out again.
    fit, document = _measured_fit(doc, key)
    # Never a second page, whatever happened above.
    if document is None or len(document.pages) != 1:
        raise too_long(doc, fit.longest, fit.percent)
    return document


def policy_pdf(doc: PolicyDocument) -> bytes:
    """The policy's one-page PDF, from the shared cache when its content has not changed;
    raises ExportError (with what to shorten) for a policy that is not one page."""
    check_bounds(doc)
    key = content_key(doc)
    pdf = _cache_get(f"policy-pdf:{key}")
    if not isinstance(pdf, bytes):
        pdf = write_pdf(_one_page(doc, key))
        _cache_set(f"policy-pdf:{key}", pdf)
    return pdf


def policy_html(doc: PolicyDocument) -> str:
    """The policy as a standalone printable page at the PDF's fit level; raises ExportError
    (with what to shorten) for a policy that is not one page."""
    return standalone_html(doc, one_page_fit(doc).level)
