"""What a site runs besides its content, as WordPress reports it: the installed themes (the active
one from settings.WP_THEME, others from settings.WP_INACTIVE_THEMES), what the active theme
supports (its `theme_supports`), its theme mods (the option `theme_mods_<stylesheet>`, where
WordPress keeps e.g. `nav_menu_locations`), and the plugins a deployment declares
(settings.WP_PLUGINS) with their activation state (the option `active_plugins`).

A headless site runs no PHP theme or plugin: these settings describe what its front end and its
stack support, so that clients reading /wp/v2/themes and /wp/v2/plugins (the block editor,
headless frameworks) learn it the way they would from WordPress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from extensions.features import THEME_FEATURES
from wpapi import schema as wp_schema
from wpapi.site import get_option

#: the post formats this API stores (every format WordPress knows)
ALL_FORMATS = [
    "standard",
    "aside",
    "chat",
    "gallery",
    "link",
    "image",
    "quote",
    "status",
    "video",
    "audio",
]

#: the theme described when settings.WP_THEME says nothing: this API's own front end, which
#: shows featured images and every post format
DEFAULT_THEME: dict[str, Any] = {
    "stylesheet": "wpapi",
    "name": "wpapi",
    "description": "The front end of a headless site served by wpapi.",
    "version": "1.0",
    "textdomain": "wpapi",
    "theme_supports": {"post-thumbnails": True, "formats": ALL_FORMATS},
}


@dataclass(frozen=True)
class Theme:
    """An installed theme: WordPress's theme headers (style.css) under their REST names."""

    stylesheet: str
    template: str
    name: str
    description: str = ""
    author: str = ""
    author_uri: str = ""
    theme_uri: str = ""
    version: str = ""
    requires_wp: str = ""
    requires_php: str = ""
    textdomain: str = ""
    tags: tuple[str, ...] = ()
    screenshot: str = ""
    #: REST name -> the value the theme declares (add_theme_support); unlisted: not supported
    supports: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def _theme(options: dict[str, Any]) -> Theme:
    stylesheet = str(options.get("stylesheet") or "").strip("/") or "wpapi"
    return Theme(
        stylesheet=stylesheet,
        template=str(options.get("template") or stylesheet),
        name=str(options.get("name", stylesheet)),
        description=str(options.get("description", "")),
        author=str(options.get("author", "")),
        author_uri=str(options.get("author_uri", "")),
        theme_uri=str(options.get("theme_uri", "")),
        version=str(options.get("version", "")),
        requires_wp=str(options.get("requires_wp", "")),
        requires_php=str(options.get("requires_php", "")),
        textdomain=str(options.get("textdomain", "")),
        tags=tuple(str(tag) for tag in options.get("tags", ())),
        screenshot=str(options.get("screenshot", "")),
        supports=dict(options.get("theme_supports", {})),
    )


def active_theme() -> Theme:
    """wp_get_theme(): the theme the site runs (settings.WP_THEME, else DEFAULT_THEME)."""
    return _theme(getattr(settings, "WP_THEME", None) or DEFAULT_THEME)


def installed_themes() -> list[Theme]:
    """wp_get_themes(): the active theme and the inactive ones a project lists, by stylesheet
    (as WordPress sorts its theme directories)."""
    themes = {theme.stylesheet: theme for theme in map(_theme, _inactive_settings())}
    active = active_theme()
    themes[active.stylesheet] = active
    return [themes[name] for name in sorted(themes)]


def _inactive_settings() -> list[dict[str, Any]]:
    return list(getattr(settings, "WP_INACTIVE_THEMES", None) or [])


def get_theme(stylesheet: str) -> Theme | None:
    return next((theme for theme in installed_themes() if theme.stylesheet == stylesheet), None)


def theme_supports(theme: Theme, names: set[str] | None = None) -> dict[str, Any]:
    """The `theme_supports` object of the active theme: each registered feature (or only
    `names`) with the value the theme declares, sanitised by the feature's schema, or the
    schema's default when the theme does not support it."""
    found: dict[str, Any] = {}
    for name, schema in THEME_FEATURES.items():
        if names is not None and name not in names:
            continue
        declared = theme.supports.get(name)
        if declared is None or declared is False:
            found[name] = schema["default"]
        elif name == "formats":
            # the feature's prepare_callback: "standard" first, then what the theme lists
            formats = declared if isinstance(declared, list | tuple) else []
            found[name] = ["standard", *[f for f in formats if f != "standard"]]
        elif schema["type"] == "boolean" or declared is True:
            found[name] = True
        else:
            found[name] = wp_schema.sanitize(declared, schema)
    return found


# --- theme mods --------------------------------------------------------------------------------
def theme_mods_option(theme: Theme | None = None) -> str:
    """The option holding a theme's mods (get_theme_mods())."""
    return f"theme_mods_{(theme or active_theme()).stylesheet}"


def get_theme_mods() -> dict[str, Any]:
    mods = get_option(theme_mods_option())
    return dict(mods) if isinstance(mods, dict) else {}


def get_theme_mod(name: str, default: Any = None) -> Any:
    """get_theme_mod(): one of the active theme's mods."""
    return get_theme_mods().get(name, default)


# --- plugins -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Plugin:
    """An installed plugin: its file (without .php, "akismet/akismet") and its headers."""

    plugin: str
    name: str
    plugin_uri: str = ""
    author: str = ""
    author_uri: str = ""
    description: str = ""
    version: str = ""
    network_only: bool = False
    requires_wp: str = ""
    requires_php: str = ""
    textdomain: str = ""

    @property
    def file(self) -> str:
        """The plugin's main file as WordPress names it (active_plugins holds these)."""
        return f"{self.plugin}.php"


def installed_plugins() -> list[Plugin]:
    """get_plugins(): what settings.WP_PLUGINS declares, sorted by name as WordPress does."""
    plugins = []
    for key, headers in (getattr(settings, "WP_PLUGINS", None) or {}).items():
        plugin = str(key).removesuffix(".php")
        plugins.append(
            Plugin(
                plugin=plugin,
                name=str(headers.get("name", plugin)),
                plugin_uri=str(headers.get("plugin_uri", "")),
                author=str(headers.get("author", "")),
                author_uri=str(headers.get("author_uri", "")),
                description=str(headers.get("description", "")),
                version=str(headers.get("version", "")),
                network_only=bool(headers.get("network_only", False)),
                requires_wp=str(headers.get("requires_wp", "")),
                requires_php=str(headers.get("requires_php", "")),
                textdomain=str(headers.get("textdomain", "")),
            )
        )
    return sorted(plugins, key=lambda plugin: plugin.name.lower())


def get_plugin(plugin: str) -> Plugin | None:
    return next((found for found in installed_plugins() if found.plugin == plugin), None)


def active_plugin_files() -> list[str]:
    """The option `active_plugins`: the main files of the active plugins."""
    value = get_option("active_plugins")
    return [str(item) for item in value] if isinstance(value, list) else []


def plugin_status(plugin: Plugin) -> str:
    return "active" if plugin.file in active_plugin_files() else "inactive"
