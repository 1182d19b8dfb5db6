"""Registered post meta in the `meta` field (WP_REST_Meta_Fields) for every post type,
attachments included: read in bulk for a page of posts, shown with each key's type, written on
create/update."""

from __future__ import annotations

import json
from typing import Any

from content.models import Post, PostMeta
from wpapi.registry import registered_post_meta


def empty_value(kind: str) -> Any:
    """A registered key's default when it declares none (an empty PHP value of its type)."""
    return {
        "string": "",
        "boolean": False,
        "integer": 0,
        "number": 0,
        "array": [],
        "object": [],
    }.get(kind, "")


def load(post_type: str, ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """Stored values of `post_type`'s registered keys for these posts: one query."""
    keys = list(registered_post_meta(post_type))
    found: dict[int, dict[str, list[str]]] = {}
    if not keys or not ids:
        return found
    rows = PostMeta.objects.filter(post_id__in=ids, key__in=keys).values_list(
        "post_id", "key", "value"
    )
    for post_id, key, value in rows:
        found.setdefault(post_id, {}).setdefault(key, []).append(value)
    return found


def _shown(stored: str, kind: str) -> Any:
    try:
        if kind == "integer":
            return int(stored)
        if kind == "number":
            return float(stored)
    except ValueError:
        return 0
    if kind == "boolean":
        return stored not in ("", "0", "false")
    if kind in ("array", "object"):
        try:
            return json.loads(stored)
        except ValueError:
            return empty_value(kind)
    return stored


def as_shown(post_type: str, values: dict[str, list[str]]) -> Any:
    """The `meta` field: every registered key (its default when unset); [] when none is
    registered, as WordPress encodes an empty PHP array."""
    keys = registered_post_meta(post_type)
    if not keys:
        return []
    result: dict[str, Any] = {}
    for key, options in keys.items():
        kind = options.get("type", "string")
        stored = values.get(key, [])
        if options.get("single", False):
            result[key] = (
                _shown(stored[0], kind) if stored else options.get("default", empty_value(kind))
            )
        else:
            result[key] = [_shown(item, kind) for item in stored]
    return result


def save(post: Post, values: Any) -> None:
    """update_value(): registered keys only; null (or [] for multi-valued keys) deletes; a
    multi-valued key's list replaces every row."""
    if not isinstance(values, dict):
        return
    keys = registered_post_meta(post.type)
    for key, value in values.items():
        options = keys.get(key)
        if options is None:
            continue
        PostMeta.objects.filter(post=post, key=key).delete()
        if value is None:
            continue
        items = [value] if options.get("single", False) else list(value)
        PostMeta.objects.bulk_create(
            [PostMeta(post=post, key=key, value=_stored(item)) for item in items]
        )


def _stored(item: Any) -> str:
    if isinstance(item, dict | list):
        return json.dumps(item)
    if isinstance(item, bool):
        return "1" if item else ""
    return str(item)
