"""Meta keys registered with register_meta(), one normalised description per key and kind.

A project registers keys in settings, one dict per kind of object: WP_POST_META,
WP_TERM_META, WP_COMMENT_META and WP_USER_META, each ``{key: options}`` with register_meta()'s
arguments and defaults:

- ``type`` ("string"), ``description`` (""), ``single`` (False), ``default`` (none: reads give
  the type's empty value);
- ``show_in_rest``: listing a key in these settings exposes it (True) unless it says False; a
  dict takes WordPress's form, ``{"schema": {...}, "name": "rest_name"}``;
- ``object_subtype``: post meta for one post type only; ``taxonomy`` / ``taxonomies``: term meta
  for those taxonomies only (register_post_meta / register_term_meta);
- ``schema`` (or JSON-schema keywords such as ``items``, ``properties``, ``enum`` given beside
  the arguments): the value's schema, merged over type, description and default;
- ``auth_callback``: ``callable(user, obj, key) -> bool``, the filter that lets a protected key
  (one starting with "_") be written, or refuses an ordinary one;
- ``sanitize_callback``: ``callable(value, key, object_type) -> value``, applied to a value
  before it is stored (sanitize_meta()).

Core registers ``persisted_preferences`` user meta (the block editor's preferences), shown in
the edit context only. Plain data: no app is imported here.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.conf import settings

from wpapi.schema import SchemaError, validate

logger = logging.getLogger(__name__)

OBJECT_TYPES = ("post", "term", "comment", "user")
#: the value types WP_REST_Meta_Fields exposes (other types are registered but not shown)
REST_TYPES = ("string", "boolean", "integer", "number", "array", "object")
SETTINGS = {
    "post": "WP_POST_META",
    "term": "WP_TERM_META",
    "comment": "WP_COMMENT_META",
    "user": "WP_USER_META",
}
#: register_meta()'s own arguments; any other option is a keyword of the value's schema
ARGUMENTS = frozenset(
    {
        "type",
        "description",
        "default",
        "single",
        "show_in_rest",
        "object_subtype",
        "taxonomy",
        "taxonomies",
        "schema",
        "auth_callback",
        "sanitize_callback",
    }
)


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


#: a key registered without a `default`
NO_DEFAULT: Any = _NoDefault()


def empty_value(kind: str | None) -> Any:
    """WP_REST_Meta_Fields::get_empty_value_for_type(); PHP's empty array is JSON's []."""
    return {
        "string": "",
        "boolean": False,
        "integer": 0,
        "number": 0,
        "array": [],
        "object": [],
    }.get(kind or "")


def is_protected_meta(key: str) -> bool:
    """is_protected_meta(): WordPress keeps keys starting with "_" to itself."""
    printable = "".join(char for char in key if " " <= char <= "~" or char.isalpha())
    return printable.startswith("_")


def default_additional_properties_to_false(schema: Mapping[str, Any]) -> dict[str, Any]:
    """rest_default_additional_properties_to_false(): meta objects take only the properties
    their schema names, unless it says otherwise."""
    result = dict(schema)
    kinds = result.get("type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if "object" in kinds:
        for name in ("properties", "patternProperties"):
            if isinstance(result.get(name), dict):
                result[name] = {
                    key: default_additional_properties_to_false(sub)
                    for key, sub in result[name].items()
                }
        result.setdefault("additionalProperties", False)
    if "array" in kinds and isinstance(result.get("items"), dict):
        result["items"] = default_additional_properties_to_false(result["items"])
    return result


#: schema keywords that describe a value without constraining it
_PLAIN_KEYWORDS = frozenset(
    {"type", "description", "default", "context", "readonly", "title", "arg_options"}
)


@dataclass(frozen=True)
class MetaKey:
    """One registered meta key (register_meta's arguments, normalised)."""

    key: str
    object_type: str
    #: the post type or taxonomy it is registered for; "" for every object of the kind
    subtype: str = ""
    type: str = "string"
    single: bool = False
    description: str = ""
    default: Any = field(default=NO_DEFAULT, compare=False)
    show_in_rest: bool = True
    #: the name in the REST `meta` object (show_in_rest's `name`)
    name: str = ""
    #: show_in_rest's `schema` and the schema keywords given beside the arguments
    schema: Mapping[str, Any] = field(default_factory=dict, compare=False)
    auth_callback: Callable[[Any, Any, str], bool] | None = field(default=None, compare=False)
    sanitize_callback: Callable[[Any, str, str], Any] | None = field(default=None, compare=False)

    @property
    def rest_name(self) -> str:
        return self.name or self.key

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT

    @property
    def protected(self) -> bool:
        return is_protected_meta(self.key)

    @property
    def in_rest(self) -> bool:
        """Shown and written through the `meta` field (get_registered_fields())."""
        return self.show_in_rest and self.value_type in REST_TYPES

    @property
    def value_type(self) -> str:
        kind = self.schema.get("type", self.type)
        return kind if isinstance(kind, str) else ""

    @cached_property
    def value_schema(self) -> dict[str, Any]:
        """The schema of one value, as get_registered_fields() builds it (shared: callers copy
        it before changing it)."""
        schema: dict[str, Any] = {
            "type": self.type,
            "description": self.description,
            "default": self.default if self.has_default and self.default is not None else None,
        }
        schema.update(self.schema)
        if schema["default"] is None:
            schema["default"] = empty_value(self.value_type)
        return default_additional_properties_to_false(schema)

    @cached_property
    def plain_string(self) -> bool:
        """A string value with nothing to check (no format, enum, length or pattern): any
        stored text is shown as it is."""
        schema = self.value_schema
        return schema.get("type") == "string" and set(schema) <= _PLAIN_KEYWORDS

    @cached_property
    def prepared_texts(self) -> dict[str | None, Any]:
        """Stored texts and the value each is shown as, None for the default's (wpapi.meta
        keeps them)."""
        return {}

    @cached_property
    def rest_schema(self) -> dict[str, Any]:
        """The key's property in the `meta` schema: a multi-valued key is an array of values."""
        if self.single:
            return self.value_schema
        return {"type": "array", "items": self.value_schema}


_built: dict[str, list[MetaKey]] = {}
_found: dict[tuple[str, str], dict[str, MetaKey]] = {}


def forget_meta() -> None:
    _built.clear()
    _found.clear()


def registered_meta(object_type: str, subtype: str | None = None) -> dict[str, MetaKey]:
    """The keys registered for `object_type` ("post", "term", "comment", "user"): those for
    every object of the kind, then those for `subtype` (a post type or a taxonomy), in the
    order get_registered_meta_keys() merges them. Keys with show_in_rest False are included.
    Built once per configuration: callers must not change the dict."""
    found = _found.get((object_type, subtype or ""))
    if found is not None:
        return found
    if object_type not in _built:
        _built[object_type] = _build(object_type)
    found = {}
    for meta_key in _built[object_type]:
        if not meta_key.subtype:
            found[meta_key.key] = meta_key
    if subtype:
        for meta_key in _built[object_type]:
            if meta_key.subtype == subtype:
                found[meta_key.key] = meta_key
    _found[(object_type, subtype or "")] = found
    return found


PERSISTED_PREFERENCES = {
    "type": "object",
    "single": True,
    "show_in_rest": {
        "name": "persisted_preferences",
        "schema": {
            "type": "object",
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
        },
    },
}


def _build(object_type: str) -> list[MetaKey]:
    registered: dict[str, Any] = {}
    if object_type == "user":  # wp_register_persisted_preferences_meta(), on init
        registered["persisted_preferences"] = PERSISTED_PREFERENCES
    registered.update(getattr(settings, SETTINGS[object_type], None) or {})
    keys = []
    for key, options in registered.items():
        for subtype in _subtypes(object_type, options):
            meta_key = _meta_key(key, object_type, subtype, options)
            if meta_key is not None:
                keys.append(meta_key)
    return keys


def _subtypes(object_type: str, options: Mapping[str, Any]) -> list[str]:
    if object_type == "post":
        return [options.get("object_subtype") or ""]
    if object_type == "term":
        scope = (
            options.get("taxonomy") or options.get("taxonomies") or options.get("object_subtype")
        )
        if not scope:
            return [""]
        return [scope] if isinstance(scope, str) else list(scope)
    return [""]


def _meta_key(
    key: str, object_type: str, subtype: str, options: Mapping[str, Any]
) -> MetaKey | None:
    """register_meta(): None where WordPress refuses the registration (_doing_it_wrong)."""
    rest = options.get("show_in_rest", True)
    rest_options = rest if isinstance(rest, Mapping) else {}
    schema = {name: value for name, value in options.items() if name not in ARGUMENTS}
    schema.update(options.get("schema") or {})
    schema.update(rest_options.get("schema") or {})
    kind = rest_options.get("type") or options.get("type") or "string"
    meta_key = MetaKey(
        key=key,
        object_type=object_type,
        subtype=subtype,
        type=kind,
        single=bool(options.get("single", False)),
        description=options.get("description") or "",
        default=options.get("default", NO_DEFAULT),
        show_in_rest=bool(rest),
        name=rest_options.get("name") or "",
        schema=schema,
        auth_callback=options.get("auth_callback"),
        sanitize_callback=options.get("sanitize_callback"),
    )
    if meta_key.show_in_rest and meta_key.type == "array" and "items" not in schema:
        logger.warning("Meta key %r: an array shown in REST needs a schema for its items.", key)
        return None
    if meta_key.has_default:
        try:
            validate(meta_key.default, {"type": kind, **schema})
        except SchemaError:
            logger.warning("Meta key %r: the default does not match the type.", key)
            return None
    return meta_key
