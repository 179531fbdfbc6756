"""The policy as one A4 page of PDF, kept in the shared cache while its content is the same."""

from __future__ import annotations

from wizard.policies.document import PolicyDocument, policy_document
from wizard.policies.layout import (
    cache_get,
    cache_set,
    check_bounds,
    content_key,
    fit_document,
    fit_from_cache,
    fit_to_cache,
    layout,
    too_long,
    write_pdf,
)


def render_pdf(doc: PolicyDocument) -> bytes:
    """Exactly one A4 page at the first fit level that holds the whole policy."""
    check_bounds(doc)
    key = content_key(doc)
    fit = fit_from_cache(key)
    document = None
    if fit is not None:
        if not fit.fits:
            raise too_long(fit.longest, fit.percent)
        document = layout(doc, fit.level)
        if len(document.pages) != 1:  # pragma: no cover - a stale fit; measure again
            document = None
    if document is None:
        fit, document = fit_document(doc)
        fit_to_cache(key, fit)
        if not fit.fits or document is None:
            raise too_long(fit.longest, fit.percent)
    if len(document.pages) != 1:  # never write a second page, whatever happened above
        raise too_long(fit.longest, fit.percent)
    return write_pdf(document)


def policy_export_pdf(policy) -> bytes:
    """The policy's PDF, from the shared cache when its content has not changed."""
    doc = policy_document(policy)
    check_bounds(doc)
    cache_key = f"policy-pdf:{content_key(doc)}"
    pdf = cache_get(cache_key)
    if not isinstance(pdf, bytes):
        pdf = render_pdf(doc)
        cache_set(cache_key, pdf)
    return pdf
