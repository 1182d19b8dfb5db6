"""Registered comment meta (register_meta('comment', ...)) as the REST API exposes it.

A project registers keys in settings.WP_COMMENT_META, e.g.
``{"ref_flag": {"type": "boolean", "description": "Reference comment flag.", "default": False}}``
(`single` defaults to True; `show_in_rest` to True). Values are stored as text in CommentMeta,
as WordPress stores them.
"""

from __future__ import annotations

from typing import Any

import orjson
from django.conf import settings

from comments.models import Comment, CommentMeta

SCHEMA_KEYS = ("type", "description", "default", "enum", "items", "properties", "format")


def registered_meta() -> dict[str, dict[str, Any]]:
    registry = getattr(settings, "WP_COMMENT_META", None) or {}
    return {key: options for key, options in registry.items() if options.get("show_in_rest", True)}


def meta_schema() -> dict[str, Any]:
    """The `meta` property of the comment schema."""
    properties = {}
    for key, options in registered_meta().items():
        prop = {name: options[name] for name in SCHEMA_KEYS if name in options}
        prop.setdefault("type", "string")
        if not options.get("single", True):
            prop = {
                "type": "array",
                "description": prop.get("description", ""),
                "default": [],
                "items": {k: v for k, v in prop.items() if k not in ("description", "default")},
            }
        properties[key] = prop
    return {
        "description": "Meta fields.",
        "type": "object",
        "context": ["view", "edit"],
        "properties": properties,
    }


def _decode(raw: str, kind: str) -> Any:
    if kind == "boolean":
        return raw not in ("", "0", "false")
    if kind == "integer":
        try:
            return int(float(raw))
        except ValueError:
            return 0
    if kind == "number":
        try:
            return float(raw)
        except ValueError:
            return 0
    if kind in ("object", "array"):
        try:
            return orjson.loads(raw)
        except orjson.JSONDecodeError:
            return None
    return raw


def _encode(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "1" if value else ""
    if kind in ("object", "array"):
        return orjson.dumps(value).decode()
    return str(value)


def meta_values(rows: list[CommentMeta]) -> dict[str, Any] | list:
    """The `meta` object of one comment from its (pre-loaded) rows; [] when nothing is
    registered, as WordPress's empty PHP array encodes."""
    registry = registered_meta()
    if not registry:
        return []
    by_key: dict[str, list[str]] = {}
    for row in rows:
        by_key.setdefault(row.key, []).append(row.value)
    values: dict[str, Any] = {}
    for key, options in registry.items():
        kind = options.get("type", "string")
        stored = by_key.get(key)
        if options.get("single", True):
            if stored:
                values[key] = _decode(stored[0], kind)
            else:
                values[key] = options.get("default", "" if kind == "string" else None)
        else:
            values[key] = [_decode(item, kind) for item in stored or []]
    return values


def meta_update(comment: Comment, values: dict[str, Any]) -> None:
    """Write the registered keys present in `values`; null deletes a key."""
    registry = registered_meta()
    for key, value in values.items():
        options = registry.get(key)
        if options is None:
            continue
        kind = options.get("type", "string")
        CommentMeta.objects.filter(comment=comment, key=key).delete()
        if value is None:
            continue
        items = value if not options.get("single", True) and isinstance(value, list) else [value]
        CommentMeta.objects.bulk_create(
            [CommentMeta(comment=comment, key=key, value=_encode(item, kind)) for item in items]
        )
