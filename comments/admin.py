"""Comment moderation in Django admin, with WordPress's capabilities and services."""

from typing import Any

from django.contrib import admin

from comments.models import Comment, CommentMeta
from comments.services import comment_delete, comment_set_status, update_post_comment_count
from wpapi.admin import CapabilityAdmin


class CommentMetaInline(admin.TabularInline):
    model = CommentMeta
    extra = 0


@admin.register(Comment)
class CommentAdmin(CapabilityAdmin):
    view_capability = add_capability = "moderate_comments"
    change_capability = delete_capability = "moderate_comments"
    list_display = ("id", "author_name", "post", "status", "type", "date")
    list_filter = ("status", "type")
    search_fields = ("author_name", "author_email", "content")
    raw_id_fields = ("post", "parent", "user")
    inlines = [CommentMetaInline]
    actions = ["approve", "hold", "spam", "trash"]

    def save_model(self, request: Any, obj: Comment, form: Any, change: bool) -> None:
        previous = Comment.objects.filter(pk=obj.pk).values_list("post_id", flat=True).first()
        super().save_model(request, obj, form, change)
        update_post_comment_count(obj.post_id, previous or 0)

    def delete_model(self, request: Any, obj: Comment) -> None:
        comment_delete(comment=obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for comment in queryset:
            comment_delete(comment=comment)

    def _set(self, queryset: Any, status: str) -> None:
        for comment in queryset:
            comment_set_status(comment=comment, status=status)

    @admin.action(description="Approve")
    def approve(self, request: Any, queryset: Any) -> None:
        self._set(queryset, "approve")

    @admin.action(description="Unapprove (hold)")
    def hold(self, request: Any, queryset: Any) -> None:
        self._set(queryset, "hold")

    @admin.action(description="Mark as spam")
    def spam(self, request: Any, queryset: Any) -> None:
        self._set(queryset, "spam")

    @admin.action(description="Move to trash")
    def trash(self, request: Any, queryset: Any) -> None:
        self._set(queryset, "trash")
