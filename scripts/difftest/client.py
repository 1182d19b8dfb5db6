"""A small HTTP client on the standard library: one connection per request (so the requests of
one run spread over every worker process of the server), Basic auth with application passwords."""

from __future__ import annotations

import base64
import http.client
import json
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

USER_AGENT = "wpapi-difftest/1"
TIMEOUT = 120


@dataclass
class Answer:
    """One HTTP answer: status, headers (lower-case names, repeated ones joined by ", "), body."""

    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float = 0.0
    data: Any = field(default=None)
    is_json: bool = False

    @classmethod
    def make(cls, status: int, headers: dict[str, str], body: bytes, seconds: float) -> Answer:
        answer = cls(status, headers, body, seconds)
        if body:
            try:
                answer.data = json.loads(body)
                answer.is_json = True
            except ValueError:
                answer.data = None
        return answer

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "headers": self.headers,
            "body": self.data if self.is_json else self.body.decode("utf-8", "replace")[:2000],
            "is_json": self.is_json,
            "seconds": round(self.seconds, 3),
        }

    @classmethod
    def from_json(cls, saved: dict[str, Any]) -> Answer:
        body = saved["body"]
        raw = json.dumps(body).encode() if saved["is_json"] else str(body).encode()
        answer = cls(saved["status"], saved["headers"], raw)
        answer.data = body if saved["is_json"] else None
        answer.is_json = saved["is_json"]
        return answer


def basic_auth(login: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode()


def send(
    base: str,
    method: str,
    path: str,
    *,
    auth: str | None = None,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
) -> Answer:
    """`path` starts at the site root ("/wp-json/wp/v2/posts?x=1")."""
    url = urllib.parse.urlsplit(base)
    prefix = url.path.rstrip("/")
    sent = {"User-Agent": USER_AGENT, "Connection": "close", "Accept": "application/json"}
    if auth:
        sent["Authorization"] = auth
    sent.update(headers or {})
    if body is not None:
        sent["Content-Length"] = str(len(body))
    started = time.monotonic()
    for attempt in range(3):
        connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=TIMEOUT)
        try:
            connection.request(method, prefix + path, body=body, headers=sent)
            response = connection.getresponse()
            raw = response.read()
            found: dict[str, str] = {}
            for name, value in response.getheaders():
                name = name.lower()
                found[name] = f"{found[name]}, {value}" if name in found else value
            return Answer.make(response.status, found, raw, time.monotonic() - started)
        except (ConnectionError, http.client.HTTPException, OSError) as error:
            # a write is repeated only when it cannot have reached the server
            refused = isinstance(error, ConnectionRefusedError)
            if attempt == 2 or (method not in ("GET", "HEAD", "OPTIONS") and not refused):
                raise
            time.sleep(0.5 * (attempt + 1))
        finally:
            connection.close()
    raise AssertionError("unreachable")


def json_body(data: Any) -> tuple[bytes, dict[str, str]]:
    return json.dumps(data).encode(), {"Content-Type": "application/json"}


def form_body(pairs: list[tuple[str, str]]) -> tuple[bytes, dict[str, str]]:
    encoded = urllib.parse.urlencode(pairs).encode()
    return encoded, {"Content-Type": "application/x-www-form-urlencoded"}
