from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from users.models import ApplicationPassword, User


@admin.register(User)
class WPUserAdmin(UserAdmin):
    list_display = ("username", "email", "display_name", "role", "is_active")
    list_filter = ("role", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,
        ("WordPress", {"fields": ("role", "nicename", "display_name", "nickname", "url",
                                  "description", "locale")}),
    )


@admin.register(ApplicationPassword)
class ApplicationPasswordAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "created", "last_used", "last_ip")
    readonly_fields = ("uuid", "password", "lookup", "created", "last_used", "last_ip")
