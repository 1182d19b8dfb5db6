"""The content version, and what may be kept in a process under it.

A list's total (a COUNT over thousands of rows) is the same for every request until the content
changes. Several app processes serve the site, so nothing derived from the content may be kept
in one process unless every process learns when it goes stale: every transaction that writes
content raises one number in the database (`bump()`, in the same transaction as the write, so a
reader sees the new rows and the new number together or neither), and every request reads that
number once (`current()`), then uses what its process derived under the same number.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from threading import Lock
from typing import Any

from django.db import connection, transaction

_request_version: ContextVar[dict[str, Any] | None] = ContextVar(
    "wpapi_content_version", default=None
)
_kept: dict[Any, Any] = {}
_kept_version: list[int | None] = [None]
_lock = Lock()
MOST_KEPT = 4096
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


_table_ready = [False]


def _has_table() -> bool:
    """Whether the version's table exists yet (not while the migrations that precede it run)."""
    if not _table_ready[0]:
        _table_ready[0] = "wpapi_contentversion" in connection.introspection.table_names()
    return _table_ready[0]


def bump(**_: Any) -> None:
    """The content changed: the number goes up once the transaction commits (at once outside
    one), once per transaction. Raised after the commit, in a statement of its own, the row is
    never held while a transaction takes other locks (no deadlock between writers); a reader
    between the commit and the raise may still use what was kept (milliseconds)."""
    memo = _request_version.get()
    if memo is not None:
        memo["bumped"] = True
    if connection.in_atomic_block:
        outermost = connection.atomic_blocks[0]
        if getattr(connection, "wpapi_bumped_in", None) is outermost:
            return
        connection.wpapi_bumped_in = outermost
        transaction.on_commit(_raise)
    else:
        _raise()


def _raise() -> None:
    if not _has_table():
        return
    with connection.cursor() as cursor:
        cursor.execute("UPDATE wpapi_contentversion SET version = version + 1 WHERE id = 1")
    memo = _request_version.get()
    if memo is not None:
        memo.pop("version", None)


def current() -> int | None:
    """The content version, read once per request (None when there is no version row)."""
    memo = _request_version.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM wpapi_contentversion WHERE id = 1")
        row = cursor.fetchone()
    version = row[0] if row else None
    if memo is not None:
        memo["version"] = version
    return version


def derived(key: Any, compute: Callable[[], Any]) -> Any:
    """`compute()`'s value for `key` under the current content version, computed once per
    process and version. Outside a request (commands) and inside a transaction (which may have
    raised the number itself and then roll back), always computed."""
    if _request_version.get() is None or connection.in_atomic_block:
        return compute()
    version = current()
    if version is None:
        return compute()
    with _lock:
        if _kept_version[0] != version:
            _kept.clear()
            _kept_version[0] = version
        if key in _kept:
            return _kept[key]
    value = compute()
    with _lock:
        if _kept_version[0] == version:
            if len(_kept) >= MOST_KEPT:
                _kept.clear()
            _kept[key] = value
    return value


class ContentVersionMiddleware:
    """Opens the per-request memo of the version (a request reads it at most once). A write
    request that succeeded without a signalled save (a queryset update, a bulk insert) still
    retires what every process kept, and the shared response cache (wpapi.cache)."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        memo: dict[str, Any] = {}
        token = _request_version.set(memo)
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if (
                request.method not in SAFE_METHODS
                and response.status_code < 400
                and not memo.get("bumped")
                # an anonymous write (a comment) saves a model; without this, any anonymous
                # POST answered 200 (a failed login form) would empty every process's cache
                and getattr(user, "is_authenticated", False)
            ):
                from wpapi import cache

                cache.bump()
            return response
        finally:
            _request_version.reset(token)
