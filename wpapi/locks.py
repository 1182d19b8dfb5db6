"""Locks that make check-then-insert rules hold under concurrent writers.

WordPress checks that a slug (a post's, a term's, a user's nicename) is free and then inserts,
so two requests at once can both find it free. Here the check and the insert of one kind of
object run under a lock held until the transaction ends: the second writer waits, then sees the
first one's row and picks the next suffix (-2, -3) or answers `term_exists`.

On PostgreSQL it is a transaction-level advisory lock; SQLite already runs one write transaction
at a time (BEGIN IMMEDIATE, see settings); other databases get no lock.
"""

import hashlib
import re

from django.db import connection


def hold(*key: str) -> None:
    """Take the lock named by `key` until the current transaction ends (call it inside one)."""
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    digest = hashlib.blake2b("\x1f".join(key).encode(), digest_size=8).digest()
    number = int.from_bytes(digest, "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


#: trailing "-2", "-10-3" (and a cut "-"), which wp_unique_post_slug() adds to a taken slug
_SUFFIXES = re.compile(r"(?:-\d*)+$")
#: slugs are cut to fit before a suffix is added, never below this many characters
_STABLE_PREFIX = 64


def hold_slug(kind: str, slug: str) -> None:
    """Take the lock of every slug `slug` could become or collide with: its first characters
    without numbered suffixes. "news", "news-2" and "news-2-3" share one lock, so a writer
    handing out "news-2" and one asking for "news-2" wait for each other, while writers of
    unrelated slugs run side by side."""
    hold(kind, _SUFFIXES.sub("", slug[:_STABLE_PREFIX]))
