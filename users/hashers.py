"""Passwords brought over from a WordPress site (manage.py import_wordpress).

The importer keeps WordPress's hash as it was, behind this hasher's prefix:
``wordpress$<hash>``. The hasher verifies what wp_check_password() verifies — phpass portable
hashes (``$P$``, ``$H$``), WordPress 6.8's bcrypt of an HMAC-SHA384 (``$wp$2y$``), plain bcrypt
(``$2y$``, what password_hash() makes) and the MD5 of very old sites — and, not being the
first of settings.PASSWORD_HASHERS, has Django store the password again with its preferred
hasher on the next successful login.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

import bcrypt
from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from passlib.hash import phpass

PREFIX = "wordpress$"


def from_wordpress(wordpress_hash: str) -> str:
    """The stored form of a hash taken from a wp_users.user_pass (or an application password)."""
    return PREFIX + wordpress_hash


def check_wordpress_hash(password: str, wordpress_hash: str) -> bool:
    """wp_check_password(): does `password` match a hash WordPress made?"""
    if not wordpress_hash:
        return False
    if len(wordpress_hash) <= 32:
        digest = hashlib.md5(password.encode(), usedforsecurity=False).hexdigest()
        return hmac.compare_digest(digest, wordpress_hash)
    if len(password) > 4096:
        return False
    if wordpress_hash.startswith("$wp"):
        keyed = hmac.new(b"wp-sha384", password.encode(), hashlib.sha384).digest()
        return _bcrypt_verify(base64.b64encode(keyed), wordpress_hash[3:])
    if wordpress_hash.startswith(("$P$", "$H$")):
        try:
            return bool(phpass.verify(password, wordpress_hash))
        except ValueError:
            return False
    if wordpress_hash.startswith("$generic$"):
        return hmac.compare_digest(wordpress_fast_hash(password), wordpress_hash)
    return _bcrypt_verify(password.encode(), wordpress_hash)


def wordpress_fast_hash(message: str) -> str:
    """wp_fast_hash(): how WordPress 6.8 hashes application passwords (BLAKE2b, keyed)."""
    digest = hashlib.blake2b(message.encode(), key=b"wp_fast_hash_6.8+", digest_size=30).digest()
    return "$generic$" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _bcrypt_verify(secret: bytes, hashed: str) -> bool:
    """password_verify() for a bcrypt hash; PHP reads only the first 72 bytes."""
    if not hashed.startswith(("$2y$", "$2a$", "$2b$")):
        return False
    try:
        return bcrypt.checkpw(secret[:72], hashed.encode())
    except ValueError:
        return False


class WordPressPasswordHasher(BasePasswordHasher):
    """A password hash made by WordPress, checked as wp_check_password() checks it."""

    algorithm = "wordpress"

    def encode(self, password: str, salt: str) -> str:
        # Only ever read: passwords are stored anew with Django's preferred hasher.
        raise NotImplementedError("wpapi stores new passwords with Django's own hashers")

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, _, wordpress_hash = encoded.partition("$")
        return {"algorithm": algorithm, "hash": wordpress_hash, "salt": None}

    def verify(self, password: str, encoded: str) -> bool:
        return check_wordpress_hash(password, self.decode(encoded)["hash"])

    def safe_summary(self, encoded: str) -> dict[str, str]:
        return {"algorithm": self.algorithm, "hash": mask_hash(self.decode(encoded)["hash"])}

    def must_update(self, encoded: str) -> bool:
        return True

    def harden_runtime(self, password: str, encoded: str) -> None:
        pass
