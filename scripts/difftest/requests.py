"""A planned request, the same for both sides, and one side that executes it.

A plan names objects by logical name (`Ref`); each side turns them into its own IDs when it
sends the request, and records the IDs of what a request makes (`register`).
"""

from __future__ import annotations

import json
import urllib.parse
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .client import Answer, basic_auth, send
from .idmap import IdMap, Ref

CALLERS = ("anonymous", "administrator", "editor", "author", "contributor", "subscriber")


@dataclass
class Request:
    phase: str  # "seed", "read" or "write"
    caller: str
    method: str
    path: str  # the REST route asked for, "/wp/v2/posts/{{post:hello}}"
    route: str = ""  # the route template it matches (reports group by it)
    query: list[tuple[str, Any]] = field(default_factory=list)
    body: dict[str, Any] | None = None  # {"json": ...} | {"form": [...]} | {"upload": ...}
    headers: dict[str, str] = field(default_factory=dict)
    register: tuple[str, str] | None = None  # (kind, logical name) of the object it makes
    credential: str | None = None  # the caller whose application password the answer holds
    via: str = "wp-json"  # or "rest_route": /?rest_route=/wp/v2/...
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "phase": self.phase,
            "caller": self.caller,
            "method": self.method,
            "path": self.path,
            "route": self.route,
            "query": [[k, encode_refs(v)] for k, v in self.query],
            "body": encode_refs(self.body),
            "headers": self.headers,
            "register": list(self.register) if self.register else None,
            "credential": self.credential,
            "via": self.via,
            "note": self.note,
        }

    @classmethod
    def from_json(cls, saved: dict[str, Any]) -> Request:
        return cls(
            phase=saved["phase"],
            caller=saved["caller"],
            method=saved["method"],
            path=saved["path"],
            route=saved["route"],
            query=[(k, decode_refs(v)) for k, v in saved["query"]],
            body=decode_refs(saved["body"]),
            headers=saved["headers"],
            register=tuple(saved["register"]) if saved["register"] else None,
            credential=saved["credential"],
            via=saved["via"],
            note=saved.get("note", ""),
        )

    def describe(self, ids: IdMap | None = None, limit: int = 300) -> str:
        """How the request looked on a side (IDs resolved) or in the plan."""
        target, body, _ = self.concrete(ids) if ids else (self.url(IdMap(), raw=True), None, {})
        text = f"{self.method} {target}  [{self.caller}]"
        if self.body is not None and "upload" in self.body:
            upload = self.body["upload"]
            form = " as multipart" if upload.get("multipart") else ""
            text += f"  upload: {upload['filename']} ({upload['type']}, "
            text += f"{len(upload['hex']) // 2} bytes){form}"
        elif self.body is not None:
            shown = body if body is not None else self.body
            if isinstance(shown, bytes):
                shown = shown[:limit].decode("utf-8", "replace")
            text += f"  body: {str(shown)[:limit]}"
        return text

    def url(self, ids: IdMap, raw: bool = False) -> str:
        path = self.path if raw else ids.resolve(self.path)
        pairs = [(k, v if raw else ids.resolve(v)) for k, v in self.query]
        query = urllib.parse.urlencode([(k, _text(v)) for k, v in pairs])
        if self.via == "rest_route":
            target = "/?rest_route=" + urllib.parse.quote(path, safe="/")
            return target + ("&" + query if query else "")
        return "/wp-json" + path + ("?" + query if query else "")

    def concrete(self, ids: IdMap) -> tuple[str, bytes | None, dict[str, str]]:
        """(URL, body bytes, headers) as this side sends it."""
        headers = dict(self.headers)
        body: bytes | None = None
        if self.body is not None:
            if "json" in self.body:
                body = json.dumps(ids.resolve(self.body["json"])).encode()
                headers.setdefault("Content-Type", "application/json")
            elif "form" in self.body:
                pairs = [(k, _text(ids.resolve(v))) for k, v in self.body["form"]]
                body = urllib.parse.urlencode(pairs).encode()
                headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
            elif "upload" in self.body:
                body, upload_headers = upload_body(self.body["upload"])
                headers.update(upload_headers)
            elif "text" in self.body:
                body = str(self.body["text"]).encode()
        return self.url(ids), body, headers


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def encode_refs(value: Any) -> Any:
    if isinstance(value, Ref):
        return {"$ref": [value.kind, value.name]}
    if isinstance(value, list | tuple):
        return [encode_refs(item) for item in value]
    if isinstance(value, dict):
        return {key: encode_refs(item) for key, item in value.items()}
    return value


def decode_refs(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$ref"}:
            return Ref(*value["$ref"])
        return {key: decode_refs(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode_refs(item) for item in value]
    return value


def upload_body(upload: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    """A media upload: the raw file with Content-Disposition, or a multipart form."""
    data = bytes.fromhex(upload["hex"])
    name, kind = upload["filename"], upload["type"]
    if upload.get("multipart"):
        boundary = "difftest" + uuidlib.UUID(int=len(data)).hex
        parts = []
        for key, value in upload.get("fields", {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {kind}\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    headers = {"Content-Type": kind, "Content-Disposition": f'attachment; filename="{name}"'}
    return data, headers


@dataclass
class Side:
    """One deployment during a run: its base URL, callers' credentials and object IDs."""

    label: str
    base: str
    ids: IdMap = field(default_factory=IdMap)
    credentials: dict[str, tuple[str, str]] = field(default_factory=dict)
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    ended: datetime | None = None

    def auth(self, caller: str) -> str | None:
        if caller == "anonymous" or caller not in self.credentials:
            return None
        return basic_auth(*self.credentials[caller])

    def call(
        self,
        caller: str,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        return send(self.base, method, path, auth=self.auth(caller), headers=headers, body=body)

    def execute(self, request: Request) -> Answer:
        url, body, headers = request.concrete(self.ids)
        answer = self.call(request.caller, request.method, url, body, headers)
        data = answer.data
        if request.register and answer.status in (200, 201) and isinstance(data, dict):
            kind, name = request.register
            value = data.get("uuid") if kind == "uuid" else data.get("id")
            if value is not None:
                self.ids.add(kind, name, value)
        if request.credential and isinstance(data, dict) and data.get("password"):
            login = self.credentials.get(request.credential, (request.credential, ""))[0]
            self.credentials[request.credential] = (login, data["password"])
        self.ended = datetime.now(UTC)
        return answer
