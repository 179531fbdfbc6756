"""Account middleware: the two-step login rule, and when a session was last seen."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wizard.accounts.selectors import has_two_step_login, two_step_login_required
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


# Pages that stay open without two-step login: setting it up (and the rest of one's account,
# logging out), the language switch, the page script's session check, static files and
# the public pages of published policies.
OPEN_WITHOUT_TWO_STEP = ("/accounts/", "/i18n/", "/session/", "/static/", "/healthz", "/p/")


class RequireTwoStepLoginMiddleware:
    """A member whose organisation requires two-step login (or, with
    REQUIRE_MFA_FOR_STAFF_ROLES, a consultant or superuser) sets it up before anything opens.

    Sits after CurrentOrganisationMiddleware: the rule is the current organisation's. It
    stops the pages (GET), where people go: someone who has no second step yet is not kept
    from anything by it (whoever has their password could set one up), so the page scripts'
    requests (a live preview answered "busy" before the session is read) stay as cheap as
    they are. An account that has a second step is asked for it at every login (allauth)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in ("GET", "HEAD")
            and not request.path_info.startswith(OPEN_WITHOUT_TWO_STEP)
            and request.user.is_authenticated
            and two_step_login_required(request)
            and not has_two_step_login(request.user)
        ):
            messages.warning(
                request, _("Set up two-step login first: it is required for your account.")
            )
            return redirect("mfa_index")
        return self.get_response(request)
