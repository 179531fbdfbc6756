"""The only way WeasyPrint reaches a file: our own static assets and the policy's stored logo.

No network, no redirects, no `file:` outside the static folder: a URL that reached the renderer
through some mistake can neither read the server's files nor probe the network. Building a
fetcher costs ~26 ms, so every render shares the one `URL_FETCHER`.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import logging
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from django.conf import settings
from weasyprint.urls import URLFetcher, URLFetcherResponse

from wizard.organisations.models import Logo

if TYPE_CHECKING:
    from wizard.policies.document import PolicyDocument

logger = logging.getLogger(__name__)

MAX_FETCHED_BYTES = 4 * 1024 * 1024
LOGO_URL_SCHEME = "policy-logo"
_DIGEST = re.compile(r"[0-9a-f]{64}\Z")


class RefusedURL(ValueError):
    """WeasyPrint logs this and renders without the resource."""


def static_dir() -> Path:
    return Path(settings.STATICFILES_DIRS[0]).resolve()


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


def logo_image(doc: PolicyDocument) -> LogoImage | None:
    """The document's logo from the database, if it is stored and really has that digest."""
    digest = doc.logo_digest
    if not isinstance(digest, str) or not _DIGEST.match(digest):
        return None
    png = Logo.objects.png_of(digest)
    if png is None or hashlib.sha256(png).hexdigest() != digest:
        return None
    return LogoImage(digest=digest, png=png)


class PolicyURLFetcher(URLFetcher):
    """Serves our own static files and the logo of the policy being rendered; nothing else.

    The logo is no file: while a policy renders, exactly its logo's URL
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


URL_FETCHER = PolicyURLFetcher()
