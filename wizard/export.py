"""The policy as files: one A4 page of PDF, a Word document, a printable HTML page, Markdown.

Every format starts from a `PolicyDocument` (composed once, in the policy's own language) and
shows the same content. The PDF is laid out by WeasyPrint from the real print template; its fit
on one page is measured, not guessed, and a policy that does not fit even at the smallest
allowed type size is refused with the blocks to shorten, never truncated or spilled onto a
second page.

WeasyPrint only ever sees our own template, our stylesheet, our bundled fonts and the
organisation's logo: user text is escaped by the template and never reaches CSS, and the one
shared `URL_FETCHER` refuses every other URL.
"""

from __future__ import annotations

import base64
import contextlib
import contextvars
import hashlib
import io
import logging
import math
import mimetypes
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext
from weasyprint import CSS, HTML
from weasyprint import __version__ as WEASYPRINT_VERSION
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from wizard.blocks import BLOCKS_BY_KEY
from wizard.document import DEFAULT_BRAND_COLOUR, PolicyDocument, text_in

logger = logging.getLogger(__name__)

# Raise when a change here alters the output, so cached PDFs and fits are not served again.
RENDERER_VERSION = "1"

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

MAX_FETCHED_BYTES = 4 * 1024 * 1024
STYLESHEET = "css/print.css"
FONT_FACES = (
    ("PolicyBuilder Sans", "fonts/NotoSans-Regular.ttf", "normal", "normal"),
    ("PolicyBuilder Sans", "fonts/NotoSans-Bold.ttf", "bold", "normal"),
    ("PolicyBuilder Sans", "fonts/NotoSans-Italic.ttf", "normal", "italic"),
    ("PolicyBuilder Emoji", "fonts/NotoEmoji-Regular.ttf", "normal", "normal"),
)
PRINT_TEMPLATE = "print/policy.html"
PRINT_TEMPLATE_FILES = ("print/policy.html", "print/_policy_body.html")

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\Z")


# --- Errors -------------------------------------------------------------------------------


class ExportError(Exception):
    """An export that cannot be made; `message` is for the user, in the interface language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PolicyTooLong(ExportError):
    """Does not fit on one A4 page even at the smallest allowed type size."""

    def __init__(self, message: str, longest: tuple[str, ...]):
        super().__init__(message)
        self.longest = longest


class PolicyTooLarge(ExportError):
    """Beyond the hard bounds on input; refused before any layout."""


def block_titles(keys: tuple[str, ...] | list[str]) -> str:
    """Block titles in the interface language, quoted and joined for a message."""
    language = (get_language() or "nl")[:2]
    titles = [f"“{text_in(BLOCKS_BY_KEY[key].title, language)}”" for key in keys]
    return ", ".join(titles)


def _too_long(longest: tuple[str, ...], percent: int) -> PolicyTooLong:
    to_shorten = longest[:3]
    message = gettext(
        "The policy does not fit on one A4 page, even at the smallest type size: it fills "
        "%(percent)s%% of a page at the normal size. Shorten these blocks: %(blocks)s."
    ) % {"percent": percent, "blocks": block_titles(to_shorten)}
    return PolicyTooLong(message, to_shorten)


# --- The URL fetcher ----------------------------------------------------------------------


class RefusedURL(ValueError):
    """WeasyPrint logs this and renders without the resource."""


class PolicyURLFetcher(URLFetcher):
    """Serves our own static files and the logo of the policy being rendered; nothing else.

    No network, no redirects, no `file:` outside the static folder: a URL that reached the
    renderer through some mistake can neither read the server's files nor probe the network.
    """

    def __init__(self) -> None:
        super().__init__(timeout=2, allowed_protocols=("file",), allow_redirects=False)
        self._logo: contextvars.ContextVar[Path | None] = contextvars.ContextVar(
            "policy_logo", default=None
        )

    @contextlib.contextmanager
    def allowing_logo(self, logo: Path | None) -> Iterator[None]:
        """Allow exactly this (already checked) logo file while the block runs."""
        token = self._logo.set(logo)
        try:
            yield
        finally:
            self._logo.reset(token)

    def allowed_path(self, url: str) -> Path | None:
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        raw = unquote(parts.path)
        if "\x00" in raw or ".." in raw.split("/"):
            return None
        try:
            # resolve() follows symlinks, so a link pointing out of the folder is caught below.
            real = Path(raw).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not real.is_file():
            return None
        if real.is_relative_to(static_dir()):
            return real
        logo = self._logo.get()
        if logo is not None and real == logo:
            return real
        return None

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.allowed_path(url)
        if path is None or path.stat().st_size > MAX_FETCHED_BYTES:
            logger.warning("PDF renderer refused URL %r", url[:200])
            raise RefusedURL(f"Refused URL: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def static_dir() -> Path:
    return Path(settings.STATICFILES_DIRS[0]).resolve()


def logo_dir() -> Path:
    return (Path(settings.MEDIA_ROOT) / "logos").resolve()


URL_FETCHER = PolicyURLFetcher()


# --- Print template and stylesheets -------------------------------------------------------


_fingerprint: str | None = None


def _files_fingerprint() -> str:
    """Changes whenever the template, the stylesheet or a font changes.

    Files change only with a deploy, which restarts the workers, so outside DEBUG each process
    reads them once."""
    global _fingerprint
    if _fingerprint is not None and not settings.DEBUG:
        return _fingerprint
    _fingerprint = _read_files_fingerprint()
    return _fingerprint


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


def _stylesheets() -> tuple[FontConfiguration, list[CSS]]:
    fingerprint = _files_fingerprint()
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


def brand_colour(doc: PolicyDocument) -> str:
    # The only value of a policy that reaches CSS: a strict #rrggbb or the default.
    value = doc.brand_colour
    return value if isinstance(value, str) and _HEX_COLOUR.match(value) else DEFAULT_BRAND_COLOUR


def logo_file(doc: PolicyDocument) -> Path | None:
    """The organisation's uploaded logo, if it really is a file in the logo folder."""
    if not doc.logo_path:
        return None
    try:
        path = (Path(settings.MEDIA_ROOT) / doc.logo_path).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if not path.is_file() or not path.is_relative_to(logo_dir()):
        return None
    return path


def _print_context(doc: PolicyDocument, level: int, logo_src: str) -> dict:
    return {
        "doc": doc,
        "fit_level": level,
        "brand_colour": brand_colour(doc),
        "logo_src": logo_src,
    }


def _layout(doc: PolicyDocument, level: int):
    """Lay out the print template at one fit level; returns WeasyPrint's Document."""
    logo = logo_file(doc)
    html = render_to_string(
        PRINT_TEMPLATE, _print_context(doc, level, logo.as_uri() if logo else "")
    )
    font_config, stylesheets = _stylesheets()
    with URL_FETCHER.allowing_logo(logo):
        document = HTML(string=html, url_fetcher=URL_FETCHER).render(
            stylesheets=stylesheets, font_config=font_config, presentational_hints=False
        )
    # Our template has no <link rel="attachment">; make sure nothing is ever embedded anyway.
    document.metadata.attachments = []
    return document


def _write_pdf(document) -> bytes:
    return document.write_pdf(attachments=None, pdf_forms=False)


# --- Measuring ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageFit:
    percent: int  # how full one A4 page is at the normal type size; may exceed 100
    fits: bool  # fits on one page at some allowed fit level
    level: int  # the fit level that fits (0 = normal), or the smallest level if none does
    longest: tuple[str, ...]  # block keys, longest first (all of them, by rendered height)


def _used_percent(document) -> int:
    """Pages before the last count 100% each; the last one by the bottom of its content.

    On the last page nothing is split, so the root box is exactly as tall as its content
    (on a page that continues, WeasyPrint stretches split boxes to the page bottom).
    """
    page = document.pages[-1]._page_box
    root = page.children[0]  # the <html> box; the margin boxes (footer) follow it
    used = root.position_y + root.margin_height() - page.content_box_y()
    fraction = used / page.height if page.height else 1
    return (len(document.pages) - 1) * 100 + max(1, math.ceil(fraction * 100 - 0.001))


def _section_heights(document) -> dict[str, float]:
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
    chars, lines = document_size(doc)
    if chars > MAX_DOCUMENT_CHARS or lines > MAX_DOCUMENT_LINES:
        by_length = tuple(
            s.key for s in sorted(doc.sections, key=lambda s: s.char_count, reverse=True)
        )
        raise PolicyTooLarge(
            gettext(
                "This policy is far too long for one A4 page (%(chars)s characters in "
                "%(lines)s lines), so it was not laid out. Shorten these blocks: %(blocks)s."
            )
            % {"chars": chars, "lines": lines, "blocks": block_titles(by_length[:3])}
        )


def content_key(doc: PolicyDocument) -> str:
    """A fingerprint of everything that decides the rendered page."""
    logo = logo_file(doc)
    logo_identity = ""
    if logo is not None:
        stat = logo.stat()
        logo_identity = f"{logo.name}:{stat.st_size}:{stat.st_mtime_ns}"
    # The document is frozen dataclasses of strings, tuples and one dict built in a fixed
    # order, so its repr names every value unambiguously (and costs a fraction of asdict).
    canonical = "\x1f".join([repr(doc), logo_identity, _files_fingerprint()])
    return hashlib.sha256(canonical.encode()).hexdigest()


def _cache_get(key: str):
    # The cache only saves work: if it is unreachable the export still works, just slower.
    try:
        return cache.get(key)
    except Exception:
        logger.exception("Export cache unavailable for get")
        return None


def _cache_set(key: str, value) -> None:
    try:
        cache.set(key, value)
    except Exception:
        logger.exception("Export cache unavailable for set")


def _fit_cache_key(key: str) -> str:
    return f"policy-fit:{key}"


# Fits are small and keyed by content, so each process also keeps the latest ones in memory and
# asks the shared cache only for the others.
_local_fits: OrderedDict[str, PageFit] = OrderedDict()
_local_fits_lock = threading.Lock()
LOCAL_FITS_SIZE = 4096


def _remember_fit(key: str, fit: PageFit) -> None:
    with _local_fits_lock:
        _local_fits[key] = fit
        _local_fits.move_to_end(key)
        while len(_local_fits) > LOCAL_FITS_SIZE:
            _local_fits.popitem(last=False)


def clear_local_fits() -> None:
    """Forget what this process keeps in memory: page fits and PDFs."""
    with _local_fits_lock:
        _local_fits.clear()
    _local_pdfs.clear()


def _fit_from_cache(key: str) -> PageFit | None:
    fit = _local_fits.get(key)
    if fit is not None:
        return fit
    cached = _cache_get(_fit_cache_key(key))
    if not isinstance(cached, tuple) or len(cached) != 4:
        return None
    percent, fits, level, longest = cached
    fit = PageFit(percent=percent, fits=fits, level=level, longest=tuple(longest))
    _remember_fit(key, fit)
    return fit


def _fit_to_cache(key: str, fit: PageFit) -> None:
    _remember_fit(key, fit)
    _cache_set(_fit_cache_key(key), (fit.percent, fit.fits, fit.level, fit.longest))


def _check_time(started: float) -> None:
    if time.monotonic() - started > settings.POLICY_RENDER_TIMEOUT_SECONDS:
        raise ExportError(
            gettext("Laying out the policy took too long. Shorten the text and try again.")
        )


def _fit(doc: PolicyDocument):
    """Find the first fit level at which `doc` is one page: (PageFit, Document or None)."""
    started = time.monotonic()
    layouts: dict[int, object] = {}

    def one_page_at(level: int):
        if level not in layouts:
            _check_time(started)
            layouts[level] = _layout(doc, level)
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


def _estimated_fit(doc: PolicyDocument) -> PageFit:
    """A not-fitting answer from the text size alone, for documents that were not laid out."""
    chars, lines = document_size(doc)
    longest = tuple(s.key for s in sorted(doc.sections, key=lambda s: s.char_count, reverse=True))
    percent = max(101, chars * 100 // 4000, lines * 100 // 80)
    return PageFit(percent=percent, fits=False, level=FIT_LEVELS[-1], longest=longest)


def measure_document(doc: PolicyDocument, key: str | None = None) -> PageFit:
    """How full the one A4 page is, measured on the real print template (cached by content).

    A document beyond the hard input bounds, or one whose layout ran out of time, is reported
    as not fitting with an estimate of its size (exporting it raises the error instead), so the
    live preview never fails.
    """
    try:
        check_bounds(doc)
    except PolicyTooLarge:
        return _estimated_fit(doc)
    key = key or content_key(doc)
    fit = _fit_from_cache(key)
    if fit is None:
        try:
            fit, _document = _fit(doc)
        except ExportError:
            return _estimated_fit(doc)
        _fit_to_cache(key, fit)
    return fit


# --- PDF ----------------------------------------------------------------------------------


def render_pdf(doc: PolicyDocument) -> bytes:
    """Exactly one A4 page at the first fit level that holds the whole policy."""
    check_bounds(doc)
    key = content_key(doc)
    fit = _fit_from_cache(key)
    document = None
    if fit is not None:
        if not fit.fits:
            raise _too_long(fit.longest, fit.percent)
        document = _layout(doc, fit.level)
        if len(document.pages) != 1:  # pragma: no cover - a stale fit; measure again
            document = None
    if document is None:
        fit, document = _fit(doc)
        _fit_to_cache(key, fit)
        if not fit.fits or document is None:
            raise _too_long(fit.longest, fit.percent)
    if len(document.pages) != 1:  # never write a second page, whatever happened above
        raise _too_long(fit.longest, fit.percent)
    return _write_pdf(document)


def policy_export_pdf(policy) -> bytes:
    """The policy's PDF, from the shared cache when its content has not changed."""
    from wizard.document import policy_document

    doc = policy_document(policy)
    check_bounds(doc)
    cache_key = f"policy-pdf:{content_key(doc)}"
    pdf = _local_pdfs.get(cache_key)
    if pdf is not None:
        return pdf
    pdf = _cache_get(cache_key)
    if not isinstance(pdf, bytes):
        pdf = render_pdf(doc)
        _cache_set(cache_key, pdf)
    _local_pdfs.put(cache_key, pdf)
    return pdf


class _BytesLRU:
    """The latest PDFs of this process, up to `limit` bytes in all, keyed by content."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.items: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: str, value: bytes) -> None:
        if len(value) > self.limit:
            return
        with self.lock:
            if key in self.items:
                return
            self.items[key] = value
            self.size += len(value)
            while self.size > self.limit:
                _old_key, old = self.items.popitem(last=False)
                self.size -= len(old)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


# A PDF from the shared cache still costs a database round trip of ~100 KB; the ones this
# worker served lately are kept in memory too (8 MB at most).
_local_pdfs = _BytesLRU(8 * 1024 * 1024)


# --- HTML ---------------------------------------------------------------------------------


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
    context = _print_context(doc, fit_level, _logo_data_uri(doc))
    context["print_css"] = (static_dir() / STYLESHEET).read_text(encoding="utf-8")
    return render_to_string(PRINT_TEMPLATE, context)


# --- Word ---------------------------------------------------------------------------------

# Characters XML 1.0 cannot hold; python-docx refuses them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("", value)


def _meta_line(doc: PolicyDocument) -> str:
    parts = []
    if doc.effective_date:
        parts.append(f"{doc.labels['effective_date']}: {doc.effective_date}")
    if doc.version_label:
        parts.append(f"{doc.labels['version']} {doc.version_label}")
    return " · ".join(parts)


def _review_line(doc: PolicyDocument) -> str:
    if not doc.next_review_date:
        return ""
    return f"{doc.labels['next_review']}: {doc.next_review_date}"


WORD_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}


def render_docx(doc: PolicyDocument) -> bytes:
    """A Word document HR can edit: the same content, with real Heading 1 and 2 styles."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.image.exceptions import UnrecognizedImageError
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from docx.shared import Cm, Pt, RGBColor

    brand = RGBColor.from_string(brand_colour(doc)[1:].upper())
    grey = RGBColor(0x5B, 0x65, 0x70)
    language = WORD_LANGUAGES.get(doc.language, "nl-NL")
    word = Document()

    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin, section.bottom_margin = Cm(1.7), Cm(1.8)

    # Spelling and grammar checks in the policy's language.
    run_defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    run_properties = run_defaults.find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)

    normal = word.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 20), ("Heading 2", 12)):
        style = word.styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = brand if name == "Heading 2" else RGBColor(0x1D, 0x23, 0x2A)
        style.paragraph_format.space_before = Pt(10 if name == "Heading 2" else 2)
        style.paragraph_format.space_after = Pt(3)

    logo = logo_file(doc)
    if logo is not None:
        with contextlib.suppress(UnrecognizedImageError, OSError, ValueError):
            word.add_picture(str(logo), height=Cm(1.5))

    organisation = word.add_paragraph()
    run = organisation.add_run(_xml_text(doc.organisation_name).upper())
    run.bold = True
    run.font.size = Pt(8.5)
    run.font.color.rgb = brand
    organisation.paragraph_format.space_after = Pt(0)

    word.add_heading(_xml_text(doc.title), level=1)
    if meta := _meta_line(doc):
        run = word.add_paragraph().add_run(_xml_text(meta))
        run.font.size = Pt(9)
        run.font.color.rgb = grey
    if doc.intro:
        word.add_paragraph().add_run(_xml_text(doc.intro)).italic = True

    for policy_section in doc.sections:
        word.add_heading(_xml_text(policy_section.heading), level=2)
        for paragraph in policy_section.paragraphs:
            # python-docx turns "\n" into a line break within the paragraph.
            word.add_paragraph(_xml_text(paragraph))

    if doc.contact_line:
        contact = word.add_paragraph()
        contact.paragraph_format.space_before = Pt(10)
        contact.add_run(_xml_text(doc.contact_line)).bold = True
    if review := _review_line(doc):
        run = word.add_paragraph().add_run(_xml_text(review))
        run.font.color.rgb = grey

    footer = section.footer.paragraphs[0]
    footer_run = footer.add_run(_xml_text(doc.footer))
    footer_run.font.size = Pt(7.5)
    footer_run.font.color.rgb = grey

    properties = word.core_properties
    properties.title = _xml_text(doc.title)
    properties.language = language
    properties.author = _xml_text(doc.organisation_name)
    properties.last_modified_by = ""
    properties.comments = ""
    properties.created = properties.modified = timezone.now()
    properties.revision = 1

    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


# --- Markdown -----------------------------------------------------------------------------

# Everything that could start markup: emphasis, code, links and images, raw HTML and entities,
# tables, strikethrough, headings and block quotes. Escaped with a backslash (CommonMark).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|~!&])")
# Line starts that would become a list, a heading underline or a thematic break.
_MARKDOWN_BULLET_START = re.compile(r"^([-+=])", re.MULTILINE)
_MARKDOWN_NUMBER_START = re.compile(r"^(\d+)([.)])", re.MULTILINE)


def markdown_escape(value: str) -> str:
    lines = [line.strip() for line in value.split("\n")]
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", "\n".join(lines))
    escaped = _MARKDOWN_BULLET_START.sub(r"\\\1", escaped)
    escaped = _MARKDOWN_NUMBER_START.sub(r"\1\\\2", escaped)
    # A line break inside a paragraph stays a line break (CommonMark hard break).
    return escaped.replace("\n", "\\\n")


def render_markdown(doc: PolicyDocument) -> str:
    parts = [f"# {markdown_escape(doc.title)}", f"**{markdown_escape(doc.organisation_name)}**"]
    if meta := _meta_line(doc):
        parts.append(f"*{markdown_escape(meta)}*")
    if doc.intro:
        parts.append(markdown_escape(doc.intro))
    for section in doc.sections:
        parts.append(f"## {markdown_escape(section.heading)}")
        parts.extend(markdown_escape(paragraph) for paragraph in section.paragraphs)
    parts.append("---")
    if doc.contact_line:
        parts.append(f"**{markdown_escape(doc.contact_line)}**")
    if review := _review_line(doc):
        parts.append(markdown_escape(review))
    return "\n\n".join(parts) + "\n"


# --- Files --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportFormat:
    extension: str
    content_type: str


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "pdf": ExportFormat("pdf", "application/pdf"),
    "docx": ExportFormat(
        "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "html": ExportFormat("html", "text/html; charset=utf-8"),
    "md": ExportFormat("md", "text/markdown; charset=utf-8"),
}


def policy_export_file(policy, fmt: str) -> bytes:
    """The policy as a file in `fmt`; every format refuses a policy that is not one page."""
    from wizard.document import policy_document

    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format: {fmt!r}")
    if fmt == "pdf":
        return policy_export_pdf(policy)
    doc = policy_document(policy)
    check_bounds(doc)
    fit = measure_document(doc)
    if not fit.fits:
        raise _too_long(fit.longest, fit.percent)
    if fmt == "docx":
        return render_docx(doc)
    if fmt == "html":
        return render_html(doc, fit_level=fit.level).encode("utf-8")
    return render_markdown(doc).encode("utf-8")


def export_filename(policy, extension: str) -> str:
    """ASCII-only, never empty, at most 100 characters: organisation_title_date.extension."""
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:5] or "bin"
    organisation = slugify(policy.organisation.name)[:40].strip("-") or "organisation"
    title = slugify(policy.title)[:40].strip("-") or "policy"
    return f"{organisation}_{title}_{timezone.localdate().isoformat()}.{extension}"
