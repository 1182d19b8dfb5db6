"""Settings of a server process a test starts (tests/wpapi/test_concurrent_writes.py): the
project's own, with the tests' fast password hasher, so the application passwords a test makes
are accepted."""

from tests.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
