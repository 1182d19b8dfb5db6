"""User meta exposed over REST (register_meta('user', ..., show_in_rest)).

Core registers `persisted_preferences` (the block editor's preferences, edit context only); a
project adds its own keys in settings.WP_USER_META, e.g.
``{"team": {"type": "string", "description": "Team name.", "default": ""}}``.
"""

from typing import Any

from django.conf import settings

PERSISTED_PREFERENCES = {
    "type": "object",
    "description": "",
    "default": [],
    "context": ["edit"],
    "properties": {
        "_modified": {
            "description": "The date and time the preferences were updated.",
            "type": "string",
            "format": "date-time",
            "readonly": False,
        },
    },
    "additionalProperties": True,
}

EMPTY_VALUES = {
    "string": "",
    "integer": 0,
    "number": 0,
    "boolean": False,
    "array": [],
    "object": [],
}


def registered_user_meta() -> dict[str, dict[str, Any]]:
    """name -> the schema WordPress shows for it (type, description, default, ...)."""
    found: dict[str, dict[str, Any]] = {"persisted_preferences": PERSISTED_PREFERENCES}
    for name, options in getattr(settings, "WP_USER_META", {}).items():
        kind = options.get("type", "string")
        schema = {
            "type": kind,
            "description": options.get("description", ""),
            "default": options.get("default", EMPTY_VALUES.get(kind)),
        }
        for key in ("context", "properties", "items", "additionalProperties", "enum", "format"):
            if key in options:
                schema[key] = options[key]
        found[name] = schema
    return found


def meta_value(schema: dict[str, Any], stored: Any, present: bool) -> Any:
    """A stored value as the API shows it: the default when unset, the schema's type otherwise."""
    if not present or stored is None:
        return schema.get("default")
    kind = schema.get("type")
    try:
        if kind == "string":
            return stored if isinstance(stored, str) else str(stored)
        if kind == "integer":
            return int(stored)
        if kind == "number":
            return float(stored)
        if kind == "boolean":
            return bool(stored)
    except (TypeError, ValueError):
        return schema.get("default")
    if kind == "object" and stored == {}:
        return []  # PHP's empty array
    return stored
