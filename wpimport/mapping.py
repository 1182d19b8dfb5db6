"""How WordPress's stored values become wpapi's: dates, post meta that wpapi keeps in columns,
formats, roles, and the site options the API shows or uses."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Any

from django.db import models

from users.capabilities import ROLE_CAPABILITIES
from wpapi import php
from wpapi.dates import zone_named
from wpimport.records import SourceError

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

#: post meta that wpapi keeps as columns of the post (not as meta rows)
POST_COLUMN_META = {
    "_thumbnail_id": "featured_media",
    "_wp_attached_file": "file",
    "_wp_attachment_metadata": "media_details",
    "_wp_attachment_image_alt": "alt_text",
    "_wp_page_template": "template",
    "_wp_trash_meta_status": "trashed_from_status",
    "_wp_trash_meta_comments_status": "comments_status_before_trash",
}
#: comment meta that wpapi keeps as a column of the comment
COMMENT_COLUMN_META = {"_wp_trash_meta_status": "previous_status"}

#: post types stored whatever the registry says: the classic menus' items and block menus
ALWAYS_IMPORTED_TYPES = ("nav_menu_item", "wp_navigation")
#: taxonomies stored whatever the registry says (menus); post_format becomes the format column
ALWAYS_IMPORTED_TAXONOMIES = ("nav_menu",)

KNOWN_ROLES = tuple(ROLE_CAPABILITIES)


def to_utc(local: datetime | None, gmt: datetime | None, zone: tzinfo) -> datetime | None:
    """A WordPress date pair as one UTC instant: the GMT value when set, else the local value
    read in the site's zone (a draft's floating date)."""
    if gmt is not None:
        return gmt.replace(tzinfo=UTC)
    if local is not None:
        return local.replace(tzinfo=zone).astimezone(UTC)
    return None


def source_timezone(options: dict[str, Any]) -> str | None:
    """The timezone option as wpapi stores it: timezone_string, else gmt_offset as UTC+h:mm."""
    name = options.get("timezone_string")
    if name:
        return str(name)
    offset = options.get("gmt_offset")
    if offset in (None, ""):
        return None
    try:
        hours = float(offset)
    except (TypeError, ValueError):
        return None
    if hours == 0:
        return "UTC"
    sign = "-" if hours < 0 else "+"
    minutes = round(abs(hours) * 60)
    whole, rest = divmod(minutes, 60)
    return f"UTC{sign}{whole}" + (f":{rest:02d}" if rest else "")


def zone_of(options: dict[str, Any], fallback: tzinfo) -> tzinfo:
    name = source_timezone(options)
    return zone_named(name) if name else fallback


def post_format(terms: list[tuple[str, int]], slugs: dict[int, str]) -> str:
    """The format a post_format term gives ("post-format-aside" is aside)."""
    for taxonomy, term_id in terms:
        if taxonomy == "post_format":
            slug = slugs.get(term_id, "")
            if slug.startswith("post-format-"):
                return slug[len("post-format-") :]
    return "standard"


def known_roles(roles: list[str]) -> tuple[list[str], list[str]]:
    """The roles wpapi knows, and those it does not (a plugin's)."""
    kept = [role for role in roles if role in KNOWN_ROLES]
    return kept, [role for role in roles if role not in KNOWN_ROLES]


def guess_mime_type(name: str) -> str:
    """wp_check_filetype(): the MIME type a file's extension gives (WXR items carry none)."""
    from content.media.files import MIME_TYPES, check_filetype

    return check_filetype(name.split("?", 1)[0].rsplit("/", 1)[-1], MIME_TYPES)[1] or ""


def storable(value: str) -> str:
    """Text every database can store: PostgreSQL's text holds no NUL character. WordPress's
    serialized objects hold some (private and protected property names): such a value is
    serialized again with plain names; elsewhere NULs are dropped."""
    if "\x00" not in value:
        return value
    if php.is_serialized(value):
        try:
            return php.serialize(php.unserialize(value))
        except php.SerializationError:
            pass
    return value.replace("\x00", "")


def storable_rows(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(storable(key), storable(value)) for key, value in rows]


def storable_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {
        name: storable(value) if isinstance(value, str) else value for name, value in values.items()
    }


def check_lengths(model: type[models.Model], values: dict[str, Any], where: str) -> None:
    """A value longer than its column is bad input on every database (SQLite would take it,
    PostgreSQL would not): said with the record it came from."""
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a non-field key (meta, terms)
            continue
        limit = getattr(field, "max_length", None)
        if limit and len(value) > limit:
            raise SourceError(
                where, f"{name} is {len(value)} characters long; {limit} at most fit here"
            )


def _bool(value: Any) -> bool:
    return str(value).strip().lower() not in ("", "0", "false")


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _text(value: Any) -> str:
    return "" if value is None else str(value)


#: WordPress option -> (wpapi option, converter); IDs are mapped by the loader
OPTION_MAP: dict[str, tuple[str, Any]] = {
    "blogname": ("title", _text),
    "blogdescription": ("description", _text),
    "admin_email": ("email", _text),
    "date_format": ("date_format", _text),
    "time_format": ("time_format", _text),
    "start_of_week": ("start_of_week", _int),
    "use_smilies": ("use_smilies", _bool),
    "default_post_format": ("default_post_format", lambda v: _text(v) or "0"),
    "posts_per_page": ("posts_per_page", lambda v: _int(v, 10)),
    "show_on_front": ("show_on_front", _text),
    "default_ping_status": ("default_ping_status", _text),
    "default_comment_status": ("default_comment_status", _text),
    "comment_registration": ("comment_registration", _bool),
    "require_name_email": ("require_name_email", _bool),
    "comment_moderation": ("comment_moderation", _bool),
    "comment_max_links": ("comment_max_links", _int),
    "comment_previously_approved": ("comment_previously_approved", _bool),
    "comment_whitelist": ("comment_previously_approved", _bool),
    "moderation_keys": ("moderation_keys", _text),
    "disallowed_keys": ("disallowed_keys", _text),
    "blacklist_keys": ("disallowed_keys", _text),
    "close_comments_for_old_posts": ("close_comments_for_old_posts", _bool),
    "close_comments_days_old": ("close_comments_days_old", _int),
    "thread_comments": ("thread_comments", _bool),
    "thread_comments_depth": ("thread_comments_depth", _int),
    "page_comments": ("page_comments", _bool),
    "comments_per_page": ("comments_per_page", _int),
    "default_comments_page": ("default_comments_page", _text),
    "comment_order": ("comment_order", _text),
    "show_avatars": ("show_avatars", _bool),
    "avatar_rating": ("avatar_rating", _text),
    "avatar_default": ("avatar_default", _text),
    "users_can_register": ("users_can_register", _bool),
    "default_role": ("default_role", _text),
}
#: options holding a post's ID (0 or none when unset)
POST_ID_OPTIONS = {
    "page_on_front": "page_on_front",
    "page_for_posts": "page_for_posts",
    "site_icon": "site_icon",
    "wp_page_for_privacy_policy": "wp_page_for_privacy_policy",
}


def site_options(
    options: dict[str, Any], post_id: Any, term_id: Any
) -> tuple[dict[str, Any], list[str]]:
    """The wpapi options a WordPress site's options give, with IDs mapped by `post_id` and
    `term_id` (None: not imported); and notes on what was left as it is."""
    values: dict[str, Any] = {}
    notes: list[str] = []
    for name, (target, convert) in OPTION_MAP.items():
        if name in options and options[name] is not None:
            values[target] = convert(options[name])
    zone = source_timezone(options)
    if zone:
        values["timezone"] = zone
    if "WPLANG" in options:
        values["language"] = _text(options["WPLANG"]) or "en_US"
    if "default_category" in options:
        values["default_category"] = term_id(_int(options["default_category"])) or None
    for name, target in POST_ID_OPTIONS.items():
        if name in options:
            values[target] = post_id(_int(options[name])) or 0
    if "site_logo" in options:
        values["site_logo"] = post_id(_int(options["site_logo"])) or None
    mods = options.get("theme_mods")
    if isinstance(mods, dict) and isinstance(mods.get("nav_menu_locations"), dict):
        values["nav_menu_locations"] = {
            str(location): term_id(_int(menu)) or 0
            for location, menu in mods["nav_menu_locations"].items()
        }
    structure = options.get("permalink_structure")
    if structure not in (None, "/%postname%/"):
        notes.append(
            f"the site's permalink structure is {structure!r}; wpapi's links use /%postname%/"
        )
    return values, notes


def serialized_map(text: str) -> dict[str, str]:
    """A serialized array of ID => value (_wp_trash_meta_comments_status)."""
    value = php.maybe_unserialize(text)
    if isinstance(value, list):
        value = dict(enumerate(value))
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def attachment_details(text: str) -> dict[str, Any]:
    """_wp_attachment_metadata as media_details: the unserialized array, or {} when it is
    not one (WordPress answers an empty object then)."""
    value = php.maybe_unserialize(text)
    return value if isinstance(value, dict) else {}
