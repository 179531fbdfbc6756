"""Printing: a composed policy document as one A4 page, laid out by WeasyPrint.

Everything that prints lives here: the URL fetcher that lets WeasyPrint read only our static
files and the policy's stored logo (`fetcher`), the print template, stylesheet and fonts
(`styles`), the one-page fit (`fit`), and the cached fit, preview, PDF and standalone HTML
(`render`).
It takes a composed `wizard.policies.document.PolicyDocument` and sits below the policies
package: the preview, the exports and the staff page call the public functions named here.
"""

from wizard.printing.errors import ExportError, PolicyTooLarge, PolicyTooLong
from wizard.printing.fetcher import logo_image
from wizard.printing.fit import FIT_LEVELS, PageFit
from wizard.printing.render import (
    content_key,
    one_page_fit,
    page_fit,
    policy_html,
    policy_pdf,
    policy_preview,
)
from wizard.printing.styles import DEFAULT_BRAND_COLOUR, safe_brand_colour

__all__ = [
    "DEFAULT_BRAND_COLOUR",
    "FIT_LEVELS",
    "ExportError",
    "PageFit",
    "PolicyTooLarge",
    "PolicyTooLong",
    "content_key",
    "logo_image",
    "one_page_fit",
    "page_fit",
    "policy_html",
    "policy_pdf",
    "policy_preview",
    "safe_brand_colour",
]
