"""Settings of the portal, read from the environment (docs/deployment.md lists every variable).

The embedded defaults run on one machine with nothing but Python: SQLite and uploaded files
under ``OQU_DATA_DIR`` (default ``./var``), the database task queue, mail printed on the
console. The same code runs at scale with ``DATABASE_URL`` (PostgreSQL), ``OQU_S3_*``
(S3-compatible storage) and many ``db_worker`` processes — chosen here, never by code edits.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _env_list(name: str, default: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


PORTAL_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("OQU_DATA_DIR", "var")).resolve()

DEBUG = _env_bool("OQU_DEBUG", default=False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it (a long random string) or OQU_DEBUG=1 for development."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105 (DEBUG only)
# The audit chain's HMAC key (audit.chain): never in the database, and kept apart from its
# backups (docs/security.md). Unset, it is derived from SECRET_KEY (a system check warns):
# still outside the database, but changing SECRET_KEY would then break the chain's verification.
OQU_AUDIT_KEY = os.environ.get("OQU_AUDIT_KEY", "")
OQU_AUDIT_KEY_DERIVED = not OQU_AUDIT_KEY
if OQU_AUDIT_KEY_DERIVED:
    import hashlib
    import hmac

    OQU_AUDIT_KEY = hmac.new(SECRET_KEY.encode(), b"oqu.audit", hashlib.sha256).hexdigest()
# Who receives the audit chain's head (``oqu portal audit_anchor``, daily from cron): a copy
# outside the database, against which removing the last entries shows.
OQU_AUDIT_ANCHOR_EMAILS = _env_list("OQU_AUDIT_ANCHOR_EMAILS", "")

ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")
# Behind a TLS-terminating reverse proxy (docs/deployment.md).
# HSTS: browsers that once reached the portal over HTTPS never try it without (sent on HTTPS
# responses only; OQU_HSTS_SECONDS=0 turns it off, e.g. while trying TLS out).
if _env_bool("OQU_BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("OQU_HSTS_SECONDS", str(365 * 86400)))
# Content-Security-Policy of the portal's pages (Django's own, SECURE_CSP): scripts, frames and
# forms from the portal only, nothing may frame it. frame-src also binds the review player's
# sandboxed frame: a package navigating it to another origin (a phishing page inside the review
# page) is refused by the browser. The player's responses carry a stricter policy of their own
# (workflow.player.PLAY_CSP), which this one does not replace.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "frame-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The portal's apps (docs/portal.md, "Code layout"); people keeps the label "portal".
    "oqu.portal.people.apps.PeopleConfig",
    "oqu.portal.plans.apps.PlansConfig",
    "oqu.portal.workflow.apps.WorkflowConfig",
    "oqu.portal.catalogue.apps.CatalogueConfig",
    "oqu.portal.certificates.apps.CertificatesConfig",  # form 01 (8.5)
    "oqu.portal.audit.apps.AuditConfig",
    "oqu.portal.demo.apps.DemoConfig",
    # After the portal's apps: workflow's db_worker (leases, time limit) stands in for its own.
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "oqu.portal.urls"
WSGI_APPLICATION = "oqu.portal.wsgi.application"
ASGI_APPLICATION = "oqu.portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],  # the pages every app extends: base.html, form.html …
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oqu.portal.core.views.nav_context",
            ],
        },
    }
]

DATA_DIR_DEFAULT_DB = f"sqlite:///{DATA_DIR / 'oqu.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DATA_DIR_DEFAULT_DB), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web process read while the worker writes. A write waits for the one before
    # it instead of failing with "database is locked" (a 500): every transaction takes the
    # write lock when it begins (IMMEDIATE: no read lock to upgrade, which SQLite refuses at
    # once rather than wait), and waits for it up to OQU_SQLITE_TIMEOUT seconds (busy timeout):
    # longer than a certificate's PDF takes to render inside its transaction on a loaded host.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("OQU_SQLITE_TIMEOUT", "20")),
        "init_command": "PRAGMA journal_mode=WAL;",
    }

AUTH_USER_MODEL = "portal.User"
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Log-in rate limit (people.sign_in.login_view): failures per (IP, e-mail) before a lock, and
# its length.
OQU_LOGIN_MAX_FAILURES = int(os.environ.get("OQU_LOGIN_MAX_FAILURES", "5"))
OQU_LOGIN_LOCK_SECONDS = int(os.environ.get("OQU_LOGIN_LOCK_SECONDS", "900"))
# ... an account is locked only when this many different addresses failed on it (never by one);
OQU_LOGIN_ACCOUNT_ADDRESSES = int(os.environ.get("OQU_LOGIN_ACCOUNT_ADDRESSES", "10"))
# ... and one address is locked out of every account after this many failures on any accounts.
OQU_LOGIN_ADDRESS_MAX_FAILURES = int(os.environ.get("OQU_LOGIN_ADDRESS_MAX_FAILURES", "20"))
# The reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the
# client (people.throttle.client_ip); empty: REMOTE_ADDR is the client. Behind the documented
# nginx + gunicorn on one machine: 127.0.0.1.
OQU_TRUSTED_PROXIES = _env_list("OQU_TRUSTED_PROXIES", "")
# How long a sign-in link (forgotten password, invitation: oqu.portal.people.recovery) works.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("OQU_SIGN_IN_LINK_SECONDS", str(3 * 86400)))

# --- languages: Kazakh first, Russian, English (django's kk has no formats: ours) ----------
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [PORTAL_DIR / "locale"]
FORMAT_MODULE_PATH = ["oqu.portal.formats"]
TIME_ZONE = os.environ.get("OQU_TIME_ZONE", "Asia/Almaty")
USE_I18N = True
USE_TZ = True

# --- files: local disk by default, S3-compatible storage when OQU_S3_BUCKET is set -----------
STATIC_URL = "static/"
STATICFILES_DIRS = [PORTAL_DIR / "static"]  # the look every page shares (portal.css)
STATIC_ROOT = Path(os.environ.get("OQU_STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_ROOT = Path(os.environ.get("OQU_MEDIA_ROOT", str(DATA_DIR / "media")))
_default_storage: dict[str, Any] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(MEDIA_ROOT)},
}
if os.environ.get("OQU_S3_BUCKET"):
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["OQU_S3_BUCKET"],
            "endpoint_url": os.environ.get("OQU_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("OQU_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("OQU_S3_SECRET_ACCESS_KEY") or None,
            "region_name": os.environ.get("OQU_S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,  # private objects: links are signed and expire
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _default_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: anything over 256 KB streams to a temporary file, never held in memory; the cap
# on one submission is checked while the body streams (uploads.SizeCapHandler).
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
# ... into a folder of their own, so that what a killed process leaves there can be swept
# (``oqu portal sweep_files``, and every job worker at start: files older than the grace period).
FILE_UPLOAD_TEMP_DIR = os.environ.get("OQU_UPLOAD_TEMP_DIR", str(DATA_DIR / "upload-tmp"))
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
OQU_SWEEP_GRACE_SECONDS = float(os.environ.get("OQU_SWEEP_GRACE_SECONDS", "3600"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
OQU_MAX_UPLOAD_BYTES = int(os.environ.get("OQU_MAX_UPLOAD_MB", "500")) * 1024 * 1024
OQU_MAX_DOCUMENT_BYTES = int(os.environ.get("OQU_MAX_DOCUMENT_MB", "20")) * 1024 * 1024

# --- background jobs: django.tasks with the database backend (docs/dependencies.md) ---------
_tasks_backend = os.environ.get("OQU_TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[_tasks_backend]
    }
}

# A running job's lease (oqu.portal.workflow.worker): renewed every quarter of it; a job whose
# lease was not renewed that long (its worker died) runs again on another worker, at most
# OQU_JOB_MAX_ATTEMPTS times in all, then fails. A job longer than the time limit is stopped.
OQU_JOB_LEASE_SECONDS = float(os.environ.get("OQU_JOB_LEASE_SECONDS", "60"))
OQU_JOB_MAX_ATTEMPTS = int(os.environ.get("OQU_JOB_MAX_ATTEMPTS", "3"))
OQU_JOB_TIME_LIMIT_SECONDS = float(os.environ.get("OQU_JOB_TIME_LIMIT_SECONDS", "900"))

# The check job's smoke run (oqu check --smoke: the package played in headless Chromium, capped
# at 15 s by the library). "auto": asked for; when the library finds no Chromium or Playwright,
# the report says the run was skipped. "on": the same, and each job logs that as an error (a
# server meant to have it). "off": never.
OQU_CHECK_SMOKE = os.environ.get("OQU_CHECK_SMOKE", "auto").strip().lower()
if OQU_CHECK_SMOKE not in ("auto", "on", "off"):
    raise ImproperlyConfigured(f"OQU_CHECK_SMOKE is auto, on or off, not {OQU_CHECK_SMOKE!r}.")

# --- mail: printed on the console unless an SMTP server is configured ----------------------
_email_backend = os.environ.get("OQU_EMAIL_BACKEND", "oqu.portal.core.mail.ConsoleBackend")
if _email_backend == "oqu.portal.mail.ConsoleBackend":  # its path before the split into apps
    _email_backend = "oqu.portal.core.mail.ConsoleBackend"
_email_options: dict[str, Any] = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": os.environ.get("OQU_EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("OQU_EMAIL_PORT", "25")),
        "username": os.environ.get("OQU_EMAIL_USER", ""),
        "password": os.environ.get("OQU_EMAIL_PASSWORD", ""),
        "use_tls": _env_bool("OQU_EMAIL_TLS"),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = os.environ.get("OQU_FROM_EMAIL", "oqu@localhost")
OQU_BASE_URL = os.environ.get("OQU_BASE_URL", "http://127.0.0.1:8000")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"oqu.portal": {"handlers": ["console"], "level": "INFO"}},
}

# Labels shown in menus; kept here so makemessages sees them once.
OQU_UNIVERSITY = _("Almaty Technological University")
