"""Failed logins throttled per client address and per account (beyond WordPress, which has no
limit of its own): application passwords over HTTP Basic and /wp-login.php.

After WP_AUTH_FAILURES_PER_IP failures from one address, or WP_AUTH_FAILURES_PER_USER for one
account, within a window of WP_AUTH_FAILURE_WINDOW seconds, every further attempt (even a
right one) gets 429 `rest_too_many_attempts` with Retry-After until the window ends. Successful
logins are not counted. The counters live in Django's cache: Redis with REDIS_URL, so every
app process shares them; without it each process counts on its own. If the cache does not
answer, logins are not throttled rather than refused.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.http import HttpRequest, HttpResponse

from users.models import User
from wpapi.errors import WPError, error_response

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    """The caller's address: REMOTE_ADDR, or behind trusted proxies (WP_TRUSTED_PROXIES) the
    nearest address in X-Forwarded-For that is not one of them."""
    proxies = settings.WP_TRUSTED_PROXIES
    address = request.META.get("REMOTE_ADDR", "")
    if "*" not in proxies and address not in proxies:
        return address
    forwarded = [
        hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop
    ]
    for hop in reversed(forwarded):
        if "*" in proxies or hop not in proxies:
            return hop
    return address


def account_for(login: str) -> str:
    """One counter per account, whether it is named by login or by email address."""
    login = (login or "").strip()
    if login and "\x00" not in login:
        found = (
            User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
            .values_list("pk", flat=True)
            .first()
        )
        if found is not None:
            return f"user:{found}"
    return "login:" + login.lower()


def _keys(request: HttpRequest, account: str) -> list[tuple[str, int]]:
    window = max(settings.WP_AUTH_FAILURE_WINDOW, 1)
    bucket = int(time.time() // window)
    pairs = [
        (f"ip:{client_address(request)}", settings.WP_AUTH_FAILURES_PER_IP),
        (account, settings.WP_AUTH_FAILURES_PER_USER),
    ]
    return [
        (f"wpapi:authfail:{hashlib.sha256(name.encode()).hexdigest()[:40]}:{bucket}", limit)
        for name, limit in pairs
        if limit > 0
    ]


def _retry_after() -> int:
    window = max(settings.WP_AUTH_FAILURE_WINDOW, 1)
    return max(math.ceil(window - time.time() % window), 1)


def locked_out(request: HttpRequest, account: str) -> int | None:
    """Seconds until `account` may try again from this address, or None if it may now."""
    keys = _keys(request, account)
    if not keys:
        return None
    try:
        counts = cache.get_many([key for key, _limit in keys])
    except Exception:  # the cache is down: no throttling rather than no logins
        logger.warning("Login throttling skipped: the cache does not answer", exc_info=True)
        return None
    if any(counts.get(key, 0) >= limit for key, limit in keys):
        return _retry_after()
    return None


def record_failure(request: HttpRequest, account: str) -> None:
    window = max(settings.WP_AUTH_FAILURE_WINDOW, 1)
    for key, _limit in _keys(request, account):
        try:
            cache.add(key, 0, window * 2)
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window * 2)
        except Exception:
            logger.warning("Login throttling skipped: the cache does not answer", exc_info=True)
            return


def too_many_attempts(retry_after: int) -> WPError:
    error = WPError(
        "rest_too_many_attempts",
        f"Too many failed login attempts. Please try again in {retry_after} seconds.",
        429,
        retry_after=retry_after,
    )
    error.wait = retry_after  # DRF's handler sends it as Retry-After
    return error


def too_many_attempts_response(retry_after: int) -> HttpResponse:
    response = error_response(too_many_attempts(retry_after))
    response["Retry-After"] = str(retry_after)
    return response
