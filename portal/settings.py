"""Settings for Gongkai, read from the environment (one module, no secrets in the repo).

Environment:
  DATABASE_URL          default sqlite:///<project>/db.sqlite3; postgres://user@host:5432/name for PostgreSQL
  DJANGO_DEBUG          "1"/"true" for development; off by default
  DJANGO_SECRET_KEY     required when debug is off
  DJANGO_ALLOWED_HOSTS  comma-separated; default localhost names
  DJANGO_EMAIL_URL      "console" (default), "smtp://user:pass@host:port", or "locmem"
  DJANGO_EMAIL_TIMEOUT  seconds for an SMTP connection (default 10)
  DJANGO_CACHE_URL      redis://host:6379/0 for a cache shared by all workers; default per-process memory
  DJANGO_DEFAULT_FROM_EMAIL, DJANGO_SITE_NAME, GONGKAI_ATTACHMENT_MAX_MB, GONGKAI_FORBID_SELF_APPROVAL,
  GONGKAI_CATALOG_XLSX_MAX_MB, GONGKAI_REQUESTS_APPLY_PER_HOUR, GONGKAI_REQUESTS_TRACK_PER_HOUR,
  GONGKAI_PUBLIC_PAGE_CACHE_SECONDS, GONGKAI_SUPERVISION_CACHE_SECONDS, GONGKAI_PARTICIPATION_FEEDBACK_WORKING_DAYS,
  GONGKAI_PARTICIPATION_COMMENTS_PER_HOUR, GONGKAI_OPEN_DAY_SIGNUPS_PER_HOUR, GONGKAI_API_RATE, GONGKAI_SITE_URL,
  GONGKAI_ALERTS_SUBSCRIBE_PER_HOUR, GONGKAI_EXPORTS_PER_HOUR, GONGKAI_CACHE_TIMEOUT_SECONDS,
  GONGKAI_LOGIN_FAILURE_LIMIT, GONGKAI_LOGIN_LOCKOUT_MINUTES, GONGKAI_TASKS_BACKEND, GONGKAI_KIOSK_IDLE_SECONDS,
  GONGKAI_STORED_PLAIN_PAGES, GONGKAI_FILTER_ORGANISATIONS_MAX
  GONGKAI_TEMPLATE_DIR  a county's own copies of templates (e-mail wording), searched before the shipped ones
  Deployment (docs/deployment.md lists every variable): DATABASE_REPLICA_URLS, GONGKAI_REPLICA_STICKY_SECONDS,
  GONGKAI_REPLICA_CONNECT_TIMEOUT, GONGKAI_TRUSTED_PROXIES, DJANGO_USE_X_FORWARDED_HOST,
  DJANGO_CSRF_TRUSTED_ORIGINS, GONGKAI_S3_BUCKET, GONGKAI_S3_ENDPOINT_URL, GONGKAI_S3_REGION, GONGKAI_S3_PREFIX
"""

import datetime as dt
import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Under pytest the suite supplies its own key and plain static storage.
TESTING = "pytest" in sys.modules or env_bool("GONGKAI_TESTING", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-do-not-use-in-production-0123456789"
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
        )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # Django's widget templates, for the site's form renderer (FORM_RENDERER below)
    "django.contrib.postgres",
    "django_filters",
    "guardian",
    "auditlog",
    "axes",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "js_asset",
    "django_prose_editor",  # the document body's rich-text editor (disclosure/widgets.py); its assets are static files
    "portal",
    "catalog",
    "disclosure",
    "requests_app",
    "participation",
    "api",
    "alerts",
    "interaction",
    "supervision",
    "villages",
    "servicehall",
    "sitereport",
    "column",
]
if "pytest" in sys.modules:  # a throwaway app proving the shell is open (tests/shellapp)
    INSTALLED_APPS.append("tests.shellapp")

MIDDLEWARE = [
    "portal.proxy.TrustedProxyMiddleware",  # first: REMOTE_ADDR is the client's, not the proxy's, for everything
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # only /api/ (CORS_URLS_REGEX), before anything that answers
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files answered here, compressed ahead of time
    # Pages compressed on the way out; below it the ETag is computed on the uncompressed body (GZip then makes
    # it weak) and If-None-Match / If-Modified-Since answered with 304, cached pages included (portal/caching.py).
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "sitereport.middleware.VisitCountingMiddleware",  # public page views into the cache, never the database
    "portal.middleware.StyledMethodNotAllowedMiddleware",  # a 405 in the site's shell (needs request.user)
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

if os.environ.get("DATABASE_REPLICA_URLS", "").strip():
    # Before anything that reads the database (sessions, whitenoise does not): decides replica or primary.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "portal.dbrouting.ReplicaRoutingMiddleware",
    )

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # GONGKAI_TEMPLATE_DIR: a county's own copies of templates (e-mail wording, …) win over the shipped ones.
        "DIRS": [Path(d) for d in [os.environ.get("GONGKAI_TEMPLATE_DIR", ""), BASE_DIR / "templates"] if d],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "portal.canonical.canonical",
            ],
        },
    },
]

# Every form renders through templates/forms/form.html and field.html (portal/formrendering.py).
FORM_RENDERER = "portal.formrendering.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The portal's queries are short; PostgreSQL's JIT once spent 2.8 s compiling a mis-costed search plan
    # (docs/performance.md), so it is off for the portal's connections.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
# Read replicas (portal/dbrouting.py, docs/deployment.md): DATABASE_REPLICA_URLS is a comma-separated list of
# streaming replicas of the primary. Anonymous GET/HEAD pages read from one of them; writes, staff, sessions,
# transactions and a client's requests just after its own write use the primary; a replica that does not
# answer within GONGKAI_REPLICA_CONNECT_TIMEOUT seconds is skipped. Under tests each replica is a TEST MIRROR of
# the primary (pytest-django creates one test database); tests/infra points it at the real replica, which
# streams the primary's test database like every other (docs/deployment.md "Testing the replica routing").
_replica_urls = env_list("DATABASE_REPLICA_URLS", "")
GONGKAI_REPLICA_STICKY_SECONDS = int(os.environ.get("GONGKAI_REPLICA_STICKY_SECONDS", "30"))
for _number, _url in enumerate(_replica_urls, start=1):
    _replica = dj_database_url.parse(_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True)
    if _replica["ENGINE"] != DATABASES["default"]["ENGINE"]:
        raise ImproperlyConfigured("DATABASE_REPLICA_URLS must name replicas of the DATABASE_URL database")
    _replica.setdefault("OPTIONS", {}).update(
        {"options": "-c jit=off", "connect_timeout": int(os.environ.get("GONGKAI_REPLICA_CONNECT_TIMEOUT", "2"))}
    )
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica_{_number}"] = _replica
DATABASE_ROUTERS = ["portal.dbrouting.ReplicaRouter"] if _replica_urls else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before the password is checked
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:workspace"
LOGOUT_REDIRECT_URL = "portal:home"
GUARDIAN_RAISE_403 = True
# Login throttling (django-axes, kept in the database so it holds when Redis is down): after
# GONGKAI_LOGIN_FAILURE_LIMIT wrong passwords for one username, or from one client address, further logins
# of that username / from that address are refused for GONGKAI_LOGIN_LOCKOUT_MINUTES; the supervising
# office unlocks at once in the admin (访问尝试 → delete the attempts).
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("GONGKAI_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.views.login_locked_out"
AXES_VERBOSE = False
ANONYMOUS_USER_NAME = None  # no guardian anonymous user: the public sees only what querysets allow

# Language and time: Chinese first, English through i18n.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Attachments live outside any public URL; only a view that passes the visibility gate serves them.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("GONGKAI_PRIVATE_ROOT", str(BASE_DIR / "private"))},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Attachments in S3-compatible object storage instead (docs/deployment.md): GONGKAI_S3_BUCKET names a private
# bucket; GONGKAI_S3_ENDPOINT_URL (MinIO, Ceph, a cloud's S3 endpoint), GONGKAI_S3_REGION, and the keys in
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (boto3 reads them). Objects are private; the app's download
# views still serve every file after the public gate, so no object URL is ever handed out.
if os.environ.get("GONGKAI_S3_BUCKET"):
    STORAGES["private"] = {
        "BACKEND": "portal.objectstorage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["GONGKAI_S3_BUCKET"],
            "endpoint_url": os.environ.get("GONGKAI_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("GONGKAI_S3_REGION") or None,
            "location": os.environ.get("GONGKAI_S3_PREFIX", "private"),
        },
    }
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "media/"  # nothing is served from here: attachments use the "private" storage

# E-mail: console by default so a fresh machine needs no mail server (Django 6.1 MAILERS).
_email_url = os.environ.get("DJANGO_EMAIL_URL", "console")
# Seconds an SMTP connection may take; mail is sent by a task after commit (portal/mail.py), never in a page.
GONGKAI_EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
if _email_url in {"console", "locmem"}:
    _mailer = {"BACKEND": f"django.core.mail.backends.{_email_url}.EmailBackend"}
else:
    _mail = urlparse(_email_url)
    _mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _mail.hostname or "localhost",
            "port": _mail.port or 25,
            "username": unquote(_mail.username or ""),
            "password": unquote(_mail.password or ""),
            "use_tls": _mail.scheme == "smtp+tls",
            "timeout": GONGKAI_EMAIL_TIMEOUT,
        },
    }
MAILERS = {"default": _mailer}
# Background tasks (django.tasks): mail is queued here. GONGKAI_TASKS_BACKEND=database (the default with debug
# off) keeps the queue in the database (django-tasks-db): a page only inserts a row after commit, and the
# `manage.py db_worker` process delivers, retrying a failed delivery later (portal/mail.py). "immediate" runs
# each task in the process at commit (development and tests: no worker to start).
_tasks_backend = os.environ.get("GONGKAI_TASKS_BACKEND", "immediate" if DEBUG or TESTING else "database")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if _tasks_backend == "database"
            else "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# One cache shared by every worker process in production (the request form's throttle counts in it):
# DJANGO_CACHE_URL=redis://127.0.0.1:6379/0. Without it, a per-process memory cache (development, tests).
_cache_url = os.environ.get("DJANGO_CACHE_URL", "")
# Short socket timeouts: a Redis that is down or hangs costs a page at most this long, and portal/caching.py
# then renders without the cache for a while (docs/operations.md).
_cache_timeout = float(os.environ.get("GONGKAI_CACHE_TIMEOUT_SECONDS", "0.3"))
CACHES = {
    "default": (
        {
            "BACKEND": "portal.rediscache.RedisCache",  # Django's, with one client per pool
            "LOCATION": _cache_url,
            "OPTIONS": {"socket_connect_timeout": _cache_timeout, "socket_timeout": _cache_timeout},
        }
        if _cache_url.startswith(("redis://", "rediss://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Security. With debug off, `manage.py check --deploy` is clean.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# A form sent with a missing or stale token gets the site's page (translated, with a way back), not Django's.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind a reverse proxy (docs/deployment.md): the proxy's addresses or networks, whose X-Forwarded-For names
# the client (portal/proxy.py); the Host header is the proxy's unless it forwards the client's (nginx
# `proxy_set_header Host $host` does; then DJANGO_USE_X_FORWARDED_HOST stays off). HTTPS is recognised by
# X-Forwarded-Proto: https (SECURE_PROXY_SSL_HEADER above), which the proxy must set and never pass through.
GONGKAI_TRUSTED_PROXIES = env_list("GONGKAI_TRUSTED_PROXIES", "")
USE_X_FORWARDED_HOST = env_bool("DJANGO_USE_X_FORWARDED_HOST", False)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
# All assets are served from this origin; no CDN, no inline script — except the one import map the body editor
# needs (<script type="importmap">, browsers take no src for it), rendered with the request's nonce. The nonce
# appears in the header only on pages that render it (the staff document form, the admin), never on cached pages.
# The editor (Tiptap) adds its base stylesheet as a <style> element with fixed text; its hash lets exactly that text
# in (tests/disclosure/test_editor.py recomputes it from the installed editor.js, so an upgrade that changes it fails).
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, EDITOR_STYLE_HASH],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_without_traceback": {"()": "portal.logfilters.ForbiddenWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["forbidden_without_traceback"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {"jieba": {"level": "WARNING"}},
}

# Gongkai's own settings.
GONGKAI_SITE_NAME = os.environ.get("DJANGO_SITE_NAME", "公开 · 政务公开平台")
# The site's identity (政府网站发展指引, 国办发〔2017〕47号): footer and <meta> labels show what is set, nothing
# is shown by default (portal/site_identity.py). Settings of the deployment rather than a database row, so
# every page reads them without a query and they hold when the database or cache is down.
GONGKAI_SITE_IDENTITY = {
    "sponsor": os.environ.get("GONGKAI_SITE_SPONSOR", ""),  # 主办单位
    "operator": os.environ.get("GONGKAI_SITE_OPERATOR", ""),  # 承办单位
    "contact": os.environ.get("GONGKAI_SITE_CONTACT", ""),  # 联系方式 (phone, e-mail)
    "site_domain": os.environ.get("GONGKAI_SITE_DOMAIN", ""),  # SiteDomain; empty: the host of the request
    "site_id_code": os.environ.get("GONGKAI_SITE_ID_CODE", ""),  # 网站标识码 (10 characters)
    "icp_number": os.environ.get("GONGKAI_SITE_ICP_NUMBER", ""),  # ICP备案号, linked to beian.miit.gov.cn
    "police_number": os.environ.get("GONGKAI_SITE_POLICE_NUMBER", ""),  # 公安机关备案号, linked to beian.gov.cn
    "badge_url": os.environ.get("GONGKAI_SITE_BADGE_URL", ""),  # 党政机关网站标识 verification page
}
GONGKAI_ATTACHMENT_MAX_BYTES = int(os.environ.get("GONGKAI_ATTACHMENT_MAX_MB", "50")) * 1024 * 1024
GONGKAI_FORBID_SELF_APPROVAL = env_bool("GONGKAI_FORBID_SELF_APPROVAL", True)
GONGKAI_CATALOG_XLSX_MAX_BYTES = int(os.environ.get("GONGKAI_CATALOG_XLSX_MAX_MB", "5")) * 1024 * 1024
# Catalog workbooks larger than this are imported by the task worker, with a progress page (about 3,000 rows).
GONGKAI_CATALOG_BACKGROUND_BYTES = 200 * 1024
# Long work that must not hold a request (large catalog imports) goes to a queue in the database, worked by
# `manage.py db_worker --backend background` (django-tasks-db); "default" above stays the mail backend.
TASKS["background"] = {"BACKEND": "django_tasks_db.DatabaseBackend"}
# Throttles of the public request pages, per client address and hour.
GONGKAI_REQUESTS_APPLY_PER_HOUR = int(os.environ.get("GONGKAI_REQUESTS_APPLY_PER_HOUR", "10"))
GONGKAI_REQUESTS_TRACK_PER_HOUR = int(os.environ.get("GONGKAI_REQUESTS_TRACK_PER_HOUR", "30"))
# Service-hall kiosk (servicehall/): seconds without a touch before the screen warns, then clears itself.
GONGKAI_KIOSK_IDLE_SECONDS = int(os.environ.get("GONGKAI_KIOSK_IDLE_SECONDS", "120"))
# Messages, error reports and interview questions accepted per client address and hour (each form on its own).
GONGKAI_INTERACTION_SUBMIT_PER_HOUR = int(os.environ.get("GONGKAI_INTERACTION_SUBMIT_PER_HOUR", "10"))
# Online applications count as received only when staff confirm them (Art. 31); unconfirmed after this many
# working days they are listed as overdue to confirm.
GONGKAI_REQUESTS_CONFIRM_WORKING_DAYS = int(os.environ.get("GONGKAI_REQUESTS_CONFIRM_WORKING_DAYS", "2"))
# Participation: feedback on a consultation is due this many working days after it closes (a local policy
# choice; no national rule fixes it), and the public forms' hourly limits per client.
GONGKAI_PARTICIPATION_FEEDBACK_WORKING_DAYS = int(os.environ.get("GONGKAI_PARTICIPATION_FEEDBACK_WORKING_DAYS", "20"))
GONGKAI_PARTICIPATION_COMMENTS_PER_HOUR = int(os.environ.get("GONGKAI_PARTICIPATION_COMMENTS_PER_HOUR", "10"))
GONGKAI_OPEN_DAY_SIGNUPS_PER_HOUR = int(os.environ.get("GONGKAI_OPEN_DAY_SIGNUPS_PER_HOUR", "5"))
# Cookie that remembers the large-text / high-contrast display (适老化模式).
GONGKAI_DISPLAY_COOKIE = "gk_display"
# Lifetime of a cached public page for anonymous readers (portal/caching.py); 0 turns the page cache off.
# Off by default with a per-process memory cache outside development and tests: each worker would keep its
# own pages, and a withdrawal handled by one worker would not reach the others' copies.
_shared_cache = _cache_url.startswith(("redis://", "rediss://"))
GONGKAI_PUBLIC_PAGE_CACHE_SECONDS = int(
    os.environ.get("GONGKAI_PUBLIC_PAGE_CACHE_SECONDS", "300" if _shared_cache or DEBUG or TESTING else "0")
)
# Whole pages of plain public addresses stored for anonymous readers (portal/plain_pages.py). They are served
# while the public-content generation they were rendered under is current, so they need the generation every
# worker sees: on by default with a shared cache, in development and in tests (one process), off otherwise.
GONGKAI_STORED_PLAIN_PAGES = os.environ.get(
    "GONGKAI_STORED_PLAIN_PAGES", "1" if _shared_cache or DEBUG or TESTING else "0"
).strip().lower() in ("1", "true", "yes", "on")
# Above this many organisations the document filters' select lists the government organs only, without the
# village and community committees (disclosure/filters.py: 3,009 options made a 180 kB list page).
GONGKAI_FILTER_ORGANISATIONS_MAX = int(os.environ.get("GONGKAI_FILTER_ORGANISATIONS_MAX", "400"))
# Lifetime of the supervising office's cached indicator values (supervision/cache.py); 0 computes them live.
# Like the page cache: off with a per-process memory cache outside development; tests turn it on where they
# check it (query-count tests measure the computation itself), whatever DJANGO_DEBUG says (`make test` sets it).
GONGKAI_SUPERVISION_CACHE_SECONDS = int(
    os.environ.get("GONGKAI_SUPERVISION_CACHE_SECONDS", "600" if (_shared_cache or DEBUG) and not TESTING else "0")
)

# The read-only public API (api/): JSON only, no sessions or CSRF, one throttle per client address in the
# default (shared) cache; GONGKAI_API_RATE like "120/min", "2000/hour", or "off".
_api_rate = os.environ.get("GONGKAI_API_RATE", "120/min")
GONGKAI_API_RATE = None if _api_rate.lower() in {"", "off", "0", "none"} else _api_rate
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.views.exception_handler",
    "NUM_PROXIES": 0,  # the client is REMOTE_ADDR (the deployment sets it), never a client-sent X-Forwarded-For
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gongkai 公开 API",
    "DESCRIPTION": "Read-only access to everything the portal publishes: organisations, catalogs, documents, "
    "interpretations, clean-up results and annual reports.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",  # served by whitenoise from this origin: CSP forbids CDNs
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ValidityEnum": "disclosure.models.Validity.choices"},
}
# CORS: any origin may read the API (GET/HEAD); nothing else of the site is shared cross-origin.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

# E-mail alerts (alerts/): links in the daily digest are absolute, and cron has no request to take them from.
GONGKAI_SITE_URL = os.environ.get("GONGKAI_SITE_URL", "http://localhost:8000")
GONGKAI_ALERTS_SUBSCRIBE_PER_HOUR = int(os.environ.get("GONGKAI_ALERTS_SUBSCRIBE_PER_HOUR", "10"))
# CSV/xlsx exports of the document list and search results (disclosure/exports.py), per client address and hour.
GONGKAI_EXPORTS_PER_HOUR = int(os.environ.get("GONGKAI_EXPORTS_PER_HOUR", "60"))
