"""What every screen of the admin shares: permissions from WordPress's capabilities instead of
Django's model permissions, one proxy model per screen, and WordPress's errors as form errors.

Editors, authors and contributors work in the admin with exactly the rights the REST API gives
them: a ModelAdmin names the capability each admin permission needs, and object-level checks go
through users.capabilities.user_can's meta-capability mapping (edit_post of one's own vs
others'). Saves call the apps' services, after the same policy checks as the REST views.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction

from users.capabilities import user_can
from wpapi.errors import WPError

#: the label of the app that holds the screens' proxy models (wpapi.screens)
SCREENS_APP = "wp"
_screen_models: dict[str, type[models.Model]] = {}


def screen_model(
    model: type[models.Model], name: str, singular: str, plural: str
) -> type[models.Model]:
    """A proxy of `model` named `name` in the screens app, so one table (wp_posts, wp_terms)
    gets one admin screen per post type or taxonomy, at /admin/wp/<name>/, with its own
    list, filters and permissions. Made once per name (tests register types again)."""
    found = _screen_models.get(name)
    if found is not None:
        return found
    meta = type(
        "Meta",
        (),
        {
            "proxy": True,
            "app_label": SCREENS_APP,
            "verbose_name": singular,
            "verbose_name_plural": plural,
        },
    )
    proxy = type(name, (model,), {"__module__": "wpapi.screens", "Meta": meta})
    _screen_models[name] = proxy
    return proxy


class CapabilityAdmin(admin.ModelAdmin):
    #: WordPress capability needed to see / add / change / delete in this admin
    view_capability = "edit_posts"
    add_capability = "edit_posts"
    change_capability = "edit_posts"
    delete_capability = "delete_posts"
    #: meta capabilities checked on one object (None: the plain capability above is enough)
    object_view_capability: str | None = None
    object_change_capability: str | None = None
    object_delete_capability: str | None = None

    def can(self, request: Any, capability: str, obj: Any = None) -> bool:
        return bool(request.user.is_active and user_can(request.user, capability, obj))

    def has_module_permission(self, request: Any) -> bool:
        return self.can(request, self.view_capability)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and self.object_view_capability:
            return self.can(request, self.object_view_capability, obj) or bool(
                self.has_change_permission(request, obj)
            )
        return self.can(request, self.view_capability)

    def has_add_permission(self, request: Any) -> bool:
        return self.can(request, self.add_capability)

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and self.object_change_capability:
            return self.can(request, self.object_change_capability, obj)
        return self.can(request, self.change_capability)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        if obj is not None and self.object_delete_capability:
            return self.can(request, self.object_delete_capability, obj)
        return self.can(request, self.delete_capability)

    def each_allowed(
        self,
        request: Any,
        queryset: Any,
        allowed: Callable[[Any], bool],
        write: Callable[[Any], Any],
        done: str,
    ) -> int:
        """A bulk action: `write` on every object `allowed` says yes to (the others are
        counted and named in a warning, as WordPress's bulk actions skip what you may not
        do). Each write's WordPress error becomes a message."""
        changed, refused = 0, []
        for obj in queryset:
            if not allowed(obj):
                refused.append(str(obj))
                continue
            try:
                with transaction.atomic():
                    write(obj)
            except WPError as error:
                self.message_user(request, f"{obj}: {error.message}", messages.ERROR)
                continue
            changed += 1
        if changed:
            self.message_user(request, done.format(n=changed), messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                f"Sorry, you are not allowed to do that to: {', '.join(refused)}.",
                messages.WARNING,
            )
        return changed


class ServiceForm(forms.ModelForm):
    """A form whose object is written by a service, not by the form: the model's own
    validation of the instance is skipped (the form's fields are not copied onto it), and
    WordPress's checks run in the write that clean() tries (try_write)."""

    def _post_clean(self) -> None:
        pass


class _DryRun(Exception):
    """Rolls back the trial write a form's validation makes."""


def try_write(write: Callable[[], Any]) -> None:
    """Make `write` (policy checks and the service call) and roll it back: WordPress's
    refusal (rest_cannot_publish, rest_invalid_field, ...) becomes a form error, raised from
    the form's clean() so the admin shows the form again with it."""
    try:
        with transaction.atomic():
            write()
            raise _DryRun
    except _DryRun:
        pass
    except WPError as error:
        raise ValidationError(error.message, code=error.wp_code) from None
