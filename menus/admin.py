"""Menus and menu items in Django admin, for those who may edit the theme's options, through the
same services as the REST API (menu names, locations, auto-add, wp_update_nav_menu_item)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from content.models import Post, PostMeta
from menus import services
from menus.models import NavMenu, NavMenuItem
from menus.queries import (
    auto_add_menus,
    menu_locations,
    menus_of,
    registered_locations,
    setup_menu_items,
)
from taxonomy.models import Term
from users.capabilities import needs_kses
from wpapi.admin import CapabilityAdmin
from wpapi.errors import WPError


class NavMenuForm(forms.ModelForm):
    locations = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, help_text="Where the menu shows."
    )
    auto_add = forms.BooleanField(
        required=False, label="Automatically add new top-level pages to this menu"
    )

    class Meta:
        model = NavMenu
        fields = ("name", "description")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locations"].choices = list(registered_locations().items())
        if self.instance.pk:
            self.fields["locations"].initial = menu_locations(self.instance.pk)
            self.fields["auto_add"].initial = self.instance.pk in auto_add_menus()

    def clean_name(self) -> str:
        try:
            services.check_menu_name(self.cleaned_data["name"], self.instance.pk or 0)
        except WPError as error:
            raise ValidationError(error.message) from None
        return self.cleaned_data["name"]


@admin.register(NavMenu)
class NavMenuAdmin(CapabilityAdmin):
    view_capability = add_capability = change_capability = "edit_theme_options"
    delete_capability = "edit_theme_options"
    form = NavMenuForm
    list_display = ("name", "slug", "shown_in")
    search_fields = ("name",)

    @admin.display(description="Locations")
    def shown_in(self, menu: NavMenu) -> str:
        return ", ".join(menu_locations(menu.pk))

    def save_model(self, request: Any, obj: NavMenu, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            menu = services.menu_update(
                menu=Term.objects.get(pk=obj.pk),
                name=data["name"],
                description=data.get("description"),
            )
        else:
            menu = services.menu_create(name=data["name"], description=data.get("description"))
        services.set_menu_locations(menu_id=menu.pk, locations=list(data.get("locations") or []))
        services.set_menu_auto_add(menu_id=menu.pk, auto_add=bool(data.get("auto_add")))
        obj.pk = menu.pk
        obj.refresh_from_db()

    # the services get the terms and posts themselves, not the admin's proxies, so that every
    # receiver of their signals (counts, the response cache) hears of the change
    def delete_model(self, request: Any, obj: NavMenu) -> None:
        services.menu_delete(menu=Term.objects.get(pk=obj.pk))

    def delete_queryset(self, request: Any, queryset: QuerySet[NavMenu]) -> None:
        for menu in Term.objects.filter(pk__in=queryset.values("pk")):
            services.menu_delete(menu=menu)


ITEM_TYPES = [
    ("custom", "Custom link"),
    ("post_type", "Post or page"),
    ("taxonomy", "Category, tag or term"),
    ("post_type_archive", "Post type archive"),
]


class NavMenuItemForm(forms.ModelForm):
    menu = forms.ModelChoiceField(NavMenu.objects.all(), required=False)
    item_type = forms.ChoiceField(choices=ITEM_TYPES, label="Type")
    linked_object = forms.CharField(
        required=False, label="Object", help_text='"page", "post", "category"... (not for links)'
    )
    object_id = forms.IntegerField(required=False, min_value=0, label="Object ID")
    parent_item = forms.IntegerField(required=False, min_value=0, label="Parent item ID")
    url = forms.CharField(required=False, label="URL")
    target = forms.ChoiceField(choices=[("", "Same tab"), ("_blank", "New tab")], required=False)
    classes = forms.CharField(required=False, help_text="Separated by spaces.")
    xfn = forms.CharField(required=False, label="XFN", help_text="Separated by spaces.")
    item_status = forms.ChoiceField(
        choices=[("publish", "Published"), ("draft", "Draft")], label="Status"
    )
    menu_order = forms.IntegerField(
        required=False, min_value=0, label="Position", help_text="Empty: after the last item."
    )

    class Meta:
        model = NavMenuItem
        fields = ("title", "menu_order", "excerpt", "content")
        labels = {"excerpt": "Title attribute", "content": "Description"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item = self.instance
        if item.pk:
            current = setup_menu_items([item], "")[item.pk]
            meta = dict(PostMeta.objects.filter(post=item).values_list("key", "value"))
            self.initial.update(
                {
                    "menu": menus_of([item.pk]).get(item.pk),
                    "item_type": current.type or "custom",
                    "linked_object": current.object,
                    "object_id": current.object_id,
                    "parent_item": current.parent,
                    "url": meta.get("_menu_item_url", ""),
                    "target": current.target,
                    "classes": " ".join(current.classes),
                    "xfn": current.xfn,
                    "item_status": item.status,
                }
            )

    def arguments(self) -> dict[str, Any]:
        """wp_update_nav_menu_item()'s arguments from the form."""
        data = self.cleaned_data
        menu = data.get("menu")
        return {
            "menu_id": menu.pk if menu else 0,
            "type": data.get("item_type") or "custom",
            "object": data.get("linked_object") or "",
            "object_id": data.get("object_id") or 0,
            "parent": data.get("parent_item") or 0,
            "position": data.get("menu_order") or 0,
            "title": data.get("title") or "",
            "url": data.get("url") or "",
            "description": data.get("content") or "",
            "attr_title": data.get("excerpt") or "",
            "target": data.get("target") or "",
            "classes": data.get("classes") or "",
            "xfn": data.get("xfn") or "",
            "status": data.get("item_status") or "publish",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try:
                services.check_menu_item_arguments(self.arguments())
            except WPError as error:
                messages = [error.message, *(e["message"] for e in error.additional_errors or [])]
                raise ValidationError(messages) from None
        return cleaned


@admin.register(NavMenuItem)
class NavMenuItemAdmin(CapabilityAdmin):
    view_capability = add_capability = change_capability = "edit_theme_options"
    delete_capability = "edit_theme_options"
    form = NavMenuItemForm
    list_display = ("id", "title", "status", "menu_order")
    list_filter = ("status",)
    search_fields = ("title",)

    def save_model(self, request: Any, obj: NavMenuItem, form: Any, change: bool) -> None:
        args = form.arguments()
        services.check_menu_item_arguments(args)
        saved = services.menu_item_save(
            item=Post.objects.get(pk=obj.pk) if change else None,
            actor_id=request.user.pk,
            kses=needs_kses(request.user),
            **args,
        )
        obj.pk = saved.pk
        obj.refresh_from_db()

    def delete_model(self, request: Any, obj: NavMenuItem) -> None:
        services.menu_item_delete(item=Post.objects.get(pk=obj.pk))

    def delete_queryset(self, request: Any, queryset: QuerySet[NavMenuItem]) -> None:
        for item in Post.objects.filter(pk__in=queryset.values("pk")):
            services.menu_item_delete(item=item)
