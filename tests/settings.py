"""The test suite's settings: the project's own, spoken over plain HTTP. With DEBUG off the
project requires HTTPS (redirect, HSTS, secure cookies); the suite's clients and the servers it
starts in-process (live_server, the browser test) talk plain HTTP on loopback, and a server's
middleware reads these once, before any test can change them."""

from wpapi.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
