"""Posts, pages and registered post types in Django admin, with WordPress's capabilities and the
same services as the REST API (slugs, dates, scheduling, revisions, trash)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from content import policies, services
from content.models import Post, PostMeta
from content.serializers import PostSerializer
from wpapi.admin import CapabilityAdmin
from wpapi.errors import WPError

#: fields an editor changes in the admin, as REST write arguments
#: fields only some post types have (sticky for posts, parent for hierarchical types...)
TYPE_FEATURES = (
    "parent",
    "menu_order",
    "comment_status",
    "ping_status",
    "format",
    "template",
    "featured_media",
    "sticky",
)
WRITABLE = (
    "title",
    "content",
    "excerpt",
    "status",
    "slug",
    "password",
    "author",
    "parent",
    "menu_order",
    "comment_status",
    "ping_status",
    "sticky",
    "format",
    "template",
    "featured_media",
)


class _DryRun(Exception):
    """Rolls back the trial write a form's validation makes."""


class PostMetaInline(admin.TabularInline):
    model = PostMeta
    extra = 0


@admin.register(Post)
class PostAdmin(CapabilityAdmin):
    object_change_capability = "edit_post"
    object_delete_capability = "delete_post"
    list_display = ("id", "title", "type", "status", "author", "date", "sticky")
    list_filter = ("type", "status", "format", "sticky")
    search_fields = ("title", "content", "excerpt", "slug")
    raw_id_fields = ("author", "parent", "featured_media")
    date_hierarchy = "date"
    readonly_fields = ("guid", "modified", "comment_count")
    fields = (
        "type",
        "title",
        "slug",
        "status",
        "date",
        "author",
        "content",
        "excerpt",
        "password",
        "parent",
        "menu_order",
        "comment_status",
        "ping_status",
        "sticky",
        "format",
        "template",
        "featured_media",
        "guid",
        "modified",
        "comment_count",
    )
    inlines = [PostMetaInline]
    actions = ["trash"]

    def get_queryset(self, request: Any) -> QuerySet[Post]:
        # attachments, revisions and menu items have their own screens (media, menus) or none
        return (
            super()
            .get_queryset(request)
            .exclude(type__in=[Post.Type.ATTACHMENT, Post.Type.REVISION, "nav_menu_item"])
        )

    def get_readonly_fields(self, request: Any, obj: Post | None = None) -> tuple[str, ...]:
        return (*self.readonly_fields, "type") if obj is not None else self.readonly_fields

    def get_form(
        self, request: Any, obj: Post | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        """The form checks WordPress's rules by trying the write and rolling it back, so a
        refusal (rest_cannot_publish, rest_invalid_field, ...) shows on the form."""
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class CheckedForm(form_class):  # type: ignore[misc, valid-type]
            def clean(self) -> dict[str, Any]:
                cleaned = super().clean()
                if self.errors:
                    return cleaned
                try:
                    with transaction.atomic():
                        model_admin.write(request, self.instance, self, self.instance.pk)
                        raise _DryRun
                except _DryRun:
                    pass
                except WPError as error:
                    raise ValidationError(error.message) from None
                return cleaned

        return CheckedForm

    def write(self, request: Any, obj: Post, form: Any, change: Any) -> Post:
        """post_create / post_update with the form's values, after the same policy checks as
        the REST API."""
        data = form.cleaned_data
        names = form.changed_data if change else [n for n in (*WRITABLE, "date") if n in data]
        post_type = data.get("type") or obj.type
        supported = set(PostSerializer.for_type(post_type).schema["properties"])
        fields: dict[str, Any] = {}
        for name in names:
            if name not in WRITABLE and name != "date":
                continue
            value = data.get(name)
            if name == "date":
                fields["date_gmt"] = value
            elif name in TYPE_FEATURES and name not in supported:
                continue  # a field this post type doesn't have
            elif name in ("author", "parent", "featured_media"):
                fields[name] = value.pk if value is not None else 0
            else:
                fields[name] = value
        user = request.user
        current = Post.objects.get(pk=obj.pk) if change else None
        if "status" in fields and (current is None or fields["status"] != current.status):
            policies.check_can_set_status(user, post_type, fields["status"])
        kses = policies.needs_kses(user)
        if current is not None:
            return services.post_update(post=current, actor_id=user.pk, kses=kses, **fields)
        return services.post_create(post_type=post_type, actor_id=user.pk, kses=kses, **fields)

    def save_model(self, request: Any, obj: Post, form: Any, change: bool) -> None:
        """Through post_create / post_update, so the admin follows the REST API's rules."""
        saved = self.write(request, obj, form, change)
        obj.pk = saved.pk
        obj.refresh_from_db()

    def delete_model(self, request: Any, obj: Post) -> None:
        services.post_delete(post=obj)

    def delete_queryset(self, request: Any, queryset: QuerySet[Post]) -> None:
        for post in queryset:
            services.post_delete(post=post)

    @admin.action(description="Move to trash")
    def trash(self, request: Any, queryset: QuerySet[Post]) -> None:
        for post in queryset.exclude(status=Post.Status.TRASH):
            if self._can(request, "delete_post", post):
                services.post_trash(post=post, actor_id=request.user.pk)
