"""duluan settings: one module, driven only by DULUAN_* environment variables.

Every variable is listed in docs/settings.md. Production differs from the
embedded default (SQLite, in-process jobs) only by environment.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

from duluan.core.env import env_bool, env_int, env_list, env_secret, env_str
from duluan.core.storage import storage_backend, storages_setting

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var"))).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
DEMO_MODE = env_bool("DEMO_MODE", False)
# Two-factor sign-in may be waived only on a demo database (docs/settings.md).
TWO_FACTOR_WAIVED = DEMO_MODE and env_bool("WAIVE_2FA", False)


def _secret_key() -> str:
    """Use DULUAN_SECRET_KEY(_FILE); otherwise keep a generated key under var/."""
    configured = env_secret("SECRET_KEY")
    if configured:
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "ninja",
    "duluan.core",
    "duluan.org",
    "duluan.privacy",
    "duluan.audit",
    "duluan.notifications",
    "duluan.jobs",
    "duluan.intake",
    "duluan.cases",
    "duluan.nlp",
    "duluan.reporting",
    "duluan.surveys",
    "duluan.channels",
    "duluan.network",
    "duluan.media",
    "duluan.dashboard",
    "duluan.api",
    "duluan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "duluan.core.middleware.SecurityHeadersMiddleware",
    "duluan.core.middleware.ApiJsonErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "duluan.core.middleware.RefuseNulMiddleware",
    "duluan.core.middleware.RetryReadsOnLostConnectionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "duluan.core.middleware.SessionTimeoutMiddleware",
    "duluan.org.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "duluan.core.middleware.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "duluan.core.context_processors.site",
                "duluan.org.context_processors.nav",
            ],
        },
    },
]

# Production: connections and health (docs/operations.md). On PostgreSQL connections
# persist (60 s by default) and are checked before reuse, so a dropped one is replaced
# instead of answering 500. /healthz is exempt from the HTTPS redirect (a load balancer
# probes the loopback in plain HTTP). Processes refuse to start on unapplied migrations.
_database_url = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'duluan.sqlite3'}")
_on_postgres = _database_url.startswith(("postgres://", "postgresql://", "pgsql://"))
DATABASES = {
    "default": dj_database_url.parse(
        _database_url,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if _on_postgres else 0),
        conn_health_checks=True,
    )
}
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
ALLOW_UNAPPLIED_MIGRATIONS = env_bool("ALLOW_UNAPPLIED_MIGRATIONS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# A streaming replica for the dashboard and its exports (duluan.core.replica); docs/scale.md.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["duluan.core.replica.ReplicaRouter"]

# PostgreSQL only: intake_report partitioned by month of heard_at (duluan reports-partition
# --apply converts the table; beat keeps the next months' partitions). docs/scale.md.
REPORTS_PARTITIONED = env_bool("REPORTS_PARTITIONED", False)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "duluan" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/pico", NODE_MODULES / "@picocss" / "pico" / "css"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    # ODK's web form engine with our entry module, bundled by `npm run build` (Makefile).
    ("webform", BASE_DIR / "build" / "webform"),
]
# Serve straight from the finders (no collectstatic needed for `make run`);
# tests turn it off, since each test client would rescan every static file.
WHITENOISE_USE_FINDERS = env_bool("STATIC_FINDERS", True)
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Uploaded files: the local disk (default) or an S3-compatible bucket (docs/storage.md).
STORAGE_BACKEND = storage_backend()
STORAGES = storages_setting()
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 200_000)
# Text analytics (duluan.nlp): where model versions live; spike detection.
NLP_MODEL_DIR = Path(env_str("NLP_MODEL_DIR", str(VAR_DIR / "nlp" / "models")))
NLP_SPIKE_MIN_COUNT = env_int("NLP_SPIKE_MIN_COUNT", 5)
NLP_ISSUES_CACHE_SECONDS = env_int("NLP_ISSUES_CACHE_SECONDS", 900)
DASHBOARD_PANEL_STALE_SECONDS = env_int("DASHBOARD_PANEL_STALE_SECONDS", 60)
DASHBOARD_PANELS_CACHE_SECONDS = env_int("DASHBOARD_PANELS_CACHE_SECONDS", 30)
NLP_CORRECTION_WEIGHT = env_int("NLP_CORRECTION_WEIGHT", 3)
NLP_PROMOTION_MIN_HELD_OUT = env_int("NLP_PROMOTION_MIN_HELD_OUT", 30)
HOT_SPOT_REPORT_HOURS = env_int("HOT_SPOT_REPORT_HOURS", 24)
# Periodic reporting: days before a due date to remind; LibreOffice binary for PDF.
REPORTING_REMIND_DAYS = env_int("REPORTING_REMIND_DAYS", 3)
REPORTING_SOFFICE = env_str("REPORTING_SOFFICE", "")
# Anonymity (core/suppression.py): the smallest group shown as a figure anywhere
# (dashboard, surveys, every export). Its former names, DASHBOARD_MIN_CELL and
# SURVEY_MIN_CELL, are still read: the stricter of them is the default.
MIN_CELL = env_int("MIN_CELL", max(env_int("DASHBOARD_MIN_CELL", 5), env_int("SURVEY_MIN_CELL", 5)))
# The smallest group quoted from on the dashboard.
DASHBOARD_MIN_QUOTE = env_int("DASHBOARD_MIN_QUOTE", 10)
# Network: weeks without a report before a collaborator is listed inactive;
# working days a dialogue petition has to be answered by default.
NETWORK_INACTIVE_WEEKS = env_int("NETWORK_INACTIVE_WEEKS", 8)
NETWORK_PETITION_DAYS = env_int("NETWORK_PETITION_DAYS", 15)
# Hot-spot notifications: absolute links in e-mails, and an optional signed
# webhook (a Zalo or SMS gateway) told of every new hot spot.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
HOT_SPOT_WEBHOOK_URL = env_str("HOT_SPOT_WEBHOOK_URL", "")
HOT_SPOT_WEBHOOK_SECRET = env_secret("HOT_SPOT_WEBHOOK_SECRET", "") or ""
HOT_SPOT_WEBHOOK_TIMEOUT = 5
HOT_SPOT_WEBHOOK_ATTEMPTS = env_int("HOT_SPOT_WEBHOOK_ATTEMPTS", 6)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Jobs: in-process unless a broker is configured (production: Redis + Celery).
BROKER_URL = env_str("BROKER_URL", "")
CELERY_BROKER_URL = BROKER_URL or "memory://"
# Eager: a queued task runs at once in the calling process (the embedded
# default; the test suite sets it even when a broker is configured).
CELERY_TASK_ALWAYS_EAGER = env_bool("TASKS_EAGER", not BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# Jobs that are never lost (duluan.jobs, docs/operations.md): every job is a row
# written with the data; Celery only carries its id. A message is acknowledged
# after the work (a killed worker's message goes back), one at a time per
# process, and Redis hands an unacknowledged message out again only after the
# longest job could have finished.
JOB_TIME_LIMIT = env_int("JOB_TIME_LIMIT", 1800)
JOBS_REDISPATCH_SECONDS = env_int("JOBS_REDISPATCH_SECONDS", 60)
JOBS_IN_THREADS = env_bool("JOBS_IN_THREADS", not BROKER_URL)
JOBS_OUTPUT_HOURS = env_int("JOBS_OUTPUT_HOURS", 24)
# /healthz reports "degraded" when the oldest due job has waited longer than this.
JOBS_HEALTH_MAX_WAIT_SECONDS = env_int("JOBS_HEALTH_MAX_WAIT_SECONDS", 300)
# Send each job to its kind's queue (ingest, nlp, reports) for workers that
# listen to some of them (docs/scale.md); off, every job uses the default queue.
JOBS_SPLIT_QUEUES = env_bool("JOBS_SPLIT_QUEUES", False)
if JOBS_SPLIT_QUEUES:
    # Periodic tasks by name; the sweep on ingest, never behind an export.
    CELERY_TASK_DEFAULT_QUEUE = "ingest"
    CELERY_TASK_ROUTES = {
        "jobs.sweep": {"queue": "ingest"},
        "nlp.*": {"queue": "nlp"},
        "dashboard.*": {"queue": "reports"},
        "reporting.*": {"queue": "reports"},
        "cases.*": {"queue": "reports"},
        "network.*": {"queue": "reports"},
        "privacy.*": {"queue": "reports"},
        "intake.*": {"queue": "reports"},
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# max_retries 0: sending a job tries the broker once. Without it kombu retries the
# connection for about 6 s on every send while the broker is down, holding the web
# request (and the worker's task) that sends it; the job's row is already written and
# the jobs sweep sends it once the broker is back (docs/jobs.md). A worker's own
# consumer reconnects under CELERY_BROKER_CONNECTION_MAX_RETRIES, not this.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": JOB_TIME_LIMIT + 600, "max_retries": 0}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True

CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security. DULUAN_HTTPS=1 behind TLS in production (docs/settings.md).
HTTPS = env_bool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 12 * 3600
SESSION_IDLE_SECONDS = 30 * 60
SESSION_ABSOLUTE_SECONDS = 12 * 3600
X_FRAME_OPTIONS = "DENY"

# E-mail (password reset, notifications). Console output unless a host is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "duluan <no-reply@localhost>")
PASSWORD_RESET_TIMEOUT = 2 * 3600

# API: requests a token may make per minute before answering 429.
API_RATE_PER_MINUTE = env_int("API_RATE_PER_MINUTE", 240)
API_TOKENS_PER_ACCOUNT = env_int("API_TOKENS_PER_ACCOUNT", 5)
# How long POST /api/reports remembers an Idempotency-Key (a client retrying later sends a new report).
API_IDEMPOTENCY_HOURS = env_int("API_IDEMPOTENCY_HOURS", 24)

# Personal data (docs/security.md): retention per kind, and the erasure ledger
# kept outside the database so that a restore cannot bring erased data back.
RETENTION_DAYS = {
    "reporter_identity": env_int("RETENTION_IDENTITY_DAYS", 730),
    "report_text": env_int("RETENTION_REPORT_TEXT_DAYS", 1825),
    "attachments": env_int("RETENTION_ATTACHMENT_DAYS", 730),
    "login_attempts": env_int("RETENTION_LOGIN_DAYS", 180),
    "audit": env_int("RETENTION_AUDIT_DAYS", 730),
}
ERASURE_LEDGER = env_str("ERASURE_LEDGER", str(VAR_DIR / "privacy" / "erasure-ledger.jsonl"))

# Reporter identity and "my reports" keys are keyed hashes, not raw user ids.
SUBMITTER_KEY_SALT = "duluan.intake.submitter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per finished task is noise when jobs run in-process (the embedded default).
    "loggers": {
        "celery.app.trace": {"level": "WARNING"},
        # One line per feed or article fetched (docs/media.md): the media health table says it.
        "httpx": {"level": "WARNING"},
    },
}

# Surveys (docs/surveys.md): anonymity thresholds applied to every page and export.
SURVEY_MIN_TEXT = env_int("SURVEY_MIN_TEXT", 10)
# Map tiles under geopoint/geotrace/geoshape questions on the web form: empty (the
# default) lets the respondent's browser contact no third party; a tile URL
# template's origin is then allowed in the page's CSP img-src (surveys/webform.py).
SURVEY_MAP_TILES = env_str("SURVEY_MAP_TILES", "")

# Press and social listening (docs/media.md): polite fetching of feeds and sitemaps.
MEDIA_TIMEOUT_SECONDS = env_int("MEDIA_TIMEOUT_SECONDS", 20)
MEDIA_DOMAIN_DELAY_SECONDS = float(env_int("MEDIA_DOMAIN_DELAY_MS", 2000)) / 1000
MEDIA_MAX_BYTES = env_int("MEDIA_MAX_BYTES", 5 * 1024 * 1024)
MEDIA_MAX_FAILURES = env_int("MEDIA_MAX_FAILURES", 5)
MEDIA_FETCH_ARTICLES = env_bool("MEDIA_FETCH_ARTICLES", True)

# The anonymous tip page (docs/channels.md, "Trang góp ý ẩn danh"): throttles that
# count tips, never people, and the signed form's age limits.
TIP_RATE_UNIT = env_int("TIP_RATE_UNIT", 30)  # tips per unit per hour
TIP_RATE_GLOBAL = env_int("TIP_RATE_GLOBAL", 300)  # tips over the site per hour
TIP_MIN_FILL_SECONDS = env_int("TIP_MIN_FILL_SECONDS", 3)
TIP_FORM_MAX_AGE = env_int("TIP_FORM_MAX_AGE", 4 * 3600)
TIP_LOOKUP_FAILURES = env_int("TIP_LOOKUP_FAILURES", 60)  # wrong codes per 10 minutes
TIP_FOLLOW_UPS_MAX = env_int("TIP_FOLLOW_UPS_MAX", 20)

# Inbound channels (duluan.channels, docs/channels.md): every channel is off on
# the embedded default; DULUAN_CHANNELS=zalo,email,sms switches them on.
CHANNELS = env_list("CHANNELS", [])
CHANNELS_RATE_PER_HOUR = env_int("CHANNELS_RATE_PER_HOUR", 20)
CHANNELS_REPLIES = env_bool("CHANNELS_REPLIES", True)
CHANNELS_SEAL_KEY = env_secret("CHANNELS_SEAL_KEY") or ""
# The secret ``duluan channel simulate`` signs recorded payloads with (tests, demo).
CHANNELS_TEST_SECRET = env_str("CHANNELS_TEST_SECRET", "duluan-thu-nghiem")
RETENTION_DAYS["channel_payload"] = env_int("RETENTION_CHANNEL_PAYLOAD_DAYS", 90)
ZALO_APP_ID = env_str("ZALO_APP_ID", "")
ZALO_APP_SECRET = env_secret("ZALO_APP_SECRET") or ""
ZALO_OA_SECRET_KEY = env_secret("ZALO_OA_SECRET_KEY") or ""
ZALO_API_BASE = env_str("ZALO_API_BASE", "https://openapi.zalo.me")
ZALO_OAUTH_BASE = env_str("ZALO_OAUTH_BASE", "https://oauth.zaloapp.com")
# Zalo quotas (docs/channels.md has the sources): replies within 48 h of the
# follower's message (8 of them); proactive template messages per month for a
# verified OA; per follower per month and per day.
ZALO_REPLY_WINDOW_HOURS = env_int("ZALO_REPLY_WINDOW_HOURS", 48)
ZALO_REPLIES_PER_WINDOW = env_int("ZALO_REPLIES_PER_WINDOW", 8)
ZALO_TEMPLATE_MONTHLY = env_int("ZALO_TEMPLATE_MONTHLY", 1000)
ZALO_FOLLOWER_MONTHLY = env_int("ZALO_FOLLOWER_MONTHLY", 4)
ZALO_FOLLOWER_DAILY = env_int("ZALO_FOLLOWER_DAILY", 1)
# Hosts attachments a follower sends are fetched from (https only, nowhere else).
ZALO_MEDIA_HOSTS = env_list("ZALO_MEDIA_HOSTS", ["zadn.vn", "zdn.vn", "zalo.me", "zaloapp.com"])
ZALO_TEMPLATE_PATH = env_str("ZALO_TEMPLATE_PATH", "/v3.0/oa/message/transaction")
# The approved template a rumour correction goes out in past the reply window, and
# the template's parameter that takes the text (docs/channels.md, "Đính chính").
ZALO_CORRECTION_TEMPLATE = env_str("ZALO_CORRECTION_TEMPLATE", "")
ZALO_CORRECTION_TEMPLATE_FIELD = env_str("ZALO_CORRECTION_TEMPLATE_FIELD", "noi_dung")
# The approved template a direction goes down in to the Zalo OA followers of its
# target units (empty: off), and its parameter that takes the direction's text.
ZALO_DIRECTION_TEMPLATE = env_str("ZALO_DIRECTION_TEMPLATE", "")
ZALO_DIRECTION_TEMPLATE_FIELD = env_str("ZALO_DIRECTION_TEMPLATE_FIELD", "noi_dung")
# SMS: the signing key of the SMS gateway's webhooks (docs/channels.md).
SMS_WEBHOOK_SECRET = env_secret("SMS_WEBHOOK_SECRET") or ""
# SMS out (corrections): the gateway's send API (cloud server, or the phone's local
# server) and its Basic-auth credentials. No user: SMS senders are not answered.
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "https://api.sms-gate.app/3rdparty/v1")
SMS_GATEWAY_USER = env_str("SMS_GATEWAY_USER", "")
SMS_GATEWAY_PASSWORD = env_secret("SMS_GATEWAY_PASSWORD") or ""
# SMS in through eSMS.vn's short code (HTTP GET, signed with the CP's private key;
# docs/channels.md): empty key, every such call refused; a CP id, others' refused.
ESMS_PRIVATE_KEY = env_secret("ESMS_PRIVATE_KEY") or ""
ESMS_CPID = env_str("ESMS_CPID", "")
# E-mail: IMAP polling (processed mail moves to the done folder, never deleted).
MAIL_IMAP_HOST = env_str("MAIL_IMAP_HOST", "")
MAIL_IMAP_PORT = env_int("MAIL_IMAP_PORT", 993)
MAIL_IMAP_USER = env_str("MAIL_IMAP_USER", "")
MAIL_IMAP_PASSWORD = env_secret("MAIL_IMAP_PASSWORD") or ""
MAIL_IMAP_FOLDER = env_str("MAIL_IMAP_FOLDER", "INBOX")
MAIL_IMAP_DONE_FOLDER = env_str("MAIL_IMAP_DONE_FOLDER", "DaXuLy")
# The domain of our own Message-IDs: mail that comes back with it is never filed.
MAIL_MESSAGE_ID_DOMAIN = env_str("MAIL_MESSAGE_ID_DOMAIN", "duluan.invalid")
