"""A cache of anonymous GET responses, retired by any write.

Frontends mostly read public content anonymously; those answers are the same for everyone, so
they are kept (rendered bytes and headers) under a content version that every write raises, as
part of every key, which retires every stored answer at once. Requests that carry anything
identifying (Authorization, a cookie, X-WP-Nonce, _wpnonce) are never served from or stored in
it. `ResponseCacheMiddleware` serves it near the top of the middleware chain, so an answer
from it costs neither sessions, authentication nor the view.

Two homes, one rule:
- with a cache every process shares (Redis, REDIS_URL), the answers and the version live there;
- without one, each process keeps answers in its own memory (`LocalAnswers`) under the
  database's content version (wpapi.versions), which every request reads afresh (one small
  query): a write in any process retires what every process keeps, so workers answer alike.
  Kept answers also expire together at the same instants (every WP_RESPONSE_CACHE_SECONDS of
  the wall clock), so what changes with time alone (a calendar's today) is as fresh in every
  process.
WP_RESPONSE_CACHE_SECONDS (30 by default, 0 turns it off) bounds how long an answer is reused.
When the shared cache does not answer, requests are served without it (and a warning is logged)
rather than failing.
"""

import hashlib
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

from wpapi import conditional, versions

logger = logging.getLogger(__name__)

VERSION_KEY = "wpapi:content-version"
# Headers that depend on the request, not on the answer; the middleware adds them each time.
PER_REQUEST_HEADERS = {
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
    return getattr(settings, "WP_RESPONSE_CACHE_SECONDS", 0) > 0


def content_version() -> int | None:
    """The current version, or None when the cache does not answer."""
    if not is_shared():
        return versions.current()
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, 1, None)
            version = cache.get(VERSION_KEY, 1)
    except Exception:
        logger.warning("The cache does not answer; serving without it", exc_info=True)
        return None
    return version


class LocalAnswers:
    """One process's answers, under one content version at a time: the first request that
    reads a newer version empties it. Bounded in entries and bytes (least recently used out)."""

    MOST_ENTRIES = 2000
    MOST_BYTES = 64 * 1024 * 1024
    LARGEST = 2 * 1024 * 1024

    def __init__(self) -> None:
        self._lock = Lock()
        self._answers: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._version: int | None = None
        self._bytes = 0

    def _follow(self, version: int) -> bool:
        """Move to `version` if it is newer; False for an older one (a slow request)."""
        if self._version is not None and version < self._version:
            return False
        if version != self._version:
            self._answers.clear()
            self._bytes = 0
            self._version = version
        return True

    def get(self, version: int, key: str) -> Any:
        with self._lock:
            if not self._follow(version) or key not in self._answers:
                return None
            self._answers.move_to_end(key)
            return self._answers[key][0]

    def set(self, version: int, key: str, value: Any, size: int) -> None:
        if size > self.LARGEST:
            return
        with self._lock:
            if not self._follow(version):
                return
            if key in self._answers:
                self._bytes -= self._answers.pop(key)[1]
            self._answers[key] = (value, size)
            self._bytes += size
            while len(self._answers) > self.MOST_ENTRIES or self._bytes > self.MOST_BYTES:
                self._bytes -= self._answers.popitem(last=False)[1][1]

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
            self._bytes = 0
            self._version = None


local_answers = LocalAnswers()


def bump(**_: Any) -> None:
    """Something changed: every stored answer is stale. Bumped again once the transaction
    commits: a reader that took the new version but still saw the old rows (the write not yet
    committed) stored what it read under a version that is retired then. The database's content
    version goes up with the write itself (wpapi.versions)."""
    versions.bump()
    if is_shared():
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
    """A REST GET (or HEAD) that nothing identifies: no credentials of any kind (Authorization,
    a nonce, any cookie), no method override, no JSONP."""
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    if not request.path.startswith("/wp-json") and "rest_route" not in request.GET:
        return False
    if not is_shared() and connection.in_atomic_block:
        # inside a transaction (a test's) the version is raised only once it commits
        return False
    meta = request.META
    if meta.get("HTTP_AUTHORIZATION") or meta.get("REDIRECT_HTTP_AUTHORIZATION"):
        return False
    if meta.get("HTTP_COOKIE") or meta.get("HTTP_X_WP_NONCE"):
        return False
    return not any(name in request.GET for name in ("_wpnonce", "_method", "_jsonp"))


def key_for(request: HttpRequest) -> str | None:
    """The answer's key, taken before the request is served: what it reads is stored under the
    version that was current before reading, so a write in between retires it. None when the
    cache does not answer (or the Host is not one the site answers for)."""
    try:
        host = request.get_host()
    except DisallowedHost:  # the request goes on to be refused as usual
        return None
    version = content_version()
    if version is None:
        return None
    forwarded = (
        request.META.get("HTTP_X_FORWARDED_PROTO", ""),
        request.META.get("HTTP_X_FORWARDED_HOST", ""),
    )
    raw = "|".join(
        (request.scheme, host, *forwarded, request.path, request.META.get("QUERY_STRING", ""))
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    if is_shared():
        return f"wpapi:response:{version}:{digest}"
    # every process's answers expire at the same instants of the wall clock
    period = int(time.time() // settings.WP_RESPONSE_CACHE_SECONDS)
    return f"{version}:{period}:{digest}"


def lookup(key: str, request: HttpRequest) -> HttpResponse | None:
    if is_shared():
        try:
            stored = cache.get(key)
        except Exception:
            logger.warning("The cache does not answer; serving without it", exc_info=True)
            return None
    else:
        stored = local_answers.get(int(key.split(":", 1)[0]), key)
    if stored is None:
        return None
    status, content, headers = stored
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(response.content))  # as CommonMiddleware sets it
    return response


class ResponseCacheMiddleware:
    """Answers a cacheable request (see `cacheable`) from the cache before the rest of the
    middleware and the view run, and keeps what they answer. It sits inside the CORS and
    WordPress header middleware, which add their request-dependent headers to every answer, and
    outside the rest, whose headers are part of what is kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = key_for(request) if cacheable(request) else None
        if key is None:
            return self.get_response(request)
        cached = lookup(key, request)
        if cached is not None:
            unchanged = conditional.not_modified(request, cached)
            if unchanged is None:
                return cached
            unchanged["Content-Length"] = "0"  # as CommonMiddleware sets it on a fresh 304
            return unchanged
        response = self.get_response(request)
        store(key, request, response)
        return response


def store(key: str, request: HttpRequest, response: HttpResponse) -> None:
    if response.status_code != 200 or request.method != "GET":
        return
    user = request.__dict__.get("user")  # as authentication left it (never evaluated here)
    user = getattr(user, "_wrapped", user)
    if getattr(user, "is_authenticated", False) is True:
        return  # someone's answer (a test client's forced login: real ones send credentials)
    if response.cookies or "private" in response.get("Cache-Control", ""):
        return
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS
    ]
    stored = (response.status_code, response.content, headers)
    if not is_shared():
        size = len(response.content) + sum(len(name) + len(value) for name, value in headers)
        local_answers.set(int(key.split(":", 1)[0]), key, stored, size)
        return
    try:
        cache.set(key, stored, settings.WP_RESPONSE_CACHE_SECONDS)
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
