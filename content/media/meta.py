"""Post meta registered for attachments (settings.WP_POST_META, like posts): the posts' own
handling (content.meta_fields) for the attachment type."""

from __future__ import annotations

from typing import Any

from content import meta_fields
from wpapi.registry import registered_post_meta

TYPE = "attachment"
save = meta_fields.save


def registered() -> dict[str, dict[str, Any]]:
    return registered_post_meta(TYPE)


def load(ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """Stored values of the registered keys for these attachments: one query."""
    return meta_fields.load(TYPE, ids)


def as_shown(values: dict[str, list[str]]) -> Any:
    return meta_fields.as_shown(TYPE, values)
