"""Django admin that follows WordPress's capabilities instead of Django's model permissions.

Editors and authors manage content in the admin with exactly the rights the REST API gives
them: a ModelAdmin names the capability each admin permission needs, and object-level checks go
through users.capabilities.user_can's meta-capability mapping (edit_post of one's own vs others').
"""

from typing import Any

from django.contrib import admin

from users.capabilities import user_can
from wpapi.models import Option
from wpapi.site import forget_options


class CapabilityAdmin(admin.ModelAdmin):
    #: WordPress capability needed to see / add / change / delete in this admin
    view_capability = "edit_posts"
    add_capability = "edit_posts"
    change_capability = "edit_posts"
    delete_capability = "delete_posts"
    #: meta capabilities checked on one object (None: the plain capability above is enough)
    object_change_capability: str | None = None
    object_delete_capability: str | None = None

    def _can(self, request: Any, capability: str, obj: Any = None) -> bool:
        return bool(request.user.is_active and user_can(request.user, capability, obj))

    def has_module_permission(self, request: Any) -> bool:
        return self._can(request, self.view_capability)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return self._can(request, self.view_capability)

    def has_add_permission(self, request: Any) -> bool:
        return self._can(request, self.add_capability)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and self.object_change_capability:
            return self._can(request, self.object_change_capability, obj)
        return self._can(request, self.change_capability)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and self.object_delete_capability:
            return self._can(request, self.object_delete_capability, obj)
        return self._can(request, self.delete_capability)


@admin.register(Option)
class OptionAdmin(CapabilityAdmin):
    """Site options, for administrators (manage_options), as WordPress's Settings screens."""

    list_display = ("name", "value")
    search_fields = ("name",)
    view_capability = add_capability = change_capability = delete_capability = "manage_options"

    def save_model(self, request: Any, obj: Option, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        forget_options()

    def delete_model(self, request: Any, obj: Option) -> None:
        super().delete_model(request, obj)
        forget_options()
