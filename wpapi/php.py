"""PHP's serialize() format, as WordPress stores arrays and objects in options and meta.

WordPress reads every option and meta value through maybe_unserialize(); data imported from a
WordPress site keeps that text as it was, so the meta codec reads it the same way. The values
come out as PHP's json_encode() would show them: a list for an array keyed 0..n-1, an object
(dict) for any other array and for an object's properties.
"""

from __future__ import annotations

import re
from typing import Any

import phpserialize

# is_serialized(): N; b:0; i:12; d:1.5; s:3:"abc"; a:1:{...} O:8:"stdClass":1:{...}
_SERIALIZED = re.compile(r'^(?:N;|[bid]:[^;]*;|s:\d+:".*";|[aO]:\d+:.*[;}])$', re.DOTALL)


class SerializationError(ValueError):
    """The text looked serialized but could not be read."""


def is_serialized(text: Any) -> bool:
    """is_serialized(): does this stored text hold a serialized PHP value?"""
    return isinstance(text, str) and bool(_SERIALIZED.match(text.strip()))


def unserialize(text: str) -> Any:
    """The PHP value of serialized text (raises SerializationError when it cannot be read)."""
    try:
        value = phpserialize.loads(
            text.strip().encode("utf-8"),
            decode_strings=True,
            object_hook=lambda name, members: _Object(members),
            errors="replace",
        )
    except (ValueError, TypeError, IndexError, UnicodeError) as error:
        raise SerializationError(str(error)) from error
    return _as_json(value)


def maybe_unserialize(text: str) -> Any:
    """maybe_unserialize(): the PHP value when the text is serialized and readable, else the
    text itself (WordPress gives false for a broken serialization; callers that care use
    unserialize)."""
    if not is_serialized(text):
        return text
    try:
        return unserialize(text)
    except SerializationError:
        return False


def serialize(value: Any) -> str:
    """serialize(): the text WordPress stores for a list, dict or scalar."""
    return phpserialize.dumps(_as_php(value)).decode("utf-8")


def maybe_serialize(value: Any) -> str:
    """maybe_serialize(): arrays and objects are serialized, scalars stored as text."""
    if isinstance(value, dict | list | tuple):
        return serialize(value)
    if isinstance(value, bool):
        return "1" if value else ""
    if value is None:
        return ""
    return str(value)


class _Object(dict):
    """An unserialized PHP object: its properties (private and protected names cleaned)."""

    def __init__(self, members: dict[Any, Any]) -> None:
        super().__init__(
            (key.split("\x00")[-1] if isinstance(key, str) else key, value)
            for key, value in members.items()
        )


def _as_json(value: Any) -> Any:
    if isinstance(value, _Object):
        return {str(key): _as_json(item) for key, item in value.items()}
    if isinstance(value, dict):
        if list(value.keys()) == list(range(len(value))):
            return [_as_json(item) for item in value.values()]
        return {str(key): _as_json(item) for key, item in value.items()}
    return value


def _as_php(value: Any) -> Any:
    if isinstance(value, dict):
        return {_php_key(key): _as_php(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return {index: _as_php(item) for index, item in enumerate(value)}
    return value


def _php_key(key: Any) -> Any:
    """PHP turns decimal-integer string keys into integers ("12" is the key 12)."""
    if isinstance(key, str) and re.fullmatch(r"-?(?:0|[1-9]\d*)", key):
        return int(key)
    return key
