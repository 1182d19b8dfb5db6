"""`/wp/v2/settings`: the site options an administrator may read and change (manage_options)."""

from typing import Any
from zoneinfo import ZoneInfo

from rest_framework.request import Request
from rest_framework.response import Response

from users.capabilities import user_can
from wpapi import schema as wp_schema
from wpapi.links import site_url
from wpapi.routing import router
from wpapi.serializers import WPSerializer
from wpapi.site import options, update_options
from wpapi.viewsets import WPViewSet


def _setting(kind: str, description: str, default: Any = None, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, "default": default, **extra}


def _validate_nullable(value: Any, name: str, arg: dict[str, Any]) -> None:
    # null resets an option; anything else must match the setting's own schema
    if value is not None:
        wp_schema.validate(value, arg, name)


def _sanitize_nullable(value: Any, arg: dict[str, Any]) -> Any:
    return None if value is None else wp_schema.sanitize(value, arg)


class SettingsSerializer(WPSerializer):
    schema = {
        "title": "settings",
        "type": "object",
        "properties": {
            "title": _setting("string", "Site title."),
            "description": _setting("string", "Site tagline."),
            "url": {**_setting("string", "Site URL.", format="uri"), "readonly": True},
            "email": _setting(
                "string",
                "This address is used for admin purposes, like new user notification.",
                format="email",
            ),
            "timezone": _setting("string", "A city in the same timezone as you."),
            "date_format": _setting("string", "A date format for all date strings."),
            "time_format": _setting("string", "A time format for all time strings."),
            "start_of_week": _setting(
                "integer", "A day number of the week that the week should start on."
            ),
            "language": _setting("string", "WordPress locale code.", "en_US"),
            "use_smilies": _setting(
                "boolean", "Convert emoticons like :-) and :-P to graphics on display.", True
            ),
            "default_category": _setting("integer", "Default post category."),
            "default_post_format": _setting("string", "Default post format."),
            "posts_per_page": _setting("integer", "Blog pages show at most.", 10),
            "show_on_front": _setting("string", "What to show on the front page"),
            "page_on_front": _setting(
                "integer", "The ID of the page that should be displayed on the front page"
            ),
            "page_for_posts": _setting(
                "integer", "The ID of the page that should display the latest posts"
            ),
            "default_ping_status": _setting(
                "string",
                "Allow link notifications from other "
                "blogs (pingbacks and trackbacks) on new articles.",
                enum=["open", "closed"],
            ),
            "default_comment_status": _setting(
                "string", "Allow people to submit comments on new posts.", enum=["open", "closed"]
            ),
            "site_logo": _setting("integer", "Site logo."),
            "site_icon": _setting("integer", "Site icon."),
        },
    }

    def to_representation(self, values: dict[str, Any]) -> dict[str, Any]:
        return {name: values.get(name) for name in self.schema["properties"]}


def _is_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ValueError, KeyError):
        return False
    return True


class SettingsViewSet(WPViewSet):
    """WP_REST_Settings_Controller: one object, every field writable but `url`."""

    serializer_class = SettingsSerializer

    def settings_args(self) -> dict[str, dict[str, Any]]:
        args = wp_schema.args_from_schema(SettingsSerializer.schema, creating=False)
        for arg in args.values():
            arg["arg_options"] = {
                "validate_first": True,
                "validate": lambda value, name, arg=arg: _validate_nullable(value, name, arg),
                "sanitize": _sanitize_nullable,
            }
        return args

    def args_for(self, action: str) -> dict[str, dict[str, Any]]:
        return {} if action == "get_settings" else self.settings_args()

    def check_get_settings_permission(self, obj: Any) -> None:
        if not user_can(self.request.user, "manage_options"):
            raise self.forbid("rest_forbidden", "Sorry, you are not allowed to do that.")

    check_update_settings_permission = check_get_settings_permission

    def current(self) -> dict[str, Any]:
        values = options()
        values["url"] = site_url(self.request)
        return values

    def get_settings(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(SettingsSerializer(context={}).to_representation(self.current()))

    def update_settings(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        writable = self.settings_args()
        values = {name: value for name, value in self.params.items() if name in writable}
        if values.get("timezone") is not None and not _is_timezone(values["timezone"]):
            del values["timezone"]  # WordPress keeps the old timezone and answers 200
        update_options(values)
        return self.get_settings(request)


def register_settings_route() -> None:
    router.add(
        "/wp/v2/settings",
        SettingsViewSet,
        {
            "GET": "get_settings",
            "POST": "update_settings",
            "PUT": "update_settings",
            "PATCH": "update_settings",
        },
    )
