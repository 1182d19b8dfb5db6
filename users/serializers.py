"""The wp/v2 shape of users and application passwords (WordPress's item schemas)."""

import functools
import hashlib
from typing import Any

from users.capabilities import all_capabilities, roles_of, user_can
from users.meta import USER_META
from wpapi import schema as wp_schema
from wpapi.dates import format_gmt
from wpapi.links import rest_url, site_url
from wpapi.serializers import WPSerializer

# The reference site's installed languages (get_available_languages()), after "" and en_US.
LOCALES = [
    "",
    "en_US",
    "ar",
    "bg_BG",
    "bn_BD",
    "bs_BA",
    "ca",
    "ckb",
    "cs_CZ",
    "cy",
    "da_DK",
    "de_DE",
    "el",
    "en_CA",
    "eo",
    "es_CL",
    "es_ES",
    "es_PE",
    "et",
    "eu",
    "fa_IR",
    "fi",
    "fr_FR",
    "gd",
    "gl_ES",
    "he_IL",
    "hr",
    "hu_HU",
    "id_ID",
    "it_IT",
    "ja",
    "jv_ID",
    "ka_GE",
    "ko_KR",
    "lv",
    "mk_MK",
    "ms_MY",
    "my_MM",
    "nb_NO",
    "nl",
    "nl_NL",
    "pl_PL",
    "pt_BR",
    "pt_PT",
    "ro_RO",
    "ru_RU",
    "ru_UA",
    "si_LK",
    "sk_SK",
    "sl_SI",
    "sq",
    "sr_RS",
    "su_ID",
    "sv_SE",
    "sw",
    "ta_LK",
    "th",
    "tr_TR",
    "ug_CN",
    "uk",
    "ur",
    "vi",
    "zh_CN",
    "zh_HK",
    "zh_TW",
]
SITE_LOCALE = "en_US"
AVATAR_SIZES = (24, 48, 96)
ALL = ["embed", "view", "edit"]


def _user_schema() -> dict[str, Any]:
    avatar_properties = {
        str(size): {
            "description": f"Avatar URL with image size of {size} pixels.",
            "type": "string",
            "format": "uri",
            "context": ALL,
        }
        for size in AVATAR_SIZES
    }
    return {
        "title": "user",
        "type": "object",
        "properties": {
            "id": {
                "description": "Unique identifier for the user.",
                "type": "integer",
                "context": ALL,
                "readonly": True,
            },
            "username": {
                "description": "Login name for the user.",
                "type": "string",
                "context": ["edit"],
                "required": True,
            },
            "name": {"description": "Display name for the user.", "type": "string", "context": ALL},
            "first_name": {
                "description": "First name for the user.",
                "type": "string",
                "context": ["edit"],
            },
            "last_name": {
                "description": "Last name for the user.",
                "type": "string",
                "context": ["edit"],
            },
            "email": {
                "description": "The email address for the user.",
                "type": "string",
                "format": "email",
                "context": ["edit"],
                "required": True,
            },
            "url": {
                "description": "URL of the user.",
                "type": "string",
                "format": "uri",
                "context": ALL,
            },
            "description": {
                "description": "Description of the user.",
                "type": "string",
                "context": ALL,
            },
            "link": {
                "description": "Author URL of the user.",
                "type": "string",
                "format": "uri",
                "context": ALL,
                "readonly": True,
            },
            "locale": {
                "description": "Locale for the user.",
                "type": "string",
                "enum": LOCALES,
                "context": ["edit"],
            },
            "nickname": {
                "description": "The nickname for the user.",
                "type": "string",
                "context": ["edit"],
            },
            "slug": {
                "description": "An alphanumeric identifier for the user.",
                "type": "string",
                "context": ALL,
            },
            "registered_date": {
                "description": "Registration date for the user.",
                "type": "string",
                "format": "date-time",
                "context": ["edit"],
                "readonly": True,
            },
            "roles": {
                "description": "Roles assigned to the user.",
                "type": "array",
                "items": {"type": "string"},
                "context": ["edit"],
            },
            "password": {
                "description": "Password for the user (never included).",
                "type": "string",
                "context": [],
                "required": True,
            },
            "capabilities": {
                "description": "All capabilities assigned to the user.",
                "type": "object",
                "context": ["edit"],
                "readonly": True,
            },
            "extra_capabilities": {
                "description": "Any extra capabilities assigned to the user.",
                "type": "object",
                "context": ["edit"],
                "readonly": True,
            },
            "avatar_urls": {
                "description": "Avatar URLs for the user.",
                "type": "object",
                "context": ALL,
                "readonly": True,
                "properties": avatar_properties,
            },
            "meta": USER_META.field_schema(),
        },
    }


class _LazySchema:
    """The schema is built on use, again whenever the registered user meta changes."""

    def __init__(self, build: Any) -> None:
        self.build, self.value, self.key = build, None, None

    def __get__(self, instance: Any, owner: Any) -> dict[str, Any]:
        key = USER_META.signature()
        if self.value is None or key != self.key:
            self.value, self.key = self.build(), key
        return self.value


@functools.cache
def _user_context_plan(meta_key: str, context: str) -> dict[str, Any]:
    return wp_schema.context_filter(UserSerializer.schema, context)


def avatar_urls(request: Any, email: str) -> dict[str, str]:
    """get_avatar_url() for each REST size, over https when the request is."""
    return gravatar_urls(email, secure=request is not None and request.is_secure())


def gravatar_urls(email: str, secure: bool) -> dict[str, str]:
    """rest_get_avatar_urls(): Gravatar by the md5 of the trimmed, lowered email (users and
    comment authors alike)."""
    digest = (
        hashlib.md5(email.strip().lower().encode(), usedforsecurity=False).hexdigest()
        if email
        else ""
    )
    if secure:
        host = "https://secure.gravatar.com"
    else:
        host = f"http://{int(digest[0], 16) % 3 if digest else 0}.gravatar.com"
    return {str(size): f"{host}/avatar/{digest}?s={size}&d=mm&r=g" for size in AVATAR_SIZES}


def author_link(request: Any, user: Any) -> str:
    """get_author_posts_url() with pretty permalinks."""
    return f"{site_url(request)}/author/{user.nicename}/"


class UserSerializer(WPSerializer):
    schema = _LazySchema(_user_schema)

    @classmethod
    def context_plan(cls, context: str) -> dict[str, Any]:
        return _user_context_plan(USER_META.signature(), context)

    def to_representation(self, user: Any) -> dict[str, Any]:
        request = self.context.get("request")
        viewer = getattr(request, "user", None)
        data: dict[str, Any] = {}
        simple = {
            "id": lambda: user.pk,
            "username": lambda: user.username,
            "name": lambda: user.display_name,
            "first_name": lambda: user.first_name,
            "last_name": lambda: user.last_name,
            "email": lambda: user.email,
            "url": lambda: user.url,
            "description": lambda: user.description,
            "link": lambda: author_link(request, user),
            "locale": lambda: user.locale or SITE_LOCALE,
            "nickname": lambda: user.nickname,
            "slug": lambda: user.nicename,
        }
        for name, value in simple.items():
            if self.wants(name):
                data[name] = value()
        if self.wants("roles") and (
            user_can(viewer, "list_users") or user_can(viewer, "edit_user", user)
        ):
            data["roles"] = roles_of(user)
        if self.wants("registered_date"):
            data["registered_date"] = format_gmt(user.date_joined) + "+00:00"
        if self.wants("capabilities"):
            data["capabilities"] = all_capabilities(user)
        if self.wants("extra_capabilities"):
            data["extra_capabilities"] = dict.fromkeys(roles_of(user), True)
        if self.wants("avatar_urls"):
            data["avatar_urls"] = avatar_urls(request, user.email)
        if self.wants("meta"):
            data["meta"] = self.meta_for(user)
        return data

    def meta_for(self, user: Any) -> dict[str, Any] | list:
        return USER_META.value(self.context.get("meta", {}).get(user.pk))

    def links(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        return {
            "self": [{"href": rest_url(request, f"/wp/v2/users/{user.pk}")}],
            "collection": [{"href": rest_url(request, "/wp/v2/users")}],
        }


def _application_password_schema() -> dict[str, Any]:
    return {
        "title": "application-password",
        "type": "object",
        "properties": {
            "uuid": {
                "description": "The unique identifier for the application password.",
                "type": "string",
                "format": "uuid",
                "context": ["view", "edit", "embed"],
                "readonly": True,
            },
            "app_id": {
                "description": "A UUID provided by the application to uniquely identify "
                "it. It is recommended to use an UUID v5 with the URL or "
                "DNS namespace.",
                "type": "string",
                "format": "uuid",
                "context": ["view", "edit", "embed"],
            },
            "name": {
                "description": "The name of the application password.",
                "type": "string",
                "required": True,
                "context": ["view", "edit", "embed"],
                "minLength": 1,
                "pattern": r".*\S.*",
            },
            "password": {
                "description": "The generated password. Only available after adding "
                "an application.",
                "type": "string",
                "context": ["edit"],
                "readonly": True,
            },
            "created": {
                "description": "The GMT date the application password was created.",
                "type": "string",
                "format": "date-time",
                "context": ["view", "edit"],
                "readonly": True,
            },
            "last_used": {
                "description": "The GMT date the application password was last used.",
                "type": ["string", "null"],
                "format": "date-time",
                "context": ["view", "edit"],
                "readonly": True,
            },
            "last_ip": {
                "description": "The IP address the application password was last used by.",
                "type": ["string", "null"],
                "format": "ip",
                "context": ["view", "edit"],
                "readonly": True,
            },
        },
    }


def _gmt(value: Any) -> str | None:
    return format_gmt(value) if value else None


class ApplicationPasswordSerializer(WPSerializer):
    schema = _LazySchema(_application_password_schema)

    def to_representation(self, item: Any) -> dict[str, Any]:
        data = {
            "uuid": str(item.uuid),
            "app_id": item.app_id or "",
            "name": item.name,
            "created": _gmt(item.created),
            "last_used": _gmt(item.last_used),
            "last_ip": item.last_ip or None,
        }
        # The plain password exists only on the object just created (shown once).
        plain = getattr(item, "new_password", None)
        if plain:
            data["password"] = plain
        return {key: value for key, value in data.items() if self.wants(key)}

    def links(self, item: Any) -> dict[str, list[dict[str, Any]]]:
        if self.context.get("without_links"):
            return {}
        request = self.context.get("request")
        route = f"/wp/v2/users/{item.user_id}/application-passwords/{item.uuid}"
        return {"self": [{"href": rest_url(request, route)}]}
