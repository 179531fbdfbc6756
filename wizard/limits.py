"""Fair use: rate limits on the expensive pages, counted in the shared cache.

django-ratelimit counts requests per user (or, without a login, per client address) in the
default cache, which every worker and server shares (Redis with REDIS_URL, else the database
cache), so a limit reached through one worker holds on the others. The rates are settings
(RATELIMIT_RATES, each overridable through the environment); they are far above what a person
typing meets. A limited request raises `Ratelimited`; django-ratelimit's middleware hands it to
`wizard.views.ratelimited`, which answers 429 in the user's language.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from django_ratelimit.exceptions import Ratelimited

# The groups and what each counts; the rates are in settings.RATELIMIT_RATES.
PREVIEW = "preview"
EXPORT = "export"
ORGANISATION_NEW = "organisation_new"
# The staff page and its PDF are not limited: the same for everyone, cheap and answered 304 on
# a revisit, so a whole office behind one address reads them at once. Confirming is limited
# per e-mail address and per link, not per client address, except for addresses the
# organisation's own domains do not cover (the open staff link mails no one else freely).
STAFF_CONFIRM = "staff_confirm"  # confirmation mails to outside addresses, per client address
STAFF_CONFIRM_EMAIL = "staff_confirm_email"  # confirmation mails, per e-mail address
STAFF_LINK = "staff_link"  # a personal or confirmation link opened or followed, per link
CHECK_COPY = "check_copy"  # "Check a copy" of a published version, per address
INVITATION = "invitation"  # invitation mails sent (invited or sent again), per user
QUESTION = "question"  # questions to the consultant (each mails them), per user


def client_address(request: HttpRequest) -> str:
    """The client's address, which rate limits (RATELIMIT_IP_META_KEY) and login throttling
    (AXES_CLIENT_IP_CALLABLE) count per: the socket's.

    Behind TRUSTED_PROXY_COUNT proxies it is the entry of X-Forwarded-For that the outermost
    of them added; whatever a client forged in front of it is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:
        return remote


def _exempt(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    exempt = getattr(settings, "RATELIMIT_EXEMPT_USERNAMES", ())
    return user is not None and user.is_authenticated and user.get_username() in exempt


def rate_for(group: str, request: HttpRequest) -> str | None:
    """The rate of `group` from settings; None (no limit) for the exempt accounts."""
    if _exempt(request):
        return None
    return settings.RATELIMIT_RATES[group]


def limit(
    group: str,
    *,
    per: str | Callable = "user",
    method: str | list[str] = ALL,
    unless: Callable[..., bool] | None = None,
) -> Callable:
    """Count the view's requests in `group`, per user, per address ("ip") or per the value of a
    key function `per(group, request)`; block above the rate.

    Put it under @login_required for per-user limits, so that anonymous requests never count.
    `unless(request, *args, **kwargs)`, when given and true, leaves a request uncounted.
    A blocked request carries `ratelimit_retry_after`: the seconds until its window ends.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def limited_view(request: HttpRequest, *args, **kwargs):
            if unless is not None and unless(request, *args, **kwargs):
                return view(request, *args, **kwargs)
            usage = get_usage(
                request, group=group, key=per, rate=rate_for, method=method, increment=True
            )
            if usage is not None and usage["should_limit"]:
                request.ratelimit_retry_after = max(1, usage["time_left"])
                raise Ratelimited
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def one_at_a_time(group: str) -> Callable:
    """At most one request of `group` in progress per user, on any worker or server, and the
    next one no sooner than RATELIMIT_SPACING[group] seconds (if any) after it ended.

    A rate bounds how many page layouts a member asks for per minute, not how many run at once
    nor how closely: eight connections would still hold eight workers, and sixty layouts in a
    row hold one for seconds. The live preview's script never has two requests out (it aborts
    the older one) and waits for a pause in typing, so a request while the last one renders, or
    within a second after, is answered at once with 429 and "try again in a second", without a
    layout; the script asks again then, silently. A flag in the shared cache marks the request
    in progress (and the spacing after it); it expires by itself if a worker dies.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def single_view(request: HttpRequest, *args, **kwargs):
            if not getattr(settings, "RATELIMIT_ENABLE", True):
                return view(request, *args, **kwargs)
            # The quick answer first: this browser session's flag, read before the session and
            # the user are (one cache read), so a flood of requests costs little each.
            cookie = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
            quick = f"busy:{group}:session:{hashlib.sha256(cookie.encode()).hexdigest()[:32]}"
            if cookie and cache.get(quick):
                return _busy(request)
            if not request.user.is_authenticated or _exempt(request):
                return view(request, *args, **kwargs)
            flag = f"busy:{group}:{request.user.pk}"
            timeout = settings.POLICY_RENDER_TIMEOUT_SECONDS + 5
            if not cache.add(flag, True, timeout=timeout):
                return _busy(request)
            flags = [flag]
            if cookie:
                cache.set(quick, True, timeout=timeout)
                flags.append(quick)
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                cache.delete_many(flags)
                raise
            # Only a page that was made holds the next one back (a 404 made no layout).
            spacing = getattr(settings, "RATELIMIT_SPACING", {}).get(group, 0)
            if spacing and response.status_code == 200:
                for key in flags:
                    cache.touch(key, spacing)
            else:
                cache.delete_many(flags)
            return response

        return single_view

    return decorator


def _busy(request: HttpRequest):
    request.ratelimit_retry_after = 1
    request.ratelimit_busy = True
    raise Ratelimited
