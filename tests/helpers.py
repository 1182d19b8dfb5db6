"""Assertions and measurements shared by the tests."""

import base64
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def assert_wp_error(response: Any, code: str, status: int) -> dict[str, Any]:
    """The response is WordPress's error body with this code and status."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code, body
    assert body["data"]["status"] == status, body
    assert isinstance(body["message"], str)
    return body


def count_queries(request: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code < 400, response.content[:500]
    return len(captured.captured_queries)


def basic_auth(login: str, password: str) -> str:
    token = base64.b64encode(f"{login}:{password}".encode()).decode()
    return f"Basic {token}"


#: MySQL's utf8mb4_unicode_ci order (letters before accents and case): PostgreSQL's ICU, and
#: on SQLite the same levels as a Python collation (wpapi.lookups)
needs_icu_collation = pytest.mark.skipif(
    connection.vendor not in ("postgresql", "sqlite"), reason="no accent-insensitive order"
)
