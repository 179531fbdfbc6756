"""Account middleware: when a session was last seen (for the sessions page)."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from wizard.middleware import SESSION_REFRESHED_KEY


class SessionLastSeenMiddleware:
    """allauth's sessions page shows each session's last activity; allauth's own tracking
    writes a row on every request. Here the row is updated only when the session itself is
    written again (wizard.middleware.SessionActivityMiddleware, every few minutes), so reading
    a page still costs no write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view, and only for a session it read: a request answered without one
        # (the preview's "busy") stays free of session and user lookups. This runs before
        # SessionActivityMiddleware marks the refresh, so both see the same moment.
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.accessed
            and session.session_key
            and int(time.time()) - session.get(SESSION_REFRESHED_KEY, 0)
            >= settings.SESSION_REFRESH_SECONDS
            and request.user.is_authenticated
        ):
            UserSession.objects.create_from_request(request, user=request.user, session=session)
        return response
