"""Plain SQL for the few fixed-shape queries every page of a collection runs (its posts' meta,
terms and revisions, ancestors). The ORM spends more time building and compiling such a query
than the database spends answering it (0.6 ms against 0.2 ms for a page's meta); these are
written once, with the tables and columns the models name, and run on every backend."""

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model


def table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def column(model: type[Model], field: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(field).column)


def placeholders(values: Sequence[Any]) -> str:
    """`%s, %s, ...`: one per value, for an IN list (never empty: callers skip empty lists)."""
    return ", ".join(["%s"] * len(values))


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
