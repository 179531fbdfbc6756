"""Site-wide pages: the health check, the session state for the page script, and the error
pages, in the site's look and language."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wizard.organisations.models import Organisation
from wizard.policies.access import wants_json


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        # One cheap read through the ORM: the database answers and the tables are there.
        Organisation.objects.exists()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_GET
def session_state(request: HttpRequest) -> HttpResponse:
    """For the page's script: is the session still there, and the current CSRF token (the
    cookie is HttpOnly, and a login in another tab changes it)."""
    return JsonResponse(
        {"authenticated": request.user.is_authenticated, "csrf_token": get_token(request)}
    )


@login_required
@require_GET
def session_resumed(request: HttpRequest) -> HttpResponse:
    """Where "log in again" (opened in a new tab by a page whose session ended) lands."""
    return render(request, "session_resumed.html")


# What the page's script finds in `error` when an error page answers it in JSON.
ERROR_CODES = {
    400: "bad_request",
    403: "refused",
    404: "not_found",
    429: "rate_limited",
    500: "server_error",
}


def _error_page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    if wants_json(request):
        return JsonResponse(
            {"error": ERROR_CODES.get(status, "error"), "message": str(text)}, status=status
        )
    return render(
        request, "error.html", {"status": status, "title": title, "text": text}, status=status
    )


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        # Policy texts are short: say what to do rather than that something was wrong.
        return _error_page(
            request,
            400,
            _("Too much text"),
            _(
                "What you sent is far larger than a one-page policy can hold. Go back, shorten "
                "the text and try again."
            ),
        )
    return _error_page(request, 400, _("Bad request"), _("We could not understand this request."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The site's own page, instead of Django's, whose inline styles the CSP would block.
    The page's script (autosave) gets JSON: it fetches a fresh token and tries again."""
    if wants_json(request):
        return JsonResponse(
            {
                "error": "csrf",
                "message": _("This page's security token has expired. Trying again…"),
            },
            status=403,
        )
    return _error_page(
        request,
        403,
        _("Not allowed"),
        _(
            "This form has expired or did not come from this site. Go back, reload the page and "
            "try again."
        ),
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    text = str(exception) if exception and str(exception) else _("You may not do this.")
    return _error_page(request, 403, _("Not allowed"), text)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("This page does not exist or you have no access to it."),
    )


def ratelimited(request: HttpRequest, exception=None) -> HttpResponse:
    """429 for a request over its rate limit (wizard/limits.py): JSON for the live preview's
    script, which keeps the last preview and tries again later; the site's page otherwise."""
    text = _(
        "You asked for this many times in a short while. Wait a minute, then try again; "
        "nothing you saved is lost."
    )
    match = request.resolver_match
    if (
        request.headers.get("X-Requested-With") == "fetch"
        or wants_json(request)
        or (match is not None and match.url_name == "policy_preview")
    ):
        if getattr(request, "ratelimit_busy", False):
            # Another preview of this user still renders: try again in a second, say nothing.
            response = JsonResponse({"error": "busy", "message": ""}, status=429)
        else:
            response = JsonResponse({"error": "rate_limited", "message": text}, status=429)
    else:
        response = _error_page(request, 429, _("Too many requests"), text)
    response["Retry-After"] = str(getattr(request, "ratelimit_retry_after", 60))
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    return _error_page(
        request,
        500,
        _("Something went wrong"),
        _("An error on our side stopped this page. Your saved work is safe; try again."),
    )
