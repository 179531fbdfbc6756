"""Checking an uploaded logo before anything decodes it, and re-encoding it for print.

An upload is only ever a PNG or a JPEG by its content (the name and the browser's content type
are ignored), of at most LOGO_MAX_BYTES, and of at most LOGO_MAX_PIXELS by the size in its header,
read before any pixel is decoded: a 21 KB PNG that claims 9,000 × 9,000 pixels is refused in
microseconds instead of costing every PDF 700 MB. What is kept is a fresh PNG at the size the
policy prints it (print.css: at most 45 × 15 mm, here at about 300 dpi), without EXIF, text
chunks, colour profiles or any other metadata. The same bytes give the same PNG, and its SHA-256
is the logo's name in the database and in its URL.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

LOGO_MAX_BYTES = 512 * 1024
LOGO_MAX_SIDE = 2_000
LOGO_MAX_PIXELS = LOGO_MAX_SIDE * LOGO_MAX_SIDE
# Printed at most 45 mm wide and 15 mm high (static/css/print.css, .policy-logo): about 300 dpi.
LOGO_PRINT_BOX = (540, 180)
ACCEPTED_FORMATS = ("PNG", "JPEG")

# Every decode in this process, not only ours (WeasyPrint's too), stays within the limit; Pillow
# raises DecompressionBombError beyond twice this and warns beyond it (we turn that into a
# refusal below).
Image.MAX_IMAGE_PIXELS = LOGO_MAX_PIXELS

MESSAGES = {
    "logo_too_large": _("The logo may be at most 512 KB."),
    "logo_not_an_image": _(
        "The logo must be a PNG or JPEG image. This file is not one, whatever its name says."
    ),
    "logo_too_many_pixels": _(
        "The logo may be at most 2,000 × 2,000 pixels. Make it smaller and upload it again."
    ),
    "logo_damaged": _("The logo could not be read: the file is damaged or incomplete."),
}


def logo_error(code: str) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code)


@dataclass(frozen=True)
class PreparedLogo:
    """A checked logo, re-encoded: what the database keeps."""

    png: bytes
    digest: str  # SHA-256 of `png`, hex
    width: int
    height: int


def _open_checked(data: bytes) -> Image.Image:
    """Open lazily (header only), check the real type and the pixel count, then decode."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise logo_error("logo_too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise logo_error("logo_not_an_image") from None
    width, height = image.size
    if width < 1 or height < 1 or width * height > LOGO_MAX_PIXELS:
        raise logo_error("logo_too_many_pixels")
    if image.format not in ACCEPTED_FORMATS:
        raise logo_error("logo_not_an_image")
    if not _complete(data, image):
        raise logo_error("logo_damaged")
    try:
        image.load()
    except Exception:  # Pillow raises many types for broken data; each means the same here.
        raise logo_error("logo_damaged") from None
    return image


def _complete(data: bytes, image: Image.Image) -> bool:
    """Whether the file is whole. WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole
    process, so load() would quietly pad a truncated file with grey: check without decoding."""
    if image.format == "PNG":
        try:
            # Walks every chunk up to IEND and checks its CRC; no pixel is decoded.
            Image.open(io.BytesIO(data), formats=["PNG"]).verify()
        except Exception:
            return False
        return True
    # JPEG: the end-of-image marker after the last scan (inside a scan 0xFF is always stuffed).
    return data.rfind(b"\xff\xd9") > data.rfind(b"\xff\xda") > 0


def _print_ready(image: Image.Image) -> Image.Image:
    """Upright, in RGB(A), scaled down into the print box, with nothing but pixels."""
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail(LOGO_PRINT_BOX, Image.Resampling.LANCZOS)
    # A new image from the bare pixels: no EXIF, ICC profile, text chunks or other frames.
    return Image.frombytes(image.mode, image.size, image.tobytes())


def prepare_logo(data: bytes) -> PreparedLogo:
    """Check `data` (an upload's bytes) and re-encode it; ValidationError when it is refused."""
    if len(data) > LOGO_MAX_BYTES:
        raise logo_error("logo_too_large")
    image = _open_checked(data)
    try:
        clean = _print_ready(image)
    except Exception:
        raise logo_error("logo_damaged") from None
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    png = out.getvalue()
    return PreparedLogo(
        png=png,
        digest=hashlib.sha256(png).hexdigest(),
        width=clean.width,
        height=clean.height,
    )


def read_upload(file) -> bytes:
    """The bytes of an uploaded file, reading at most one byte past the limit."""
    file.seek(0)
    data = file.read(LOGO_MAX_BYTES + 1)
    if len(data) > LOGO_MAX_BYTES:
        raise logo_error("logo_too_large")
    return data
