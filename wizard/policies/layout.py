"""The policy on one A4 page: how it lays out, and how full the page is.

The page is laid out by WeasyPrint from the real print template, so the live preview's page
meter, the review page and every export agree on what fits; the fit is measured, not guessed.
A policy that does not fit even at the smallest allowed type size is refused with the blocks to
shorten, never truncated or spilled onto a second page. Measuring lives here, with the policy,
because the wizard shows it live; the export formats (wizard/exports) build files from it.

WeasyPrint only ever sees our own template, our stylesheet, our bundled fonts and the
organisation's logo, read from the database by its digest (the same store every app instance
reads): user text is escaped by the template and never reaches CSS, and the one shared
`URL_FETCHER` refuses every other URL.

A layout costs ~60 ms, so page fits are kept in the shared cache under `content_key`: a hash
of the composed document itself (the input of the layout, which names the logo by its digest)
and the print files.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import logging
import math
import mimetypes
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import gettext
from weasyprint import CSS, HTML
from weasyprint import __version__ as WEASYPRINT_VERSION
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from wizard.organisations.models import Logo
from wizard.policies.blocks import BLOCKS_BY_KEY
from wizard.policies.document import DEFAULT_BRAND_COLOUR, PolicyDocument, policy_document
from wizard.policies.readability import READABILITY_FORMULA, readability
from wizard.text import interface_language, text_in

logger = logging.getLogger(__name__)

# Raise when a change here alters the output, so cached PDFs and fits are not served again.
RENDERER_VERSION = "2"

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
    language = interface_language()
    titles = [f"“{text_in(BLOCKS_BY_KEY[key].title, language)}”" for key in keys]
    return ", ".join(titles)


def too_long(longest: tuple[str, ...], percent: int) -> PolicyTooLong:
    to_shorten = longest[:3]
    message = gettext(
        "The policy does not fit on one A4 page, even at the smallest type size: it fills "
        "%(percent)s%% of a page at the normal size. Shorten these blocks: %(blocks)s."
    ) % {"percent": percent, "blocks": block_titles(to_shorten)}
    return PolicyTooLong(message, to_shorten)


# --- The URL fetcher ----------------------------------------------------------------------


class RefusedURL(ValueError):
    """WeasyPrint logs this and renders without the resource."""


LOGO_URL_SCHEME = "policy-logo"
_DIGEST = re.compile(r"[0-9a-f]{64}\Z")


@dataclass(frozen=True)
class LogoImage:
    """The logo of the policy being rendered: its digest and the PNG stored under it."""

    digest: str
    png: bytes

    @property
    def url(self) -> str:
        return logo_print_url(self.digest)


def logo_print_url(digest: str) -> str:
    """How the print template names the logo for the fetcher (no file, no network)."""
    return f"{LOGO_URL_SCHEME}:{digest}.png"


class PolicyURLFetcher(URLFetcher):
    """Serves our own static files and the logo of the policy being rendered; nothing else.

    No network, no redirects, no `file:` outside the static folder: a URL that reached the
    renderer through some mistake can neither read the server's files nor probe the network.
    The logo is no file either: while a policy renders, exactly its logo's URL
    (`policy-logo:<digest>.png`) answers, with the PNG read from the database beforehand.
    """

    def __init__(self) -> None:
        super().__init__(timeout=2, allowed_protocols=("file",), allow_redirects=False)
        self._logo: contextvars.ContextVar[LogoImage | None] = contextvars.ContextVar(
            "policy_logo", default=None
        )

    @contextlib.contextmanager
    def allowing_logo(self, logo: LogoImage | None) -> Iterator[None]:
        """Allow exactly this (already checked) logo while the block runs."""
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
        return None

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        logo = self._logo.get()
        if logo is not None and url == logo.url and len(logo.png) <= MAX_FETCHED_BYTES:
            return URLFetcherResponse(url, body=logo.png, headers={"Content-Type": "image/png"})
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


URL_FETCHER = PolicyURLFetcher()


# --- Print template and stylesheets -------------------------------------------------------


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


def _stylesheets() -> tuple[FontConfiguration, list[CSS]]:
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


def brand_colour(doc: PolicyDocument) -> str:
    # The only value of a policy that reaches CSS: a strict #rrggbb or the default.
    value = doc.brand_colour
    return value if isinstance(value, str) and _HEX_COLOUR.match(value) else DEFAULT_BRAND_COLOUR


def logo_image(doc: PolicyDocument) -> LogoImage | None:
    """The document's logo from the database, if it is stored and really has that digest."""
    digest = doc.logo_digest
    if not isinstance(digest, str) or not _DIGEST.match(digest):
        return None
    png = Logo.objects.png_of(digest)
    if png is None or hashlib.sha256(png).hexdigest() != digest:
        return None
    return LogoImage(digest=digest, png=png)


def print_context(doc: PolicyDocument, level: int, logo_src: str) -> dict:
    return {
        "doc": doc,
        "fit_level": level,
        "brand_colour": brand_colour(doc),
        "logo_src": logo_src,
    }


def layout(doc: PolicyDocument, level: int):
    """Lay out the print template at one fit level; returns WeasyPrint's Document."""
    logo = logo_image(doc)
    html = render_to_string(PRINT_TEMPLATE, print_context(doc, level, logo.url if logo else ""))
    font_config, stylesheets = _stylesheets()
    with URL_FETCHER.allowing_logo(logo):
        document = HTML(string=html, url_fetcher=URL_FETCHER).render(
            stylesheets=stylesheets, font_config=font_config, presentational_hints=False
        )
    # Our template has no <link rel="attachment">; make sure nothing is ever embedded anyway.
    document.metadata.attachments = []
    return document


def write_pdf(document) -> bytes:
    # Tagged PDF/UA-1: a structure tree for screen readers, with the <title> as the document
    # title and the <html lang> as its language.
    return document.write_pdf(attachments=None, pdf_forms=False, pdf_variant="pdf/ua-1")


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
    # The document is frozen dataclasses of strings, tuples and one dict built in a fixed
    # order, so its repr names every value unambiguously (and costs a fraction of asdict);
    # the logo is in it as the digest of its PNG.
    canonical = "\x1f".join([repr(doc), files_fingerprint()])
    return hashlib.sha256(canonical.encode()).hexdigest()


def cache_get(key: str):
    # The cache only saves work: if it is unreachable the export still works, just slower.
    try:
        return cache.get(key)
    except Exception:
        logger.exception("Export cache unavailable for get")
        return None


def cache_set(key: str, value) -> None:
    try:
        cache.set(key, value)
    except Exception:
        logger.exception("Export cache unavailable for set")


def _fit_cache_key(key: str) -> str:
    return f"policy-fit:{key}"


def fit_from_cache(key: str) -> PageFit | None:
    cached = cache_get(_fit_cache_key(key))
    if not isinstance(cached, tuple) or len(cached) != 4:
        return None
    percent, fits, level, longest = cached
    return PageFit(percent=percent, fits=fits, level=level, longest=tuple(longest))


def fit_to_cache(key: str, fit: PageFit) -> None:
    cache_set(_fit_cache_key(key), (fit.percent, fit.fits, fit.level, fit.longest))


def _check_time(started: float) -> None:
    if time.monotonic() - started > settings.POLICY_RENDER_TIMEOUT_SECONDS:
        raise ExportError(
            gettext("Laying out the policy took too long. Shorten the text and try again.")
        )


def fit_document(doc: PolicyDocument):
    """Find the first fit level at which `doc` is one page: (PageFit, Document or None)."""
    started = time.monotonic()
    layouts: dict[int, object] = {}

    def one_page_at(level: int):
        if level not in layouts:
            _check_time(started)
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
    fit = fit_from_cache(key)
    if fit is None:
        try:
            fit, _document = fit_document(doc)
        except ExportError:
            return _estimated_fit(doc)
        fit_to_cache(key, fit)
    return fit


def page_preview(
    policy, content: dict | None = None, step: str | None = None, *, document=None
) -> dict:
    """The live preview and page meter of `policy` (with unsaved `content`, when given, or
    its `document` when already composed), as the step and review templates show them; on a
    step, also the readability of what that block prints."""
    document = document or policy_document(policy, content)
    fit = measure_document(document)
    ui = interface_language()
    context = {
        "doc": document,
        "logo_src": document.logo_url,
        "fit": fit,
        "fit_longest_titles": [text_in(BLOCKS_BY_KEY[key].title, ui) for key in fit.longest[:2]],
    }
    if step is not None:
        section = next((s for s in document.sections if s.key == step), None)
        text = "\n".join(section.paragraphs) if section else ""
        context["readability"] = readability(text, document.language)
        context["readability_formula"] = READABILITY_FORMULA[document.language]
    return context
