"""Settings for wpapi, read from the environment with development defaults.

Every value a deployment changes comes from an environment variable; see README.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("WPAPI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
DEV_SECRET_KEY = "wpapi-insecure-development-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)


def refuse_dev_secret_key() -> None:
    """Serving (wsgi/asgi) with DEBUG off and the development SECRET_KEY is refused."""
    if SECRET_KEY == DEV_SECRET_KEY and not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is the development default; set SECRET_KEY, or DEBUG=1 for development."
        )


ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver,[::1]")

INSTALLED_APPS = [
    "wpapi.screens",  # the admin's screens and templates, before the admin they override
    "wpapi.apps.WPAdminConfig",  # Django admin under WordPress's roles
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "wpapi",
    "users",
    "content",
    "taxonomy",
    "comments",
    "wpimport",
    "extensions",
    "menus",
]

MIDDLEWARE = [
    # /healthz (before the Host check: load balancers probe by address) and the request log
    "wpapi.operations.OperationsMiddleware",
    # the content version is read at most once per request, the response cache's key included
    "wpapi.versions.ContentVersionMiddleware",
    "wpapi.middleware.WordPressCorsMiddleware",
    "wpapi.middleware.WordPressHeadersMiddleware",
    # anonymous REST reads answered from the cache skip everything below (wpapi.cache)
    "wpapi.cache.ResponseCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # the admin's CSS and JS from the app process itself (after `manage.py collectstatic`)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # site options are read once per request, never kept in the process between requests
    "wpapi.site.RequestOptionsMiddleware",
]

ROOT_URLCONF = "wpapi.urls"
# JSON bodies (a post's content) may be large; uploads stream past this limit
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 32 * 1024 * 1024))
WSGI_APPLICATION = "wpapi.wsgi.application"
APPEND_SLASH = False

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
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'wpapi.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers queue instead of failing with "database is locked": a write
    # transaction takes the write lock when it begins (a deferred one that read first cannot
    # wait for it and fails at once), waits up to `timeout` seconds for it, and readers never
    # block the writer nor each other under WAL.
    DATABASES["default"].setdefault("OPTIONS", {})
    for option, value in {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    }.items():
        DATABASES["default"]["OPTIONS"].setdefault(option, value)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Anonymous GET answers are reused (wpapi/cache.py) until a write raises the content version or
# this many seconds pass: in Redis with REDIS_URL, else in each process under the database's
# version, which every request reads. 0 turns it off.
WP_RESPONSE_CACHE_SECONDS = int(os.environ.get("WP_RESPONSE_CACHE_SECONDS", "30"))
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

AUTH_USER_MODEL = "users.User"
# Django's own hashers, then WordPress's hashes kept by import_wordpress (upgraded on login)
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "users.hashers.WordPressPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "/admin/login/"

LANGUAGE_CODE = "en-us"
USE_I18N = False
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise reads it at startup
MEDIA_URL = os.environ.get("MEDIA_URL", "/wp-content/uploads/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

# --- The WordPress site -------------------------------------------------------------------------
# Absolute URL of the site, used in `link`, `_links`, `guid` and the discovery `Link` header.
# Left empty, it is taken from each request's host (and X-Forwarded-* from trusted proxies).
WP_SITE_URL = os.environ.get("WP_SITE_URL", "").rstrip("/")
WP_SITE_NAME = os.environ.get("WP_SITE_NAME", "wpapi")
WP_SITE_DESCRIPTION = os.environ.get("WP_SITE_DESCRIPTION", "A WordPress-compatible REST API")
# The site's timezone: WordPress's `date` fields are site-local time, `date_gmt` are UTC.
WP_TIMEZONE = os.environ.get("WP_TIMEZONE", "UTC")
# Honour X-Forwarded-Proto / X-Forwarded-Host only from these proxy addresses ("*" = any).
WP_TRUSTED_PROXIES = env_list("WP_TRUSTED_PROXIES", "127.0.0.1,::1")
# Anonymous comments are off by default, as WordPress's REST API has them.
WP_ALLOW_ANONYMOUS_COMMENTS = env_bool("WP_ALLOW_ANONYMOUS_COMMENTS", False)
# Post types and taxonomies a project adds (see wpapi/registry/).
WP_POST_TYPES: dict = {}
WP_TAXONOMIES: dict = {}
# What a theme and plugins would declare (see extensions/ and menus/). The active theme as
# /wp/v2/themes shows it: headers under their REST names and `theme_supports` by feature, e.g.
# {"stylesheet": "mysite", "name": "My site", "theme_supports": {"post-thumbnails": True}};
# empty: extensions.queries.DEFAULT_THEME. Its theme mods (menu locations) live in the option
# theme_mods_<stylesheet>, as in WordPress.
WP_THEME: dict = {}
WP_INACTIVE_THEMES: list = []
# Plugins /wp/v2/plugins lists: {"dir/file": {"name": ..., "version": ..., ...}}
WP_PLUGINS: dict = {}
# register_nav_menus(): the menu locations of the front end, location -> description
WP_MENU_LOCATIONS: dict = {"primary": "Primary menu", "footer": "Footer menu"}
# Beyond WordPress: anyone (anonymous callers included) may read the menus assigned to a
# location and their published items, as every headless front end must; WordPress refuses (401).
WP_PUBLIC_MENUS = env_bool("WP_PUBLIC_MENUS", False)

# --- REST framework -----------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "users.authentication.ApplicationPasswordAuthentication",
        "users.authentication.CookieNonceAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["wpapi.renderers.WPJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "wpapi.params.WordPressJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "wpapi.renderers.AlwaysJSONNegotiation",
    "EXCEPTION_HANDLER": "wpapi.errors.wp_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

# --- CORS, as WordPress sends it: any Origin echoed back, with credentials -----------------------
CORS_ALLOWED_ORIGINS_SETTING = env_list("CORS_ALLOWED_ORIGINS")
if CORS_ALLOWED_ORIGINS_SETTING:
    CORS_ALLOWED_ORIGINS = CORS_ALLOWED_ORIGINS_SETTING
else:
    CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True
CORS_URLS_REGEX = r"^/(wp-json(/.*)?|)$"
CORS_ALLOW_METHODS = ["OPTIONS", "GET", "POST", "PUT", "PATCH", "DELETE"]
CORS_ALLOW_HEADERS = [
    "authorization",
    "x-wp-nonce",
    "content-disposition",
    "content-md5",
    "content-type",
]
CORS_EXPOSE_HEADERS = ["X-WP-Total", "X-WP-TotalPages", "Link"]

# Everything goes to standard error; `wpapi.request` logs one INFO line per request
# (wpapi/operations.py), REQUEST_LOG_LEVEL=WARNING silences it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"wpapi.request": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")}},
}

# Session cookies for browser clients using X-WP-Nonce.
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "wpapi.errors.csrf_failure"

# --- HTTPS ---------------------------------------------------------------------------------------
# With DEBUG off every one of these is on unless the environment says otherwise (`manage.py check
# --deploy` is clean with README's production environment); with DEBUG on they are off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# Origins allowed to POST forms (wp-login.php, authorize-application.php, the admin) besides the
# request's own host: the site URL's origin, and any listed.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") + (
    ["/".join(WP_SITE_URL.split("/")[:3])]
    if WP_SITE_URL.startswith(("http://", "https://"))
    else []
)
# "HTTP_X_FORWARDED_PROTO,https": requests carrying that header are HTTPS. Only when every
# request comes through a proxy that sets (and overwrites) it, so it is never on by default.
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    _header, _, _value = os.environ["SECURE_PROXY_SSL_HEADER"].partition(",")
    if not _value.strip():
        raise ImproperlyConfigured(
            "SECURE_PROXY_SSL_HEADER is 'HEADER,value', e.g. HTTP_X_FORWARDED_PROTO,https"
        )
    SECURE_PROXY_SSL_HEADER = (_header.strip(), _value.strip())

# --- Uploads served by the app (content/media/serving.py) ---------------------------------------
# How long browsers and CDNs keep an upload. A file name is used again after its attachment is
# deleted, so the default lets a new file show within a day; sites that never reuse names (or
# purge their CDN) can set WP_MEDIA_IMMUTABLE for a year, unrevalidated.
WP_MEDIA_MAX_AGE = int(os.environ.get("WP_MEDIA_MAX_AGE", "86400"))
WP_MEDIA_IMMUTABLE = env_bool("WP_MEDIA_IMMUTABLE", False)

# --- Failed logins (users/throttling.py) ---------------------------------------------------------
# Failed application-password and /wp-login.php attempts allowed per client address and per
# account within the window (seconds); then 429 until the window ends. 0 turns a limit off.
# Counted in Django's cache: shared by every process only with REDIS_URL.
WP_AUTH_FAILURES_PER_IP = int(os.environ.get("WP_AUTH_FAILURES_PER_IP", "10"))
WP_AUTH_FAILURES_PER_USER = int(os.environ.get("WP_AUTH_FAILURES_PER_USER", "10"))
WP_AUTH_FAILURE_WINDOW = int(os.environ.get("WP_AUTH_FAILURE_WINDOW", "300"))
