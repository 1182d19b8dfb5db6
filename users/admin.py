"""Django admin for WordPress users and their application passwords (never their hashes)."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db import models

from users.models import ApplicationPassword, User
from users.services import application_password_create, name_taken


@admin.register(User)
class WPUserAdmin(UserAdmin):
    # a website typed without a scheme is https, Django 6.0's default
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("username", "email", "display_name", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            "WordPress",
            {
                "fields": (
                    "role",
                    "extra_roles",
                    "nicename",
                    "display_name",
                    "nickname",
                    "url",
                    "description",
                    "locale",
                )
            },
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "email", "role", "password1", "password2"),
            },
        ),
    )
    actions = ["create_application_password"]

    @admin.action(description="Create an application password (shown once)")
    def create_application_password(self, request, queryset) -> None:
        for user in queryset:
            name, number = "wpapi admin", 2
            while name_taken(user, name):
                name, number = f"wpapi admin {number}", number + 1
            _, plain = application_password_create(user=user, name=name)
            self.message_user(
                request,
                f"Application password for {user.username} ({name}): "
                f"{ApplicationPassword.chunked(plain)} — copy it now, it is not shown again.",
                messages.SUCCESS,
            )


@admin.register(ApplicationPassword)
class ApplicationPasswordAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created", "last_used", "last_ip")
    fields = ("user", "name", "app_id", "uuid", "created", "last_used", "last_ip")
    readonly_fields = ("user", "uuid", "created", "last_used", "last_ip")
    search_fields = ("name", "user__username")

    def has_add_permission(self, request) -> bool:
        return False  # created by the API, `manage.py application_password` or the user action
