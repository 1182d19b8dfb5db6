"""The wp/v2 shape of themes (WP_REST_Themes_Controller) and plugins
(WP_REST_Plugins_Controller)."""

from __future__ import annotations

from typing import Any

from django.utils.html import escape

from content.formatting import wptexturize
from extensions.features import THEME_FEATURES
from extensions.queries import Plugin, Theme, active_theme, plugin_status, theme_supports
from wpapi.formatting import esc_url_raw, kses
from wpapi.links import rest_url
from wpapi.serializers import WPSerializer


def _raw_rendered(
    description: str,
    *,
    raw_description: str,
    rendered_description: str,
    raw_type: str = "string",
    **raw: Any,
) -> dict[str, Any]:
    return {
        "description": description,
        "type": "object",
        "readonly": True,
        "properties": {
            "raw": {"description": raw_description, "type": raw_type, **raw},
            "rendered": {"description": rendered_description, "type": "string"},
        },
    }


def _text(description: str) -> dict[str, Any]:
    return {"description": description, "type": "string", "readonly": True}


THEME_SCHEMA: dict[str, Any] = {
    "title": "theme",
    "type": "object",
    "properties": {
        "stylesheet": _text("The theme's stylesheet. This uniquely identifies the theme."),
        "template": _text(
            "The theme's template. If this is a child theme, this refers to the parent theme, "
            "otherwise this is the same as the theme's stylesheet."
        ),
        "author": _raw_rendered(
            "The theme author.",
            raw_description="The theme author's name, as found in the theme header.",
            rendered_description="HTML for the theme author, transformed for display.",
        ),
        "author_uri": _raw_rendered(
            "The website of the theme author.",
            raw_description="The website of the theme author, as found in the theme header.",
            rendered_description="The website of the theme author, transformed for display.",
            format="uri",
        ),
        "description": _raw_rendered(
            "A description of the theme.",
            raw_description="The theme description, as found in the theme header.",
            rendered_description="The theme description, transformed for display.",
        ),
        "name": _raw_rendered(
            "The name of the theme.",
            raw_description="The theme name, as found in the theme header.",
            rendered_description="The theme name, transformed for display.",
        ),
        "requires_php": _text("The minimum PHP version required for the theme to work."),
        "requires_wp": _text("The minimum WordPress version required for the theme to work."),
        "screenshot": {
            "description": "The theme's screenshot URL.",
            "type": "string",
            "format": "uri",
            "readonly": True,
        },
        "tags": _raw_rendered(
            "Tags indicating styles and features of the theme.",
            raw_type="array",
            raw_description="The theme tags, as found in the theme header.",
            rendered_description="The theme tags, transformed for display.",
            items={"type": "string"},
        ),
        "textdomain": _text("The theme's text domain."),
        "theme_supports": {
            "description": "Features supported by this theme.",
            "type": "object",
            "readonly": True,
            "properties": THEME_FEATURES,
        },
        "theme_uri": _raw_rendered(
            "The URI of the theme's webpage.",
            raw_description="The URI of the theme's webpage, as found in the theme header.",
            rendered_description="The URI of the theme's webpage, transformed for display.",
            format="uri",
        ),
        "version": _text("The theme's current version."),
        "status": {
            "description": "A named status for the theme.",
            "type": "string",
            "enum": ["inactive", "active"],
        },
    },
}
# "rendered" of author_uri and theme_uri are URIs too
for _name in ("author_uri", "theme_uri"):
    THEME_SCHEMA["properties"][_name]["properties"]["rendered"]["format"] = "uri"


def _theme_author(theme: Theme) -> str:
    """WP_Theme::display("Author"): the name, linked to the author's site when there is one."""
    name = escape(theme.author)
    if theme.author and theme.author_uri:
        return f'<a href="{escape(esc_url_raw(theme.author_uri))}">{name}</a>'
    return name


class ThemeSerializer(WPSerializer):
    """A theme as WP_REST_Themes_Controller::prepare_item_for_response() sends it: every field
    in every context (the controller filters none), theme_supports for the active theme."""

    schema = THEME_SCHEMA

    def wants_nested(self, name: str, sub: str) -> bool:
        """rest_is_field_included("name.sub"): `_fields` may ask for part of an object."""
        requested = self.context.get("requested_fields")
        if requested is None:
            return True
        return name in requested or f"{name}.{sub}" in requested

    def to_representation(self, theme: Theme) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name in ("stylesheet", "template", "requires_php", "requires_wp", "textdomain"):
            if self.wants(name):
                data[name] = getattr(theme, name)
        if self.wants("version"):
            data["version"] = theme.version
        if self.wants("screenshot"):
            data["screenshot"] = theme.screenshot
        rich = {
            "author": (theme.author, _theme_author(theme)),
            "author_uri": (theme.author_uri, esc_url_raw(theme.author_uri)),
            "description": (theme.description, wptexturize(kses(theme.description))),
            "name": (theme.name, escape(theme.name)),
            "tags": (list(theme.tags), ", ".join(theme.tags)),
            "theme_uri": (theme.theme_uri, esc_url_raw(theme.theme_uri)),
        }
        for name, (raw, rendered) in rich.items():
            if not self.wants(name):
                continue
            value: dict[str, Any] = {}
            if self.wants_nested(name, "raw"):
                value["raw"] = raw
            if self.wants_nested(name, "rendered"):
                value["rendered"] = rendered
            data[name] = value
        is_active = theme.stylesheet == active_theme().stylesheet
        if self.wants("status"):
            data["status"] = "active" if is_active else "inactive"
        if self.wants("theme_supports") and is_active:
            requested = self.context.get("requested_fields")
            names = None
            if requested is not None and "theme_supports" not in requested:
                names = {
                    field.split(".", 2)[1]
                    for field in requested
                    if field.startswith("theme_supports.")
                }
            supports = theme_supports(theme, names)
            if supports:
                data["theme_supports"] = supports
        return data

    def item(self, instance: Any) -> dict[str, Any]:
        data = self.to_representation(instance)  # no context filtering, as WordPress
        if self.wants("_links"):
            data["_links"] = self.links(instance)
        return data

    def links(self, theme: Theme) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        return {
            "self": [{"href": rest_url(request, f"/wp/v2/themes/{theme.stylesheet}")}],
            "collection": [{"href": rest_url(request, "/wp/v2/themes")}],
        }


# --- plugins -----------------------------------------------------------------------------------
PLUGIN_PATTERN = r"[^.\/]+(?:\/[^.\/]+)?"
PLUGIN_STATUSES = ["inactive", "active"]
_ALL = ["view", "edit", "embed"]
_VIEW_EDIT = ["view", "edit"]

PLUGIN_SCHEMA: dict[str, Any] = {
    "title": "plugin",
    "type": "object",
    "properties": {
        "plugin": {
            "description": "The plugin file.",
            "type": "string",
            "pattern": PLUGIN_PATTERN,
            "readonly": True,
            "context": _ALL,
        },
        "status": {
            "description": "The plugin activation status.",
            "type": "string",
            "enum": PLUGIN_STATUSES,
            "context": _ALL,
        },
        "name": {
            "description": "The plugin name.",
            "type": "string",
            "readonly": True,
            "context": _ALL,
        },
        "plugin_uri": {
            "description": "The plugin's website address.",
            "type": "string",
            "format": "uri",
            "readonly": True,
            "context": _VIEW_EDIT,
        },
        "author": {
            "description": "The plugin author.",
            "type": "object",
            "readonly": True,
            "context": _VIEW_EDIT,
        },
        "author_uri": {
            "description": "Plugin author's website address.",
            "type": "string",
            "format": "uri",
            "readonly": True,
            "context": _VIEW_EDIT,
        },
        "description": {
            "description": "The plugin description.",
            "type": "object",
            "readonly": True,
            "context": _VIEW_EDIT,
            "properties": {
                "raw": {"description": "The raw plugin description.", "type": "string"},
                "rendered": {
                    "description": "The plugin description formatted for display.",
                    "type": "string",
                },
            },
        },
        "version": {
            "description": "The plugin version number.",
            "type": "string",
            "readonly": True,
            "context": _VIEW_EDIT,
        },
        "network_only": {
            "description": "Whether the plugin can only be activated network-wide.",
            "type": "boolean",
            "readonly": True,
            "context": _ALL,
        },
        "requires_wp": {
            "description": "Minimum required version of WordPress.",
            "type": "string",
            "readonly": True,
            "context": _ALL,
        },
        "requires_php": {
            "description": "Minimum required version of PHP.",
            "type": "string",
            "readonly": True,
            "context": _ALL,
        },
        "textdomain": {
            "description": "The plugin's text domain.",
            "type": "string",
            "readonly": True,
            "context": _VIEW_EDIT,
        },
    },
}


def plugin_description_rendered(plugin: Plugin) -> str:
    """_get_plugin_data_markup_translate() with markup: the description texturized, then
    "By <author>." with the author linked to their site."""
    text = wptexturize(kses(plugin.description))
    if plugin.author:
        author = escape(plugin.author)
        if plugin.author_uri:
            author = f'<a href="{escape(esc_url_raw(plugin.author_uri))}">{author}</a>'
        text += f" <cite>By {author}.</cite>"
    return text


class PluginSerializer(WPSerializer):
    """A plugin as WP_REST_Plugins_Controller::prepare_item_for_response() sends it: all of it
    whatever the context (the controller filters nothing)."""

    schema = PLUGIN_SCHEMA

    def to_representation(self, plugin: Plugin) -> dict[str, Any]:
        return {
            "plugin": plugin.plugin,
            "status": plugin_status(plugin),
            "name": plugin.name,
            "plugin_uri": plugin.plugin_uri,
            "author": plugin.author,
            "author_uri": plugin.author_uri,
            "description": {
                "raw": plugin.description,
                "rendered": plugin_description_rendered(plugin),
            },
            "version": plugin.version,
            "network_only": plugin.network_only,
            "requires_wp": plugin.requires_wp,
            "requires_php": plugin.requires_php,
            "textdomain": plugin.textdomain,
        }

    def item(self, instance: Any) -> dict[str, Any]:
        data = self.to_representation(instance)
        if self.wants("_links"):
            data["_links"] = self.links(instance)
        return data

    def links(self, plugin: Plugin) -> dict[str, list[dict[str, Any]]]:
        request = self.context.get("request")
        return {"self": [{"href": rest_url(request, f"/wp/v2/plugins/{plugin.plugin}")}]}
