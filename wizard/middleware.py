"""Site-wide middleware: requests the app refuses early, how sessions stay alive, and what a
browser or proxy may keep of a logged-in page."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class RejectNulBytesMiddleware:
    """PostgreSQL refuses NUL in text: a URL carrying one is a 400 before any lookup, on every
    database alike."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = unquote_plus(request.META.get("QUERY_STRING", ""))
        if "\x00" in request.path_info or "\x00" in query:
            raise SuspiciousOperation("NUL byte in the URL")
        return self.get_response(request)


class RequestSizeLimitMiddleware:
    """A request body over REQUEST_MAX_BYTES is refused before anything reads it.

    DATA_UPLOAD_MAX_MEMORY_SIZE bounds form fields but not uploaded files, which Django would
    write to a temporary file of any size as soon as the CSRF check reads the form. The
    largest upload here is a 1 MB staff list (a logo is at most 512 KB).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_MAX_BYTES:
            raise RequestDataTooBig("The request body is larger than REQUEST_MAX_BYTES.")
        return self.get_response(request)


SESSION_REFRESHED_KEY = "_refreshed_at"


class SessionActivityMiddleware:
    """Sessions end after SESSION_COOKIE_AGE without activity, without a write per request.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every page. Here an active
    session is written again only when its last write is SESSION_REFRESH_SECONDS old, so the
    inactivity timeout holds to within that many seconds and reading a page costs no write.
    Sits after SessionMiddleware, so its response step runs before the session is saved.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        if session.modified or now - session.get(SESSION_REFRESHED_KEY, 0) >= (
            settings.SESSION_REFRESH_SECONDS
        ):
            session[SESSION_REFRESHED_KEY] = now
        return response


class PrivateNoStoreMiddleware:
    """Every answer to a request with a session (a logged-in one) is `Cache-Control: private,
    no-store`, unless the view said otherwise (a content-addressed logo is public): the
    dashboard, review pages, exports, the register CSV and a person's data export are one
    person's view of an organisation's data, which no shared proxy may keep and no browser may
    store on disk.

    It goes by the session cookie, not by `request.user`: reading the user would cost the
    session and user queries that a quick answer (a busy preview's 429) never makes, and
    would add `Vary: Cookie` to public pages. Without a session cookie no one is logged in, so
    public pages (the staff page) are left to their views.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header(
            "Cache-Control"
        ):
            patch_cache_control(response, private=True, no_store=True)
        return response
