"""Text lookups that hold for any length of text on SQLite.

Django's `contains`, `icontains` and `iexact` compare with LIKE on SQLite, which refuses a
pattern over 50,000 bytes ("LIKE or GLOB pattern too complex"): a long enough search, name or
role would fail the request, where MySQL (WordPress) and PostgreSQL compare any length. On
SQLite, a value that long is compared without LIKE, folding ASCII case as SQLite's LIKE does;
shorter ones, and every other database, keep Django's SQL.
"""

import unicodedata
from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import Field, Func, TextField, lookups

LIKE_PATTERN_LIMIT = 50_000  # SQLITE_MAX_LIKE_PATTERN_LENGTH, in bytes


def _beyond_like(lookup: lookups.Lookup, connection: Any) -> bool:
    if not lookup.rhs_is_direct_value() or not isinstance(lookup.rhs, str):
        return False
    pattern = connection.ops.prep_for_like_query(lookup.rhs)  # escapes double some characters
    return len(pattern.encode("utf-8", "surrogatepass")) + 2 > LIKE_PATTERN_LIMIT


class LongContainsMixin:
    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if not _beyond_like(self, connection):
            return self.as_sql(compiler, connection)
        lhs, params = self.process_lhs(compiler, connection)
        return f"INSTR(LOWER({lhs}), LOWER(%s)) > 0", [*params, self.rhs]


class Contains(LongContainsMixin, lookups.Contains):
    """(On SQLite, `contains` is a LIKE too, so it folds ASCII case as well.)"""


class IContains(LongContainsMixin, lookups.IContains):
    pass


class IExact(lookups.IExact):
    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if not _beyond_like(self, connection):
            return self.as_sql(compiler, connection)
        lhs, params = self.process_lhs(compiler, connection)
        return f"LOWER({lhs}) = LOWER(%s)", [*params, self.rhs]


def register() -> None:
    Field.register_lookup(Contains)
    Field.register_lookup(IContains)
    Field.register_lookup(IExact)
    connection_created.connect(_add_sqlite_collation, dispatch_uid="wpapi-unicode-ci")


SQLITE_COLLATION = "wp_unicode_ci"


def collation_key(text: str) -> tuple[str, str, str]:
    """The order of ICU's root collation, level by level: the letters without their accents or
    case, then the accents, then the case (lower before upper)."""
    decomposed = unicodedata.normalize("NFD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return letters, decomposed.casefold(), decomposed.swapcase()


def _compare(left: str | None, right: str | None) -> int:
    a, b = collation_key(left or ""), collation_key(right or "")
    return (a > b) - (a < b)


def _add_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


class CollationKey(Func):
    """A text column as MySQL's utf8mb4_unicode_ci (WordPress's tables) orders it: letters
    compared before case and accents, so "Ünïcode" sorts before "Unused". PostgreSQL: ICU's
    root collation, which compares letters first, then accents, then case. SQLite has no ICU:
    the same levels in Python (`collation_key`), registered on each connection."""

    function = "LOWER"
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f'({sql}) COLLATE "und-x-icu"', params

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql}) COLLATE {SQLITE_COLLATION}", params
