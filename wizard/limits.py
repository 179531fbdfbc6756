"""Fair use: rate limits on the expensive pages, counted in the shared cache.

django-ratelimit counts requests per user (or, without a login, per client address) in the
default cache, which every worker and server shares (Redis with REDIS_URL, else the database
cache), so a limit reached through one worker holds on the others. The rates are settings
(RATELIMIT_RATES, each overridable through the environment); they are far above what a person
typing meets. A limited request raises `Ratelimited`; django-ratelimit's middleware hands it to
`wizard.views.ratelimited`, which answers 429 in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.decorators import ratelimit

# The groups and what each counts; the rates are in settings.RATELIMIT_RATES.
PREVIEW = "preview"
EXPORT = "export"
ORGANISATION_NEW = "organisation_new"
STAFF_PAGE = "staff_page"
STAFF_PDF = "staff_pdf"


def rate_for(group: str, request: HttpRequest) -> str | None:
    """The rate of `group` from settings; None (no limit) for the exempt accounts."""
    user = getattr(request, "user", None)
    exempt = getattr(settings, "RATELIMIT_EXEMPT_USERNAMES", ())
    if user is not None and user.is_authenticated and user.get_username() in exempt:
        return None
    return settings.RATELIMIT_RATES[group]


def limit(group: str, *, per: str = "user", method: str | list[str] = ALL) -> Callable:
    """Count the view's requests in `group`, per user or per address ("ip"); block above the rate.

    Put it under @login_required for per-user limits, so that anonymous requests never count.
    """
    return ratelimit(group=group, key=per, rate=rate_for, method=method, block=True)
