"""What operators need from every app process: a health check for load balancers and one log
line per request.

- ``/healthz`` answers 200 ``{"status": "ok", "database": "ok", "cache": "ok"}`` when the
  database and the configured cache answer, else 503 with the failing part ``"unavailable"``.
  It needs no authentication, is never cached, and is answered before the Host header is
  checked (load balancers probe by address), so it says nothing about the site.
- The ``wpapi.request`` logger gets one INFO line per request:
  ``GET /wp-json/wp/v2/posts?per_page=2 200 12.3ms user=1``. Query parameters that can carry
  secrets (nonces, passwords, keys, tokens) are left out; headers and bodies never appear.
"""

import logging
import time
import uuid
from collections.abc import Callable
from urllib.parse import parse_qsl, quote, urlencode

from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse

from wpapi.renderers import dumps

request_logger = logging.getLogger("wpapi.request")
logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
JSON = "application/json; charset=UTF-8"
# query parameter names (lower case) whose values may be secrets: they never reach the log
SECRET_PARAM_PARTS = ("nonce", "pass", "pwd", "token", "secret", "key", "auth", "signature")


def _check_database() -> bool:
    try:
        connection = connections["default"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure is "unavailable"; the reason goes to the log
        logger.warning("Health check: the database does not answer", exc_info=True)
        return False
    return True


def _check_cache() -> bool:
    key, value = "wpapi:healthz", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
    except Exception:
        logger.warning("Health check: the cache does not answer", exc_info=True)
        return False
    if not ok:
        logger.warning("Health check: the cache did not keep a value")
    return ok


def health(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        body = {"code": "rest_no_route", "message": "Only GET and HEAD.", "data": {"status": 405}}
        response = HttpResponse(dumps(body), status=405, content_type=JSON)
        response["Allow"] = "GET, HEAD"
    else:
        parts = {"database": _check_database(), "cache": _check_cache()}
        healthy = all(parts.values())
        body = {
            "status": "ok" if healthy else "unavailable",
            **{name: "ok" if ok else "unavailable" for name, ok in parts.items()},
        }
        content = dumps(body)
        response = HttpResponse(
            b"" if request.method == "HEAD" else content,
            status=200 if healthy else 503,
            content_type=JSON,
        )
        response["Content-Length"] = str(len(content))  # it answers before CommonMiddleware
    response["Cache-Control"] = "no-cache, no-store, must-revalidate, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def loggable_path(request: HttpRequest) -> str:
    """The path and the query string without parameters that may hold secrets, percent-encoded
    (a line break in a URL cannot start a forged log line)."""
    path = quote(request.path, safe="/:@!$&'()*+,;=-._~")
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return path
    try:
        pairs = parse_qsl(query, keep_blank_values=True)
    except ValueError:
        return path + "?[unparsable]"
    kept = [
        (name, value)
        for name, value in pairs
        if not any(part in name.lower() for part in SECRET_PARAM_PARTS)
    ]
    return path + ("?" + urlencode(kept) if kept else "")


def _user_id(request: HttpRequest) -> int:
    # Only a user the request already resolved: reading a session's user here would cost
    # queries after the answer is made.
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or not hasattr(wrapped, "is_authenticated"):
        return 0
    return wrapped.pk if wrapped.is_authenticated else 0


class OperationsMiddleware:
    """First in the chain: answers /healthz, and logs every request once it is answered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        if request.path == HEALTH_PATH:
            response = health(request)
            level = logging.DEBUG  # probes every few seconds would drown the log
        else:
            response = self.get_response(request)
            level = logging.INFO
        if request_logger.isEnabledFor(level):
            request_logger.log(
                level,
                "%s %s %s %.1fms user=%s",
                quote(request.method or "", safe=""),
                loggable_path(request),
                response.status_code,
                (time.perf_counter() - started) * 1000,
                _user_id(request),
            )
        return response
