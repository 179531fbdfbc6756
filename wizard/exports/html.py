"""The policy as a standalone printable HTML page."""

from __future__ import annotations

import base64

from django.template.loader import render_to_string

from wizard.policies.document import PolicyDocument
from wizard.policies.layout import (
    MAX_FETCHED_BYTES,
    PRINT_TEMPLATE,
    STYLESHEET,
    logo_image,
    measure_document,
    print_context,
    static_dir,
)


def _logo_data_uri(doc: PolicyDocument) -> str:
    # Always a PNG we encoded ourselves (wizard.organisations.logos), read from the database.
    logo = logo_image(doc)
    if logo is None or len(logo.png) > MAX_FETCHED_BYTES:
        return ""
    return f"data:image/png;base64,{base64.b64encode(logo.png).decode('ascii')}"


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
