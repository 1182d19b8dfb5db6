"""How REST requests authenticate, as in WordPress.

- Application passwords over HTTP Basic (``login:xxxx xxxx xxxx xxxx xxxx xxxx``); the login
  password itself is never accepted over Basic auth. Credentials that do not match leave the
  request anonymous, as the reference WordPress 6.1 does (a protected route then answers with
  its 401 code, e.g. `rest_not_logged_in` on /users/me). Failures are counted, and too many
  get 429 (users/throttling.py).
- The logged-in cookie (a Django session here) counts only with a valid ``X-WP-Nonce`` header or
  ``_wpnonce`` parameter; without one the request is anonymous, with a bad one it is refused.
"""

import base64
import binascii
import contextlib
import hashlib
import time
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from users import throttling
from users.models import ApplicationPassword, User
from wpapi.errors import WPError
from wpapi.schema import EMAIL
from wpapi.state import wp_state

NONCE_LIFETIME = 86400  # WordPress nonces live 12-24 hours: two half-day ticks
VERIFIED_TTL = 300  # seconds a verified application password is remembered in the cache


def _verified_key(password_id: int, plain: str) -> str:
    digest = hashlib.sha256(f"{password_id}:{plain}".encode()).hexdigest()
    return f"wpapi:apppw:{digest}"


def _user_for_login(login: str) -> User | None:
    """wp_authenticate_application_password: an email address finds by email, else by login."""
    if not login or "\x00" in login:  # no login holds a NUL (PostgreSQL refuses to compare it)
        return None
    if EMAIL.match(login):
        by_email = User.objects.filter(email__iexact=login).first()
        if by_email is not None:
            return by_email
    return User.objects.filter(username=login).first()


class ApplicationPasswordAuthentication(BaseAuthentication):
    """HTTP Basic with an application password (wp_authenticate_application_password)."""

    def authenticate(self, request: Request) -> tuple[User, ApplicationPassword] | None:
        meta = request._request.META
        header = meta.get("HTTP_AUTHORIZATION") or meta.get("REDIRECT_HTTP_AUTHORIZATION", "")
        if not header.lower().startswith("basic "):
            return None
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
            login, plain = decoded.split(":", 1)
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return None
        user = _user_for_login(login)
        django_request = request._request
        account = f"user:{user.pk}" if user is not None else throttling.account_for(login)
        wait = throttling.locked_out(django_request, account)
        if wait is not None:
            raise throttling.too_many_attempts(wait)
        if user is None or not user.is_active:
            throttling.record_failure(django_request, account)
            return None
        plain = ApplicationPassword.normalise(plain)
        candidate = user.application_passwords.filter(
            lookup=ApplicationPassword.fingerprint(user.pk, plain)
        ).first()
        if candidate is None:
            candidate = self._imported(user, plain)
        if candidate is None or not self._verify(candidate, plain):
            throttling.record_failure(django_request, account)
            return None
        self._record_use(request, candidate)
        return user, candidate

    @staticmethod
    def _imported(user: User, plain: str) -> ApplicationPassword | None:
        """An application password brought from WordPress (import_wordpress) has no lookup
        fingerprint until first used: its WordPress hash is checked, then the password is
        stored again as this site stores its own."""
        for candidate in user.application_passwords.filter(lookup=""):
            if candidate.check_password(plain):
                candidate.set_password(plain)
                candidate.save(update_fields=["password", "lookup"])
                return candidate
        return None

    @staticmethod
    def _verify(candidate: ApplicationPassword, plain: str) -> bool:
        # Django's hashers are deliberately slow; a password proven once is remembered briefly
        # so that API clients sending it on every request don't pay that cost each time.
        key = _verified_key(candidate.pk, plain + candidate.password)
        try:
            if cache.get(key):
                return True
        except Exception:  # a cache that does not answer only makes this slower
            key = ""
        if candidate.check_password(plain):
            if key:
                with contextlib.suppress(Exception):
                    cache.set(key, True, VERIFIED_TTL)
            return True
        return False

    @staticmethod
    def _record_use(request: Request, password: ApplicationPassword) -> None:
        now = timezone.now()
        ip = request._request.META.get("REMOTE_ADDR") or None
        # WordPress records the last use at most once a day per password; so do we.
        if password.last_used and (now - password.last_used).total_seconds() < 86400:
            return
        ApplicationPassword.objects.filter(pk=password.pk).update(last_used=now, last_ip=ip)
        password.last_used, password.last_ip = now, ip

    def authenticate_header(self, request: Request) -> str:
        return 'Basic realm="WordPress"'


def _tick(now: float | None = None) -> int:
    return int((now or time.time()) // (NONCE_LIFETIME / 2))


def create_nonce(
    user: Any, session_key: str, action: str = "wp_rest", tick: int | None = None
) -> str:
    """A WordPress-style nonce: tied to the user, their session and a half-day tick."""
    tick = _tick() if tick is None else tick
    value = f"{tick}|{action}|{user.pk}|{session_key}"
    return salted_hmac("wpapi.nonce", value).hexdigest()[-10:]


def verify_nonce(nonce: str, user: Any, session_key: str, action: str = "wp_rest") -> bool:
    current = _tick()
    return any(
        constant_time_compare(nonce, create_nonce(user, session_key, action, tick))
        for tick in (current, current - 1)
    )


class CookieNonceAuthentication(BaseAuthentication):
    """The logged-in cookie, honoured only with a valid wp_rest nonce (rest_cookie_check_errors)."""

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        django_request = request._request
        user = getattr(django_request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        nonce = django_request.META.get("HTTP_X_WP_NONCE") or django_request.GET.get("_wpnonce")
        if nonce is None and django_request.method == "POST":
            nonce = django_request.POST.get("_wpnonce")
        if not nonce:
            return None  # a cookie without a nonce is an anonymous request, as in WordPress
        session_key = django_request.session.session_key or ""
        if not verify_nonce(nonce, user, session_key):
            raise WPError("rest_cookie_invalid_nonce", "Cookie check failed", 403)
        # rest_cookie_check_errors sends a fresh nonce back (X-WP-Nonce) for the client to keep.
        wp_state(django_request).fresh_nonce = create_nonce(user, session_key)
        return user, None
