"""The print template, its stylesheet and bundled fonts, and the HTML they print from.

WeasyPrint only ever sees our own template, our stylesheet, our bundled fonts and the
organisation's logo: user text is escaped by the template and never reaches CSS, except the
brand colour, re-checked here as a strict #rrggbb.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from weasyprint import CSS
from weasyprint import __version__ as WEASYPRINT_VERSION
from weasyprint.text.fonts import FontConfiguration

from wizard.printing.fetcher import MAX_FETCHED_BYTES, URL_FETCHER, logo_image, static_dir

if TYPE_CHECKING:
    from wizard.policies.document import PolicyDocument

# Raise when a change here alters the output, so cached PDFs and fits are not served again.
RENDERER_VERSION = "2"

STYLESHEET = "css/print.css"
FONT_FACES = (
    ("PolicyBuilder Sans", "fonts/NotoSans-Regular.ttf", "normal", "normal"),
    ("PolicyBuilder Sans", "fonts/NotoSans-Bold.ttf", "bold", "normal"),
    ("PolicyBuilder Sans", "fonts/NotoSans-Italic.ttf", "normal", "italic"),
    ("PolicyBuilder Emoji", "fonts/NotoEmoji-Regular.ttf", "normal", "normal"),
)
PRINT_TEMPLATE = "print/policy.html"
PREVIEW_TEMPLATE = "print/_policy_body.html"
PRINT_TEMPLATE_FILES = (
    "print/policy.html",
    "print/_policy_body.html",
    "print/_policy_text.html",
)

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")
DEFAULT_BRAND_COLOUR = "#1f5f8b"


def safe_brand_colour(value: str) -> str:
    # The colour reaches the print CSS: only a strict hex value ever gets there.
    return value if isinstance(value, str) and _HEX_COLOUR.match(value) else DEFAULT_BRAND_COLOUR


def files_fingerprint() -> str:
    """Changes whenever the template, the stylesheet or a font changes. Files change only
    with a deploy, which restarts the workers, so outside DEBUG each process reads them once."""
    return _read_files_fingerprint() if settings.DEBUG else _files_fingerprint_once()


@functools.cache
def _files_fingerprint_once() -> str:
    return _read_files_fingerprint()


def _read_files_fingerprint() -> str:
    paths = [static_dir() / STYLESHEET, *(static_dir() / font for _f, font, _w, _s in FONT_FACES)]
    paths += [Path(settings.BASE_DIR) / "templates" / name for name in PRINT_TEMPLATE_FILES]
    parts = [RENDERER_VERSION, WEASYPRINT_VERSION]
    for path in paths:
        with contextlib.suppress(OSError):
            stat = path.stat()
            parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def font_faces_css() -> str:
    rules = []
    for family, font, weight, style in FONT_FACES:
        url = (static_dir() / font).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("{url}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


# Parsing the stylesheet and loading the fonts into Fontconfig costs more than laying out the
# page, so each thread keeps one parsed set (WeasyPrint objects are not shared across threads).
_thread_state = threading.local()


def stylesheets() -> tuple[FontConfiguration, list[CSS]]:
    """This thread's parsed stylesheets and fonts, parsed again when a print file changed."""
    fingerprint = files_fingerprint()
    state = getattr(_thread_state, "stylesheets", None)
    if state is None or state[0] != fingerprint:
        font_config = FontConfiguration()
        sheets = [
            CSS(string=font_faces_css(), url_fetcher=URL_FETCHER, font_config=font_config),
            CSS(
                filename=static_dir() / STYLESHEET,
                url_fetcher=URL_FETCHER,
                font_config=font_config,
            ),
        ]
        state = (fingerprint, font_config, sheets)
        _thread_state.stylesheets = state
    return state[1], state[2]


def print_html(doc: PolicyDocument, level: int, logo_src: str, print_css: str = "") -> str:
    """The print template at one fit level (with the stylesheet inlined when given)."""
    context = {
        "doc": doc,
        "fit_level": level,
        "brand_colour": safe_brand_colour(doc.brand_colour),
        "logo_src": logo_src,
    }
    if print_css:
        context["print_css"] = print_css
    return render_to_string(PRINT_TEMPLATE, context)


def preview_body(doc: PolicyDocument) -> SafeString:
    """The policy's body as the app's preview shows it: headings one level down (in_app), the
    logo from its URL in the app.

    Made of `doc` alone, so the cache keeps it under the document's content key: the logo's URL
    is `doc.logo_url`, and the body templates translate nothing (their words are `doc.labels`,
    in the policy's own language), so the interface language does not change them.
    """
    return render_to_string(
        PREVIEW_TEMPLATE, {"doc": doc, "logo_src": doc.logo_url, "in_app": True}
    )


def _logo_data_uri(doc: PolicyDocument) -> str:
    # Always a PNG we encoded ourselves (wizard.organisations.logos), read from the database.
    logo = logo_image(doc)
    if logo is None or len(logo.png) > MAX_FETCHED_BYTES:
        return ""
    return f"data:image/png;base64,{base64.b64encode(logo.png).decode('ascii')}"


def standalone_html(doc: PolicyDocument, level: int) -> str:
    """A standalone printable page: print CSS inlined, logo embedded, no outside requests.
    At the PDF's fit level it prints much like the PDF; a browser falls back to its own fonts."""
    print_css = (static_dir() / STYLESHEET).read_text(encoding="utf-8")
    return print_html(doc, level, _logo_data_uri(doc), print_css)
