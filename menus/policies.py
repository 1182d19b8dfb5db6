"""Who may read and change menus, menu items and menu locations: the menus, menu items and menu
locations controllers' checks (on top of the terms' and posts' own), built on
users.capabilities.user_can(); and the one thing wpapi adds, public menus
(settings.WP_PUBLIC_MENUS)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from extensions.policies import can_edit_some_rest_type
from users.capabilities import user_can
from wpapi.errors import forbidden


def can_read_menus(user: Any) -> bool:
    """check_has_read_only_access(): edit_theme_options, or editing some post type (authors
    and contributors build links to menus in the editor)."""
    return user_can(user, "edit_theme_options") or can_edit_some_rest_type(user)


def menus_are_public() -> bool:
    """settings.WP_PUBLIC_MENUS: whoever asks may read the menus assigned to a location."""
    return bool(getattr(settings, "WP_PUBLIC_MENUS", False))


def reads_public_menus_only(user: Any) -> bool:
    """Whether `user` sees menus only because they are public: the located menus and their
    published items, nothing else."""
    return not can_read_menus(user) and menus_are_public()


def check_can_read(user: Any, what: str) -> None:
    """rest_cannot_view (401/403) for callers who may not read menus (`what`: "menus" or
    "menu items"), unless menus are public."""
    if not can_read_menus(user) and not menus_are_public():
        raise forbidden(user, "rest_cannot_view", f"Sorry, you are not allowed to view {what}.")


def refuse_reading(user: Any, what: str) -> Exception:
    return forbidden(user, "rest_cannot_view", f"Sorry, you are not allowed to view {what}.")


def check_can_read_locations(user: Any) -> None:
    """The menu locations need edit_theme_options (or public menus)."""
    if not user_can(user, "edit_theme_options") and not menus_are_public():
        raise forbidden(
            user, "rest_cannot_view", "Sorry, you are not allowed to view menu locations."
        )
