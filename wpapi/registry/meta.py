"""Meta keys registered for the REST API (register_meta with show_in_rest), per object kind.

A project registers them in settings: WP_POST_META (`object_subtype` narrows a key to one post
type), WP_TERM_META (`taxonomy`), WP_COMMENT_META and WP_USER_META.
"""

from typing import Any

from django.conf import settings


def registered_post_meta(post_type: str) -> dict[str, dict[str, Any]]:
    """Post meta registered with show_in_rest (settings.WP_POST_META), for this type."""
    found = {}
    for key, options in getattr(settings, "WP_POST_META", {}).items():
        subtype = options.get("object_subtype")
        if subtype and subtype != post_type:
            continue
        found[key] = options
    return found


def registered_term_meta(taxonomy: str) -> dict[str, dict[str, Any]]:
    """The meta keys shown for terms of `taxonomy`, each with its JSON schema."""
    found = {}
    for key, options in getattr(settings, "WP_TERM_META", {}).items():
        scope = options.get("taxonomy") or options.get("taxonomies") or ""
        scopes = [scope] if isinstance(scope, str) else list(scope)
        if scope and taxonomy not in scopes:
            continue
        schema = {
            name: value
            for name, value in options.items()
            if name not in ("taxonomy", "taxonomies", "single", "show_in_rest")
        }
        schema.setdefault("type", "string")
        found[key] = schema
    return found
