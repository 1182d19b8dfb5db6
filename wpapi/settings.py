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
]

MIDDLEWARE = [
    "wpapi.middleware.WordPressCorsMiddleware",
    "wpapi.middleware.WordPressHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # the admin's CSS and JS from the app process itself (after `manage.py collectstatic`)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

# Anonymous GET answers are cached (wpapi/cache.py) when the cache is shared by every process:
# on by default with Redis, off otherwise (a per-process cache would serve stale answers).
WP_RESPONSE_CACHE_SECONDS = int(
    os.environ.get("WP_RESPONSE_CACHE_SECONDS", "30" if os.environ.get("REDIS_URL") else "0")
)
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

AUTH_USER_MODEL = "users.User"
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Session cookies for browser clients using X-WP-Nonce.
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "wpapi.errors.csrf_failure"
