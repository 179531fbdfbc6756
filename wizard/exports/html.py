"""The policy as a standalone printable HTML page."""

from __future__ import annotations

import base64
import mimetypes

from django.template.loader import render_to_string

from wizard.policies.document import PolicyDocument
from wizard.policies.layout import (
    MAX_FETCHED_BYTES,
    PRINT_TEMPLATE,
    STYLESHEET,
    logo_file,
    measure_document,
    print_context,
    static_dir,
)


def _logo_data_uri(doc: PolicyDocument) -> str:
    logo = logo_file(doc)
    if logo is None or logo.stat().st_size > MAX_FETCHED_BYTES:
        return ""
    content_type = mimetypes.guess_type(logo.name)[0]
    if content_type not in ("image/png", "image/jpeg"):
        return ""
    return f"data:{content_type};base64,{base64.b64encode(logo.read_bytes()).decode('ascii')}"


def render_html(doc: PolicyDocument, *, fit_level: int | None = None) -> str:
    """A standalone printable page: print CSS inlined, logo embedded, no outside requests.

    It uses the PDF's fit level (measured unless given), so it prints much like the PDF; a
    browser falls back to its own fonts.
    """
    if fit_level is None:
        fit = measure_document(doc)
        fit_level = fit.level if fit.fits else 0
    context = print_context(doc, fit_level, _logo_data_uri(doc))
    context["print_css"] = (static_dir() / STYLESHEET).read_text(encoding="utf-8")
    return render_to_string(PRINT_TEMPLATE, context)
