"""The admin site: who may log in (contributors and above, by their WordPress role), the menu in
wp-admin's order, the site's own name and timezone on every screen, and the settings screen."""

from __future__ import annotations

from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone

from users.web import WPLoginForm


def can_use_admin(user: Any) -> bool:
    from users.policies import can_use_admin as allowed

    return allowed(user)


class AdminLoginForm(WPLoginForm):
    """The admin's login: WordPress's (a username or an email address), for every role that
    may use the admin rather than for Django staff."""

    required_css_class = "required"
    error_messages = {
        **WPLoginForm.error_messages,
        "no_admin": (
            "This account may not use the admin: it needs the role of contributor, author, "
            "editor or administrator."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not can_use_admin(user):
            raise ValidationError(self.error_messages["no_admin"], code="no_admin")


#: the menu's sections, in wp-admin's order; a ModelAdmin names its own with `menu_group`
MENU_GROUPS = ("Content", "Terms", "Comments", "Users", "Settings")


class WPAdminSite(admin.AdminSite):
    """Django admin with WordPress's roles: a user may log in when users.policies says so,
    and every screen asks users.capabilities what they may do there."""

    index_title = "Dashboard"
    login_form = AdminLoginForm
    site_url = "/wp-json/"

    def has_permission(self, request: HttpRequest) -> bool:
        return can_use_admin(request.user)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Every screen shows and reads dates in the site's timezone (the `timezone` option),
        as WordPress's screens do; the API's `date` fields are in the same time."""
        inner = super().admin_view(view, cacheable)

        def in_site_time(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            from wpapi.dates import site_timezone

            with timezone.override(site_timezone()):
                return inner(request, *args, **kwargs)

        return update_wrapper(in_site_time, view)

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        from wpapi.site import get_option

        context = super().each_context(request)
        title = get_option("title") or "wpapi"
        context["site_title"] = context["site_header"] = title
        user = request.user
        if getattr(user, "is_authenticated", False):
            context["profile_url"] = reverse("admin:users_user_change", args=[user.pk])
        return context

    def get_urls(self) -> list[Any]:
        from wpapi.admin.settings_screen import settings_view

        return [
            path(
                "settings/",
                self.admin_view(lambda request: settings_view(self, request)),
                name="site_settings",
            ),
            *super().get_urls(),
        ]

    def index(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """The dashboard, with wp-admin's "At a glance": what the user may open, counted."""
        return super().index(request, {**(extra_context or {}), "glance": self.glance(request)})

    def glance(self, request: HttpRequest) -> list[dict[str, Any]]:
        found = []
        for model, model_admin in self._registry.items():
            wanted = getattr(model_admin, "glance", None)
            if wanted is None or not model_admin.has_module_permission(request):
                continue
            count, label, query = wanted(request)
            if count:
                url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
                found.append({"count": count, "label": label, "url": f"{url}{query}"})
        return found

    def get_app_list(self, request: HttpRequest, app_label: str | None = None) -> list[dict]:
        """The menu in wp-admin's order: content (posts, media, pages, each registered type),
        terms, comments, users, settings; each section holds what the user may open."""
        if app_label is not None:
            return super().get_app_list(request, app_label)
        groups: dict[str, list[tuple[int, dict]]] = {name: [] for name in MENU_GROUPS}
        for app in self._build_app_dict(request).values():
            for entry in app["models"]:
                model_admin = self._registry[entry["model"]]
                group = getattr(model_admin, "menu_group", None) or app["name"]
                order = getattr(model_admin, "menu_order", 100)
                groups.setdefault(group, []).append((order, entry))
        from wpapi.admin.settings_screen import can_manage_settings

        if can_manage_settings(request.user):
            url = reverse("admin:site_settings", current_app=self.name)
            groups["Settings"].append(
                (
                    0,
                    {
                        "name": "Site settings",
                        "object_name": "SiteSettings",
                        "admin_url": url,
                        "add_url": None,
                        "view_only": False,
                        "perms": {"change": True, "view": True},
                        "model": None,
                    },
                )
            )
        app_list = []
        for name, entries in groups.items():
            if not entries:
                continue
            models_ = [entry for _, entry in sorted(entries, key=lambda item: item[0])]
            app_list.append(
                {
                    "name": name,
                    "app_label": name.lower(),
                    "app_url": models_[0]["admin_url"],
                    "has_module_perms": True,
                    "models": models_,
                }
            )
        return app_list
