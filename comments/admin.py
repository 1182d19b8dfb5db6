"""Comments in Django admin (edit-comments.php): moderation in bulk (approve, hold, spam, not
spam, trash, restore, delete), replies and edits, for whoever may edit the comment as the REST
API decides (moderators, and authors on their own posts), through the comment services."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from comments import policies, services
from comments.models import Comment
from comments.serializers import comment_write_fields
from content.queries import editable_q, rest_post_types
from users.capabilities import needs_kses
from wpapi.admin import CapabilityAdmin, ServiceForm, try_write
from wpapi.admin.base import SCREENS_APP
from wpapi.links import site_url

STATUS_VIEWS = [("0", "Pending"), ("1", "Approved"), ("spam", "Spam"), ("trash", "Trash")]
STATUS_WORDS = {"1": "approve", "0": "hold", "spam": "spam", "trash": "trash"}


class CommentStatusFilter(admin.SimpleListFilter):
    """All (neither spam nor trash) | Pending | Approved | Spam | Trash, with counts."""

    title = "status"
    parameter_name = "comment_status"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        counts = dict(
            model_admin.get_queryset(request)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        return [(value, f"{label} ({counts.get(value, 0)})") for value, label in STATUS_VIEWS]

    def queryset(self, request: Any, queryset: QuerySet[Comment]) -> QuerySet[Comment]:
        value = self.value()
        if value:
            return queryset.filter(status=value)
        return queryset.exclude(status__in=["spam", "trash"])


class CommentForm(ServiceForm):
    """A comment's text, author fields and status, saved by comment_update."""

    author_name = forms.CharField(required=False, label="Name", max_length=245)
    author_email = forms.CharField(required=False, label="Email", max_length=100)
    author_url = forms.CharField(required=False, label="URL", max_length=200)
    content = forms.CharField(strip=False, widget=forms.Textarea(attrs={"rows": 8}))
    status = forms.ChoiceField(
        choices=[("approve", "Approved"), ("hold", "Pending"), ("spam", "Spam")]
    )

    class Meta:
        model = Comment
        fields: list[str] = []

    model_admin: Any = None
    request: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        comment = self.instance
        self.start = {
            "author_name": comment.author_name,
            "author_email": comment.author_email,
            "author_url": comment.author_url,
            "content": comment.content,
            "status": STATUS_WORDS.get(comment.status, "trash"),
        }
        if comment.status == "trash":
            self.fields["status"].choices = [*self.fields["status"].choices, ("trash", "Trash")]
        for name, value in self.start.items():
            self.initial.setdefault(name, value)

    def clean_content(self) -> str:
        value = self.cleaned_data["content"]
        return value if "\r\n" in self.start["content"] else value.replace("\r\n", "\n")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try_write(lambda: self.model_admin.write(self.request, self))
        return cleaned


class ReplyForm(forms.Form):
    content = forms.CharField(label="Reply", strip=False, widget=forms.Textarea(attrs={"rows": 6}))


class CommentAdmin(CapabilityAdmin):
    menu_group = "Comments"
    menu_order = 60
    view_capability = change_capability = delete_capability = "edit_posts"
    add_capability = "do_not_allow"  # comments are written on posts (replies from a comment)
    form = CommentForm
    list_display = ("author_column", "content_column", "post_column", "status", "date_column")
    list_display_links = ("content_column",)
    list_filter = (CommentStatusFilter, "type")
    search_fields = ("author_name", "author_email", "author_url", "author_ip", "content")
    list_per_page = 20
    actions = [
        "approve_selected",
        "hold_selected",
        "spam_selected",
        "unspam_selected",
        "trash_selected",
        "untrash_selected",
    ]
    fieldsets = (
        (None, {"fields": ["author_name", "author_email", "author_url", "content", "status"]}),
    )
    change_form_template = "admin/wp/comment_change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Comment]:
        """Every comment for moderators; comments on the posts they may edit for others."""
        comments = super().get_queryset(request).select_related("post", "user")
        if policies.is_moderator(request.user):
            return comments
        return comments.filter(editable_q(request.user, rest_post_types(), prefix="post__"))

    def glance(self, request: Any) -> tuple[int, str, str]:
        pending = self.get_queryset(request).filter(status=Comment.Status.HOLD).count()
        return pending, "comments awaiting moderation", "?comment_status=0"

    def has_change_permission(self, request: Any, obj: Comment | None = None) -> bool:
        if obj is not None:
            return policies.can_edit_comment(request.user, obj)
        return super().has_change_permission(request)

    has_delete_permission = has_change_permission

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        return type("CommentScreenForm", (CommentForm,), {"model_admin": self, "request": request})

    # --- columns ----------------------------------------------------------------------------
    @admin.display(description="Author", ordering="author_name")
    def author_column(self, comment: Comment) -> str:
        return format_html(
            "<strong>{}</strong><br><small>{}</small>",
            comment.author_name or "Anonymous",
            comment.author_email,
        )

    @admin.display(description="Comment")
    def content_column(self, comment: Comment) -> str:
        text = comment.content if len(comment.content) < 140 else comment.content[:140] + "…"
        return text or "(empty)"

    @admin.display(description="In response to", ordering="post__title")
    def post_column(self, comment: Comment) -> str:
        post = comment.post
        try:
            url = reverse(f"admin:{SCREENS_APP}_{post.type}_change", args=[post.pk])
        except NoReverseMatch:  # a type without a screen
            return post.title or f"#{post.pk}"
        return format_html('<a href="{}">{}</a>', url, post.title or f"#{post.pk}")

    @admin.display(description="Submitted on", ordering="date")
    def date_column(self, comment: Comment) -> str:
        return timezone.localtime(comment.date).strftime("%Y/%m/%d at %H:%M")

    # --- edit -------------------------------------------------------------------------------
    def write(self, request: Any, form: CommentForm) -> Comment:
        """comment_update with what changed, as PUT /wp/v2/comments/<id> writes it."""
        user, comment = request.user, Comment.objects.get(pk=form.instance.pk)
        policies.check_can_edit(user, comment)
        data, start = form.cleaned_data, form.start
        params = {
            name: data[name]
            for name in ("author_name", "author_email", "author_url", "content")
            if data.get(name) != start[name]
        }
        if data["status"] != start["status"]:
            params["status"] = data["status"]
        fields = comment_write_fields(
            {name: value for name, value in params.items() if name != "status"},
            user=user,
            creating=False,
            remote_addr=client_ip(request.META, settings.WP_TRUSTED_PROXIES),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
        services.check_comment_lengths(fields)
        if "content" in fields:
            if not fields["content"].strip():
                from wpapi.errors import WPError

                raise WPError("rest_comment_content_invalid", "Invalid comment content.", 400)
            fields["content"] = services.filter_content(
                fields["content"], kses=needs_kses(user), site_host=_host(request)
            )
        return services.comment_update(comment=comment, changes=fields, status=params.get("status"))

    def save_model(self, request: Any, obj: Comment, form: Any, change: bool) -> None:
        self.write(request, form)
        obj.refresh_from_db()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        pass

    def delete_model(self, request: Any, obj: Comment) -> None:
        services.comment_delete(comment=Comment.objects.get(pk=obj.pk))

    def delete_queryset(self, request: Any, queryset: QuerySet[Comment]) -> None:
        for comment in queryset:
            if policies.can_edit_comment(request.user, comment):
                services.comment_delete(comment=comment)

    # --- reply ------------------------------------------------------------------------------
    def get_urls(self) -> list[Any]:
        return [
            path(
                "<int:pk>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="comments_comment_reply",
            ),
            *super().get_urls(),
        ]

    def reply_view(self, request: Any, pk: int) -> HttpResponse:
        """A reply on the comment's post, as POST /wp/v2/comments with `parent` creates it;
        replying to a pending comment approves it, as wp-admin does."""
        parent = get_object_or_404(Comment, pk=pk)
        if not policies.can_edit_comment(request.user, parent):
            raise PermissionDenied
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            from wpapi.errors import WPError

            try:
                self.reply(request, parent, form.cleaned_data["content"])
            except WPError as error:
                form.add_error("content", error.message)
            else:
                self.message_user(request, "Reply posted.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:comments_comment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Reply to {parent.author_name or 'Anonymous'}",
            "parent": parent,
            "form": form,
        }
        return TemplateResponse(request, "admin/wp/comment_reply.html", context)

    def reply(self, request: Any, parent: Comment, content: str) -> Comment:
        user = request.user
        remote = client_ip(request.META, settings.WP_TRUSTED_PROXIES)
        params = {"post": parent.post_id, "parent": parent.pk, "content": content}
        post = policies.check_can_create(user, params, remote, allow_anonymous=False)
        fields = comment_write_fields(
            params,
            user=user,
            creating=True,
            remote_addr=remote,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
        services.check_comment_lengths(fields)
        fields["content"] = services.filter_content(
            fields["content"], kses=needs_kses(user), site_host=_host(request)
        )
        if parent.status == Comment.Status.HOLD and policies.is_moderator(user):
            services.comment_set_status(comment=parent, status="approve")
        return services.comment_create(
            post=post,
            flood_check=not policies.is_flood_exempt(user),
            content=fields["content"],
            user_id=fields.get("user_id"),
            author_name=fields.get("author_name", ""),
            author_email=fields.get("author_email", ""),
            author_url=fields.get("author_url", ""),
            author_ip=fields["author_ip"],
            author_user_agent=fields.get("author_user_agent", ""),
            parent_id=services.checked_parent(parent.pk, post.pk),
        )

    # --- bulk moderation --------------------------------------------------------------------
    def _moderate(self, request: Any, queryset: QuerySet[Comment], status: str, done: str) -> None:
        self.each_allowed(
            request,
            queryset,
            lambda comment: policies.can_edit_comment(request.user, comment),
            lambda comment: services.comment_set_status(comment=comment, status=status),
            done,
        )

    @admin.action(description="Approve", permissions=["change"])
    def approve_selected(self, request: Any, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, "approve", "{n} approved.")

    @admin.action(description="Unapprove (hold)", permissions=["change"])
    def hold_selected(self, request: Any, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, "hold", "{n} held for moderation.")

    @admin.action(description="Mark as spam", permissions=["change"])
    def spam_selected(self, request: Any, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, "spam", "{n} marked as spam.")

    @admin.action(description="Not spam", permissions=["change"])
    def unspam_selected(self, request: Any, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, "unspam", "{n} restored from spam.")

    @admin.action(description="Move to trash", permissions=["change"])
    def trash_selected(self, request: Any, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, "trash", "{n} moved to the trash.")

    @admin.action(description="Restore from trash", permissions=["change"])
    def untrash_selected(self, request: Any, queryset: QuerySet[Comment]) -> None:
        self._moderate(request, queryset, "untrash", "{n} restored from the trash.")


def client_ip(meta: Any, trusted: list[str]) -> str:
    from comments.views import client_ip as visitor_ip

    return visitor_ip(meta, trusted)


def _host(request: Any) -> str:
    return urlsplit(site_url(request)).hostname or ""


admin.site.register(Comment, CommentAdmin)
