"""A shared cache of anonymous GET responses, emptied by any write.

Frontends mostly read public content anonymously; those answers are the same for everyone, so
they are kept (rendered bytes and headers) in Django's cache — Redis when REDIS_URL is set, so
every app process shares it. Any saved or deleted row of the site's models bumps one version
number that is part of every key, which retires every stored answer at once. Requests that
carry credentials (Authorization, X-WP-Nonce, _wpnonce) are never served from or stored in it.

On by default only with a shared cache (REDIS_URL); WP_RESPONSE_CACHE_SECONDS sets it. With a
per-process cache (no REDIS_URL) it stays off whatever that says: a write made in one process
could not retire the answers another process keeps. When the cache does not answer, requests
are served without it (and a warning is logged) rather than failing.
"""

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

from wpapi import versions

logger = logging.getLogger(__name__)

VERSION_KEY = "wpapi:content-version"
# Headers that depend on the request, not on the answer; the middleware adds them each time.
PER_REQUEST_HEADERS = {
    "vary",
    "access-control-allow-origin",
    "access-control-allow-credentials",
    "access-control-allow-methods",
    "access-control-allow-headers",
    "access-control-expose-headers",
    "content-length",
}
CACHED_APPS = {"content", "taxonomy", "comments", "users", "wpapi"}


# Backends whose entries live in one process: nothing kept there can be retired by a write made
# in another process.
PER_PROCESS_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def is_shared() -> bool:
    """Is the default cache one that every app process sees (Redis, Memcached, a database)?"""
    return settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_BACKENDS


def enabled() -> bool:
    return getattr(settings, "WP_RESPONSE_CACHE_SECONDS", 0) > 0 and is_shared()


def content_version() -> int | None:
    """The current version, or None when the cache does not answer."""
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, 1, None)
            version = cache.get(VERSION_KEY, 1)
    except Exception:
        logger.warning("The cache does not answer; serving without it", exc_info=True)
        return None
    return version


def bump(**_: Any) -> None:
    """Something changed: every stored answer is stale. Bumped again once the transaction
    commits: a reader that took the new version but still saw the old rows (the write not yet
    committed) stored what it read under a version that is retired then. The database's content
    version goes up with the write itself (wpapi.versions)."""
    versions.bump()
    _incr()
    transaction.on_commit(_incr)


def _incr() -> None:
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 2, None)
    except Exception:
        logger.warning("The cache does not answer: its version was not bumped", exc_info=True)


def cacheable(request: HttpRequest) -> bool:
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    meta = request.META
    if meta.get("HTTP_AUTHORIZATION") or meta.get("REDIRECT_HTTP_AUTHORIZATION"):
        return False
    return not (meta.get("HTTP_X_WP_NONCE") or "_wpnonce" in request.GET)


def key_for(request: HttpRequest, path: str) -> str | None:
    """The answer's key, taken before the request is served: what it reads is stored under the
    version that was current before reading, so a write in between retires it. None when the
    cache does not answer."""
    version = content_version()
    if version is None:
        return None
    forwarded = (
        request.META.get("HTTP_X_FORWARDED_PROTO", ""),
        request.META.get("HTTP_X_FORWARDED_HOST", ""),
    )
    raw = "|".join(
        (request.scheme, request.get_host(), *forwarded, path, request.META.get("QUERY_STRING", ""))
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"wpapi:response:{version}:{digest}"


def lookup(key: str, request: HttpRequest) -> HttpResponse | None:
    try:
        stored = cache.get(key)
    except Exception:
        logger.warning("The cache does not answer; serving without it", exc_info=True)
        return None
    if stored is None:
        return None
    status, content, headers = stored
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def store(key: str, request: HttpRequest, response: HttpResponse) -> None:
    if response.status_code != 200 or request.method != "GET":
        return
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS
    ]
    try:
        cache.set(
            key,
            (response.status_code, response.content, headers),
            settings.WP_RESPONSE_CACHE_SECONDS,
        )
    except Exception:
        logger.warning("The cache does not answer: the answer was not stored", exc_info=True)


def connect_signals() -> None:
    """Any write to the site's models, through the API, the admin or a command, empties it."""
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in CACHED_APPS:
            post_save.connect(bump, sender=model, dispatch_uid=f"wpapi-cache-save-{model}")
            post_delete.connect(bump, sender=model, dispatch_uid=f"wpapi-cache-del-{model}")
    m2m_changed.connect(bump, dispatch_uid="wpapi-cache-m2m")
