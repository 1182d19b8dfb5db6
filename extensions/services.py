"""Writes on what the site runs: the active theme's mods (set_theme_mod) and plugins' activation
state (activate_plugin / deactivate_plugins, which record it in the option `active_plugins`)."""

from __future__ import annotations

from typing import Any

from extensions.queries import Plugin, active_plugin_files, get_theme_mods, theme_mods_option
from wpapi.site import update_options


def set_theme_mod(name: str, value: Any) -> None:
    """set_theme_mod(): one of the active theme's mods, kept in its theme_mods_<stylesheet>."""
    mods = get_theme_mods()
    mods[name] = value
    update_options({theme_mods_option(): mods})


def plugin_set_status(*, plugin: Plugin, status: str) -> None:
    """activate_plugin() / deactivate_plugins(): the plugin's file joins or leaves
    `active_plugins`, kept sorted as WordPress keeps it. Nothing runs: a headless site's
    plugins are a description of its stack."""
    files = [file for file in active_plugin_files() if file != plugin.file]
    if status == "active":
        files = sorted([*files, plugin.file])
    update_options({"active_plugins": files})
