"""Menus have no table of their own: a menu is a `nav_menu` term and its items `nav_menu_item`
posts, as in WordPress. These proxies give them their own admin screens."""

from django.db import models

from content.models import Post
from taxonomy.models import Term


class NavMenuManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(taxonomy="nav_menu")


class NavMenuItemManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(type="nav_menu_item")


class NavMenu(Term):
    """A classic menu (a term of the taxonomy nav_menu)."""

    objects = NavMenuManager()

    class Meta:
        proxy = True
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class NavMenuItem(Post):
    """A menu item (a post of type nav_menu_item, described by its _menu_item_* meta)."""

    objects = NavMenuItemManager()

    class Meta:
        proxy = True
        ordering = ["menu_order", "id"]

    def __str__(self) -> str:
        return self.title or f"Menu item {self.pk}"
