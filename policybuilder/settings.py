"""Settings for Policy Builder, in one module, driven by environment variables.

Every variable has a safe local default, so `make run` needs none of them. Production sets
DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_SITE_URL, DJANGO_ALLOWED_HOSTS and usually
DATABASE_URL.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A production process with a guessable key could forge sessions and reset links.
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-key-do-not-use-in-production"  # noqa: S105 - never used with DEBUG off

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # allauth's pages load its filters (the security keys list says when a key was last used).
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "formtools",
    "axes",
    "csp",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "wizard",
    # `manage.py seed_bench` for `make bench`; it has no models and no URLs.
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before CommonMiddleware: a hostile Host header is refused there, and that 400 page must
    # carry these headers too.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Answers with a session (logged-in pages, downloads): Cache-Control: private, no-store.
    "wizard.middleware.PrivateNoStoreMiddleware",
    "wizard.middleware.SessionActivityMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "wizard.middleware.RejectNulBytesMiddleware",
    # Before the CSRF check, which reads (and stores) the whole form with its files.
    "wizard.middleware.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # The sessions page's "last seen", written with the session's own refresh (wizard/accounts).
    "wizard.accounts.middleware.SessionLastSeenMiddleware",
    "wizard.organisations.middleware.CurrentOrganisationMiddleware",
    # After the current organisation is known: its two-step login rule (wizard/accounts).
    "wizard.accounts.middleware.RequireTwoStepLoginMiddleware",
    # Last, so that throttled logins are answered before any view runs.
    "axes.middleware.AxesMiddleware",
    # Turns a rate-limited request (wizard/limits.py) into the 429 of RATELIMIT_VIEW.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "policybuilder.urls"
# Django's renderer, writing plain inputs and textareas without their templates (wizard/fields.py).
FORM_RENDERER = "wizard.fields.WidgetRenderer"
WSGI_APPLICATION = "policybuilder.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "wizard.organisations.context_processors.organisation",
                "wizard.review.context_processors.to_review",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL=postgres://... switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer work at the same time under several workers.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's four rules, with help texts in the app's words (wizard/accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "wizard.accounts.passwords.NotLikeYourDetails"},
    {"NAME": "wizard.accounts.passwords.LongEnough", "OPTIONS": {"min_length": 12}},
    {"NAME": "wizard.accounts.passwords.NotCommon"},
    {"NAME": "wizard.accounts.passwords.NotOnlyDigits"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Log in by user name or e-mail address (ModelBackend underneath, for the admin too).
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Django's own CSRF failure page has inline styles that our CSP blocks; ours is the site's page.
CSRF_FAILURE_VIEW = "wizard.views.csrf_failure"

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "account_login"

# How many reverse proxies (nginx, a load balancer) stand in front of the app. With none (the
# default) the client address is the socket's and X-Forwarded-* headers are ignored, so a
# forged one changes nothing; with N, the address is the X-Forwarded-For entry the outermost
# proxy added (wizard.limits.client_address), and X-Forwarded-Proto says whether it was https.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Accounts: django-allauth (account, mfa, usersessions, socialaccount with OpenID Connect);
# what is ours is in wizard/accounts (adapters, sign-up, the two-step rule) and docs/accounts.md.
ACCOUNT_ADAPTER = "wizard.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "wizard.accounts.adapters.SocialAccountAdapter"
ACCOUNT_FORMS = {
    "login": "wizard.accounts.forms.LoginForm",
    "signup": "wizard.accounts.forms.SignupForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Sign-up and password reset answer the same for known and unknown addresses.
ACCOUNT_PREVENT_ENUMERATION = True
# Sessions end after SESSION_COOKIE_AGE without activity; no "remember me".
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Policy Builder] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_USERNAME_MIN_LENGTH = 3
# Open sign-up, or invitation-only (the sign-up page then says so and creates nothing).
# Open locally; production chooses with DJANGO_SIGNUP_OPEN.
ACCOUNT_SIGNUP_OPEN = env_bool("DJANGO_SIGNUP_OPEN", DEBUG)
# allauth's limits, counted in the default cache (shared by every worker and server). Failed
# logins are django-axes's (below): allauth's own would lock a user name from every address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": False,
    "signup": os.environ.get("DJANGO_RATELIMIT_SIGNUP", "20/m/ip,60/h/ip"),
    "reset_password": os.environ.get("DJANGO_RATELIMIT_RESET_PASSWORD", "20/m/ip,5/m/key"),
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/180s/key",
}
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Two-step login: an authenticator app with recovery codes, and security keys or passkeys.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Policy Builder"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Consultants (whose account opens many organisations) and superusers must set up two-step
# login before they can work; on in production.
REQUIRE_MFA_FOR_STAFF_ROLES = env_bool("DJANGO_REQUIRE_MFA_FOR_STAFF_ROLES", not DEBUG)

# Each user sees their sessions (device, last seen) and can end the others. "Last seen" is
# kept by wizard.accounts.middleware at the session's own refresh, not on every request.
USERSESSIONS_TRACK_ACTIVITY = False

# Single sign-on by OpenID Connect, per deployment: DJANGO_OIDC_PROVIDERS is a JSON list of
# {"id", "name", "server_url", "client_id", "secret"} (docs/accounts.md). An organisation maps
# its e-mail domains to one of these ids (its settings page).
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": provider["id"],
                "name": provider["name"],
                "client_id": provider["client_id"],
                "secret": provider.get("secret", ""),
                "settings": {"server_url": provider["server_url"]},
            }
            for provider in json.loads(os.environ.get("DJANGO_OIDC_PROVIDERS", "[]"))
        ],
    }
}
# A provider's verified address logs into the account with that address.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_STORE_TOKENS = False

# Login throttling (django-axes, with allauth's login form). Attempts are counted per user
# name (or address) typed together with the client address, and per client address; never
# per user name alone, which would let anyone lock anyone out. A completed password reset
# lifts that user's lock (wizard/accounts/signals.py). The address is the one the rate limits
# count (wizard.limits.client_address, after DJANGO_TRUSTED_PROXY_COUNT proxies).
AXES_CLIENT_IP_CALLABLE = "wizard.limits.client_address"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "wizard.accounts.throttling.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "wizard" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# Nothing is stored on disk: logos live in the database (wizard.organisations.logos).
# MEDIA_ROOT is read only by migration 0009_logo_store, which copies the logo files found
# there into the database.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "wizard.storage.StaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# One cache shared by every worker and server (rendered PDFs, page fits, sessions): Redis when
# REDIS_URL is set, else the database.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "TIMEOUT": 60 * 60 * 24 * 7,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "policybuilder_cache",
            "TIMEOUT": 60 * 60 * 24 * 7,
        }
    }

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# A slow mail server must not hold a worker: e-mail is sent by the task worker (below), and
# each SMTP conversation gives up after this many seconds, then the task tries again later.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
# How often a notice is tried before it is given up (logged), and the first wait in seconds
# (doubled on each retry).
EMAIL_MAX_ATTEMPTS = int(os.environ.get("DJANGO_EMAIL_MAX_ATTEMPTS", "5"))
EMAIL_RETRY_SECONDS = int(os.environ.get("DJANGO_EMAIL_RETRY_SECONDS", "60"))
# The address used in links inside e-mails (review notices, personal links; password reset
# uses the request). Required in production: a default would send people to localhost.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SITE_URL must be set when DJANGO_DEBUG is off "
            "(e.g. https://policies.example.org): links in e-mails start with it."
        )
    SITE_URL = "http://127.0.0.1:8000"
elif not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("DJANGO_SITE_URL must start with https:// (or http://).")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Policy Builder <noreply@localhost>"
)

# Sessions end after two hours without activity; a draft never depends on the session.
# An active session is written again once its last write is five minutes old
# (wizard.middleware.SessionActivityMiddleware), not on every request.
# Django's cached database sessions: read from the shared cache, kept in the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 2
SESSION_REFRESH_SECONDS = 5 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Autosave while typing: autosaves of one step by one user update one revision for this long
# (then the next autosave starts a new one), and a pause this long ends an editing stretch
# (one "saved a step" audit event per stretch).
AUTOSAVE_REVISION_WINDOW_SECONDS = int(os.environ.get("AUTOSAVE_REVISION_WINDOW_SECONDS", "300"))
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Bound request bodies: policy text is small, a logo is the only upload.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400
# And the whole body, files included (wizard.middleware.RequestSizeLimitMiddleware): the
# largest upload is a 1 MB staff list.
REQUEST_MAX_BYTES = 4 * 1024 * 1024

if not DEBUG:
    # `make serve` and `make bench` run production settings over plain http on loopback, where
    # a browser would drop secure cookies and could never log in. This opt-out turns off the
    # https redirect and secure cookies, and only for loopback host names.
    INSECURE_LOCAL_HTTP = env_bool("DJANGO_INSECURE_LOCAL_HTTP", False)
    if INSECURE_LOCAL_HTTP and not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
        raise ImproperlyConfigured(
            "DJANGO_INSECURE_LOCAL_HTTP is for loopback only: DJANGO_ALLOWED_HOSTS may hold "
            "nothing but 127.0.0.1, localhost and [::1]."
        )
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not INSECURE_LOCAL_HTTP)
    if TRUSTED_PROXY_COUNT:
        # Only a proxy of ours sets this header; without one a client could claim https.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = not INSECURE_LOCAL_HTTP
    CSRF_COOKIE_SECURE = not INSECURE_LOCAL_HTTP
    LANGUAGE_COOKIE_SECURE = not INSECURE_LOCAL_HTTP

# Content-Security-Policy: our own scripts and styles only, nothing inline, never framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Background tasks (Django's task API through the django-tasks backport): queued in the database
# and run by `manage.py db_worker` (`make run` and `make serve` start one). The tests run them
# immediately (tests/conftest.py).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Fair use (wizard/limits.py): requests per user, or per client address where no login is
# needed, counted in the shared cache above. A person typing or clicking never comes near.
RATELIMIT_ENABLE = env_bool("DJANGO_RATELIMIT_ENABLE", True)
RATELIMIT_VIEW = "wizard.views.ratelimited"
RATELIMIT_RATES = {
    "preview": os.environ.get("DJANGO_RATELIMIT_PREVIEW", "60/m"),
    "export": os.environ.get("DJANGO_RATELIMIT_EXPORT", "20/m"),
    "organisation_new": os.environ.get("DJANGO_RATELIMIT_ORGANISATION_NEW", "30/h"),
    # The open staff link mails a confirmation link: to one mailbox a few times an hour, and
    # per client address only to addresses outside the organisation's own e-mail domains (any
    # address, where it has set none), so it is no mail relay; a whole office behind one
    # address confirms freely at its own domain. Each personal or confirmation link is limited
    # on its own. The staff page and its PDF are not limited (wizard/limits.py).
    "staff_confirm": os.environ.get("DJANGO_RATELIMIT_STAFF_CONFIRM", "30/h"),
    "staff_confirm_email": os.environ.get("DJANGO_RATELIMIT_STAFF_CONFIRM_EMAIL", "5/h"),
    "staff_link": os.environ.get("DJANGO_RATELIMIT_STAFF_LINK", "30/m"),
    "check_copy": os.environ.get("DJANGO_RATELIMIT_CHECK_COPY", "30/m"),
    # Invitations mail any address the user types (wizard/members).
    "invitation": os.environ.get("DJANGO_RATELIMIT_INVITATION", "50/h"),
    # Each question to the consultant mails them (wizard/questions).
    "question": os.environ.get("DJANGO_RATELIMIT_QUESTION", "30/h"),
}
# The live preview also runs one at a time per user, and the next no sooner than this many
# seconds after the last (wizard/limits.py one_at_a_time); its script asks again a second later.
RATELIMIT_SPACING = {"preview": int(os.environ.get("DJANGO_RATELIMIT_PREVIEW_SPACING", "1"))}
# Accounts the limits leave alone (comma-separated user names): `make bench` exempts the user
# whose preview and PDF passes it times, never the one that floods. Empty in production.
RATELIMIT_EXEMPT_USERNAMES = env_list("DJANGO_RATELIMIT_EXEMPT_USERNAMES", "")
# The client address is the socket's, as for django-axes above (a forged X-Forwarded-For
# cannot rotate it), or behind TRUSTED_PROXY_COUNT proxies the one they forwarded;
# IPv6 clients are counted per /64.
RATELIMIT_IP_META_KEY = "wizard.limits.client_address"
RATELIMIT_IPV6_MASK = 64
# django-ratelimit's checks want memcached or django-redis. Django's own RedisCache increments
# atomically; the database cache (no REDIS_URL) counts with a read and a write, so under
# concurrent requests a count can come out a little low: the limit still holds, a little late.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Policy export bounds: a policy is one page, so anything larger is refused before rendering.
POLICY_RENDER_TIMEOUT_SECONDS = 10

# Staff acknowledgements (wizard/rollout): the records of a version superseded longer ago than
# this are deleted by `manage.py purge_acknowledgements`. A personal link works until the
# person's deadline in the round (or the day a link last went to them, if later) plus this
# grace period, worked out when it is opened: extending the deadline extends the links, and
# an old mail no longer opens anything once the round is over.
ACKNOWLEDGEMENT_RETENTION_DAYS = int(os.environ.get("ACKNOWLEDGEMENT_RETENTION_DAYS", "730"))
PERSONAL_LINK_GRACE_DAYS = 30
