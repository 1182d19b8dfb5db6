"""Who may see the site's themes and plugins and change plugins: the themes and plugins
controllers' permission checks, built on users.capabilities.user_can()."""

from __future__ import annotations

from typing import Any

from users.capabilities import user_can
from wpapi.errors import forbidden
from wpapi.registry import post_type_caps_for, post_types


def can_edit_some_rest_type(user: Any) -> bool:
    """edit_posts, or the edit_posts capability of any post type shown in REST: who may read the
    active theme, menus and menu items (they build what the editor shows)."""
    if user_can(user, "edit_posts"):
        return True
    return any(
        user_can(user, post_type_caps_for(slug)["edit_posts"])
        for slug, kind in post_types().items()
        if kind.show_in_rest
    )


def can_manage_themes(user: Any) -> bool:
    return user_can(user, "switch_themes") or user_can(user, "manage_network_themes")


def check_can_read_active_theme(user: Any) -> None:
    """check_read_active_theme_permission()."""
    if not can_edit_some_rest_type(user):
        raise forbidden(
            user,
            "rest_cannot_view_active_theme",
            "Sorry, you are not allowed to view the active theme.",
        )


def check_can_list_themes(user: Any, statuses: Any) -> None:
    """Every theme needs switch_themes; only the active one (status=active) is for whoever may
    edit some post type."""
    if can_manage_themes(user):
        return
    if statuses == ["active"]:
        check_can_read_active_theme(user)
        return
    raise forbidden(user, "rest_cannot_view_themes", "Sorry, you are not allowed to view themes.")


def check_can_view_theme(user: Any, is_active: bool) -> None:
    if can_manage_themes(user):
        return
    if is_active:
        check_can_read_active_theme(user)
        return
    raise forbidden(user, "rest_cannot_view_themes", "Sorry, you are not allowed to view themes.")


# --- plugins -----------------------------------------------------------------------------------
MANAGE_MESSAGE = "Sorry, you are not allowed to manage plugins for this site."


def check_can_list_plugins(user: Any) -> None:
    if not user_can(user, "activate_plugins"):
        raise forbidden(user, "rest_cannot_view_plugins", MANAGE_MESSAGE)


def check_can_view_plugin(user: Any) -> None:
    if not user_can(user, "activate_plugins"):
        raise forbidden(user, "rest_cannot_view_plugin", MANAGE_MESSAGE)


def check_can_install_plugin(user: Any, status: str) -> None:
    if not user_can(user, "install_plugins"):
        raise forbidden(
            user,
            "rest_cannot_install_plugin",
            "Sorry, you are not allowed to install plugins on this site.",
        )
    if status != "inactive" and not user_can(user, "activate_plugins"):
        raise forbidden(
            user, "rest_cannot_activate_plugin", "Sorry, you are not allowed to activate plugins."
        )


def check_can_manage_plugins(user: Any) -> None:
    if not user_can(user, "activate_plugins"):
        raise forbidden(user, "rest_cannot_manage_plugins", MANAGE_MESSAGE)


def check_can_change_plugin_status(user: Any, plugin_file: str, new_status: str) -> None:
    """plugin_status_permission_check() on a single site."""
    if new_status == "active" and not user_can(user, "activate_plugin", plugin_file):
        raise forbidden(
            user,
            "rest_cannot_activate_plugin",
            "Sorry, you are not allowed to activate this plugin.",
        )
    if new_status == "inactive" and not user_can(user, "deactivate_plugin", plugin_file):
        raise forbidden(
            user,
            "rest_cannot_deactivate_plugin",
            "Sorry, you are not allowed to deactivate this plugin.",
        )


def check_can_delete_plugins(user: Any) -> None:
    check_can_manage_plugins(user)
    if not user_can(user, "delete_plugins"):
        raise forbidden(
            user,
            "rest_cannot_manage_plugins",
            "Sorry, you are not allowed to delete plugins for this site.",
        )
