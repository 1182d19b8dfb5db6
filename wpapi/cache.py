"""A shared cache of anonymous GET responses, emptied by any write.

Frontends mostly read public content anonymously; those answers are the same for everyone, so
they are kept (rendered bytes and headers) in Django's cache — Redis when REDIS_URL is set, so
every app process shares it. Any saved or deleted row of the site's models bumps one version
number that is part of every key, which retires every stored answer at once. Requests that
carry credentials (Authorization, X-WP-Nonce, _wpnonce) are never served from or stored in it.

On by default only with a shared cache (REDIS_URL); WP_RESPONSE_CACHE_SECONDS sets it.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

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


def enabled() -> bool:
    return getattr(settings, "WP_RESPONSE_CACHE_SECONDS", 0) > 0


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump(**_: Any) -> None:
    """Something changed: every stored answer is stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def cacheable(request: HttpRequest) -> bool:
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    meta = request.META
    if meta.get("HTTP_AUTHORIZATION") or meta.get("REDIRECT_HTTP_AUTHORIZATION"):
        return False
    return not (meta.get("HTTP_X_WP_NONCE") or "_wpnonce" in request.GET)


def _key(request: HttpRequest, path: str) -> str:
    forwarded = (
        request.META.get("HTTP_X_FORWARDED_PROTO", ""),
        request.META.get("HTTP_X_FORWARDED_HOST", ""),
    )
    raw = "|".join(
        (request.scheme, request.get_host(), *forwarded, path, request.META.get("QUERY_STRING", ""))
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"wpapi:response:{content_version()}:{digest}"


def lookup(request: HttpRequest, path: str) -> HttpResponse | None:
    stored = cache.get(_key(request, path))
    if stored is None:
        return None
    status, content, headers = stored
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def store(request: HttpRequest, path: str, response: HttpResponse) -> None:
    if response.status_code != 200 or request.method != "GET":
        return
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS
    ]
    cache.set(
        _key(request, path),
        (response.status_code, response.content, headers),
        settings.WP_RESPONSE_CACHE_SECONDS,
    )


def connect_signals() -> None:
    """Any write to the site's models, through the API, the admin or a command, empties it."""
    from django.apps import apps

    for model in apps.get_models():
        if model._meta.app_label in CACHED_APPS:
            post_save.connect(bump, sender=model, dispatch_uid=f"wpapi-cache-save-{model}")
            post_delete.connect(bump, sender=model, dispatch_uid=f"wpapi-cache-del-{model}")
    m2m_changed.connect(bump, dispatch_uid="wpapi-cache-m2m")
