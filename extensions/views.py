"""/wp/v2/themes (WP_REST_Themes_Controller) and /wp/v2/plugins (WP_REST_Plugins_Controller)."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from rest_framework.request import Request
from rest_framework.response import Response

from extensions import policies
from extensions.queries import (
    Plugin,
    Theme,
    active_theme,
    get_plugin,
    get_theme,
    installed_plugins,
    installed_themes,
    plugin_status,
)
from extensions.serializers import (
    PLUGIN_PATTERN,
    PLUGIN_STATUSES,
    PluginSerializer,
    ThemeSerializer,
)
from extensions.services import plugin_set_status
from wpapi.errors import WPError
from wpapi.formatting import sanitize_text_field, strip_all_tags
from wpapi.viewsets import CONTEXT_ARG, SEARCH_ARG, WPViewSet

THEME_PATTERN = r'[^\/:<>\*\?"\|]+(?:\/[^\/:<>\*\?"\|]+)?'


class ThemeViewSet(WPViewSet):
    """The installed themes (only the active one for editors), and one theme by stylesheet."""

    serializer_class = ThemeSerializer
    base_route = "/wp/v2/themes"
    embeds_in_bulk = False

    def url_args(self) -> dict[str, dict[str, Any]]:
        if self.route is not None and "stylesheet" in self.route.param_names:
            return {
                "stylesheet": {
                    "description": "The theme's stylesheet. This uniquely identifies the theme.",
                    "type": "string",
                    "arg_options": {"sanitize": lambda value, arg: unquote(str(value))},
                }
            }
        return {}

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {
            "status": {
                "description": "Limit result set to themes assigned one or more statuses.",
                "type": "array",
                "items": {"enum": ["active", "inactive"], "type": "string"},
            }
        }

    def item_args(self) -> dict[str, dict[str, Any]]:
        return {}

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "requested_fields": self.request_fields()}

    # --- permissions -----------------------------------------------------------------------
    def check_list_permission(self) -> None:
        policies.check_can_list_themes(self.request.user, self.params.get("status"))

    def requested_theme(self) -> Theme | None:
        return get_theme(str(self.params.get("stylesheet", self.kwargs.get("stylesheet", ""))))

    def check_retrieve_permission(self, obj: Any) -> None:
        stylesheet = str(self.params.get("stylesheet", ""))
        policies.check_can_view_theme(self.request.user, stylesheet == active_theme().stylesheet)

    # --- handlers ----------------------------------------------------------------------------
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        statuses = self.params.get("status")
        active = active_theme().stylesheet
        themes = [
            theme
            for theme in installed_themes()
            if statuses is None
            or ("active" if theme.stylesheet == active else "inactive") in statuses
        ]
        response = Response(self.serialize(themes))
        response["X-WP-Total"] = str(len(themes))
        response["X-WP-TotalPages"] = "1"
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        theme = self.requested_theme()
        if theme is None:
            raise WPError("rest_theme_not_found", "Theme not found.", 404)
        return Response(self.serialize_one(theme))


def _plugin_param(value: Any, arg: dict[str, Any]) -> str:
    """sanitize_plugin_param(): the plugin's main file, as plugin_basename() names it."""
    return sanitize_text_field(f"{value}.php")


class PluginViewSet(WPViewSet):
    """The plugins a deployment declares: listed and shown to whoever may activate plugins; their
    activation state can be changed; installing and deleting plugin files is not possible here
    (WordPress's answer when the filesystem is not writable)."""

    serializer_class = PluginSerializer
    base_route = "/wp/v2/plugins"
    embeds_in_bulk = False

    def plugin_arg(self) -> dict[str, dict[str, Any]]:
        return {
            "context": CONTEXT_ARG,
            "plugin": {
                "type": "string",
                "pattern": PLUGIN_PATTERN,
                "arg_options": {"sanitize": _plugin_param},
            },
        }

    def url_args(self) -> dict[str, dict[str, Any]]:
        return {}

    def collection_args(self) -> dict[str, dict[str, Any]]:
        return {
            "context": CONTEXT_ARG,
            "search": SEARCH_ARG,
            "status": {
                "description": "Limits results to plugins with the given status.",
                "type": "array",
                "items": {"type": "string", "enum": PLUGIN_STATUSES},
            },
        }

    def create_args(self) -> dict[str, dict[str, Any]]:
        return {
            "slug": {
                "type": "string",
                "required": True,
                "description": "WordPress.org plugin directory slug.",
                "pattern": r"[\w\-]+",
            },
            "status": {
                "description": "The plugin activation status.",
                "type": "string",
                "enum": PLUGIN_STATUSES,
                "default": "inactive",
            },
        }

    def item_args(self) -> dict[str, dict[str, Any]]:
        return self.plugin_arg()

    def update_args(self) -> dict[str, dict[str, Any]]:
        return {
            **self.plugin_arg(),
            "status": {
                "description": "The plugin activation status.",
                "type": "string",
                "enum": PLUGIN_STATUSES,
            },
        }

    def destroy_args(self) -> dict[str, dict[str, Any]]:
        return self.plugin_arg()

    # --- the plugin a route names ----------------------------------------------------------
    def requested_plugin(self) -> Plugin:
        """check_read_permission(): the plugin must be installed."""
        file = str(self.params.get("plugin", ""))
        plugin = get_plugin(file.removesuffix(".php"))
        if plugin is None:
            raise WPError("rest_plugin_not_found", "Plugin not found.", 404)
        return plugin

    # --- permissions -------------------------------------------------------------------------
    def check_list_permission(self) -> None:
        policies.check_can_list_plugins(self.request.user)

    def check_retrieve_permission(self, obj: Any) -> None:
        policies.check_can_view_plugin(self.request.user)
        self.requested_plugin()

    def check_create_permission(self) -> None:
        policies.check_can_install_plugin(self.request.user, self.params.get("status", "inactive"))

    def check_update_permission(self, obj: Any) -> None:
        user = self.request.user
        policies.check_can_manage_plugins(user)
        plugin = self.requested_plugin()
        status = self.params.get("status")
        if status and status != plugin_status(plugin):
            policies.check_can_change_plugin_status(user, plugin.file, status)

    def check_destroy_permission(self, obj: Any) -> None:
        policies.check_can_delete_plugins(self.request.user)
        self.requested_plugin()

    def allowed_methods_for_user(self) -> list[str]:
        """The methods whose checks pass; the item's checks read the plugin argument, not an
        object, so none is needed (a failed validation leaves the argument out: no Allow)."""
        route = self.route
        if route is None or ("plugin" in route.param_names and "plugin" not in self.params):
            return []
        allowed: list[str] = []
        for method, action in route.actions.items():
            try:
                self.check_action_permission(action, None)
            except WPError:
                continue
            allowed.append(method)
        return allowed

    # --- handlers ----------------------------------------------------------------------------
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        search = self.params.get("search") or ""
        statuses = self.params.get("status")
        shown = []
        for plugin in installed_plugins():
            if search and not any(
                search in strip_all_tags(value)
                for value in (
                    plugin.name,
                    plugin.plugin_uri,
                    plugin.version,
                    plugin.description,
                    plugin.author,
                    plugin.author_uri,
                    plugin.textdomain,
                    plugin.requires_wp,
                    plugin.requires_php,
                )
            ):
                continue
            if statuses and plugin_status(plugin) not in statuses:
                continue
            shown.append(plugin)
        return Response(self.serialize(shown))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self.serialize_one(self.requested_plugin()))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise filesystem_unavailable()

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plugin = self.requested_plugin()
        status = self.params.get("status")
        if status and status != plugin_status(plugin):
            plugin_set_status(plugin=plugin, status=status)
        self.wp_context = "edit"
        return Response(self.serialize_one(plugin))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plugin = self.requested_plugin()
        if plugin_status(plugin) == "active":
            raise WPError(
                "rest_cannot_delete_active_plugin",
                "Cannot delete an active plugin. Please deactivate it first.",
                400,
            )
        raise filesystem_unavailable()

    def get_object(self) -> Any:
        return None  # the item routes name a plugin file, read by requested_plugin()


def filesystem_unavailable() -> WPError:
    """is_filesystem_available()'s refusal: plugin files cannot be written or removed here.
    WordPress's code, with 403 rather than its 500: the server refuses what it will never do,
    and nothing a client sends answers a server error."""
    return WPError(
        "fs_unavailable", "The filesystem is currently unavailable for managing plugins.", 403
    )
