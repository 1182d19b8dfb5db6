"""The media library (upload.php, media-new.php, the attachment edit screen): upload one file or
many, thumbnails in the list, alt text, caption, description, the post a file is attached to,
replacing the file, and deleting an attachment with its files. The same checks
(content.media.policies) and services (media_create, media_update, media_replace, media_delete)
as POST /wp/v2/media, so files, sizes and metadata are the API's."""

from __future__ import annotations

import posixpath
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from content import policies
from content.admin.posts import MonthFilter
from content.media import services as media_services
from content.media.files import allowed_mime_types, check_filetype
from content.media.policies import check_can_update, check_can_upload, check_write_params
from content.meta_fields import POST_META
from content.models import Post
from content.queries import editable_q, readable_q
from users.capabilities import user_can
from wpapi.admin import CapabilityAdmin, ServiceForm, try_write
from wpapi.admin.base import SCREENS_APP
from wpapi.admin.meta import changed_meta, meta_fields, meta_initial
from wpapi.errors import WPError
from wpapi.links import site_url

MIME_GROUPS = [
    ("image", "Images"),
    ("audio", "Audio"),
    ("video", "Video"),
    ("application", "Documents"),
    ("text", "Text"),
]


def file_url(post: Post, size: str = "thumbnail") -> str:
    """The URL of an attachment's file, or of one of its image sizes when it has it."""
    if not post.file:
        return ""
    name = post.file.name
    details = post.media_details if isinstance(post.media_details, dict) else {}
    sizes = details.get("sizes") or {}
    chosen = sizes.get(size) if size != "full" else None
    if isinstance(chosen, dict) and chosen.get("file"):
        name = posixpath.join(posixpath.dirname(name), posixpath.basename(str(chosen["file"])))
    return media_services.media_storage().url(name)


class MimeFilter(admin.SimpleListFilter):
    """upload.php's type menu: images, audio, video, documents, text, unattached."""

    title = "type"
    parameter_name = "post_mime_type"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        return [*MIME_GROUPS, ("detached", "Unattached")]

    def queryset(self, request: Any, queryset: QuerySet[Post]) -> QuerySet[Post]:
        value = self.value()
        if value == "detached":
            return queryset.filter(parent__isnull=True)
        if value:
            return queryset.filter(mime_type__startswith=f"{value}/")
        return queryset


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input, each checked as a FileField checks one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(label="Files")
    post = forms.IntegerField(
        required=False,
        min_value=1,
        label="Attach to post (ID)",
        help_text="Optional: the post, page or other item these files belong to.",
    )


class MediaForm(ServiceForm):
    """An attachment's details (title, alt text, caption, description, the post it is
    attached to, its author) and a file to replace it with."""

    title = forms.CharField(required=False, strip=False)
    alt_text = forms.CharField(
        required=False,
        label="Alternative text",
        help_text="Describe the image for people who cannot see it.",
    )
    caption = forms.CharField(required=False, strip=False, widget=forms.Textarea(attrs={"rows": 2}))
    description = forms.CharField(
        required=False, strip=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    post = forms.IntegerField(
        required=False, min_value=0, label="Attached to (post ID)", help_text="0: unattached."
    )
    replace = forms.FileField(
        required=False,
        label="Replace the file",
        help_text="A new file for this attachment: its ID, texts and address stay, the old file "
        "and its sizes are deleted.",
    )

    class Meta:
        model = Post
        fields: list[str] = []

    model_admin: Any = None
    request: Any = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        post = self.instance
        self.start = {
            "title": post.title,
            "alt_text": post.alt_text,
            "caption": post.excerpt,
            "description": post.content,
            "post": post.parent_id or 0,
            "author": post.author_id,
        }
        self.start.update(meta_initial(POST_META, post, "attachment"))
        for name, value in self.start.items():
            self.initial.setdefault(name, value)
        if "author" in self.fields:
            from content.admin.forms import authors

            self.fields["author"].queryset = authors()
            if not user_can(self.request.user, "edit_others_posts"):
                self.fields["author"].disabled = True

    def clean_replace(self) -> Any:
        upload = self.cleaned_data.get("replace")
        if upload:
            if not user_can(self.request.user, "upload_files"):
                raise forms.ValidationError("Sorry, you are not allowed to upload files.")
            ext, mime = check_filetype(upload.name, allowed_mime_types(self.request.user))
            if not ext or not mime:
                raise forms.ValidationError(media_services.NOT_ALLOWED)
        return upload

    def write_fields(self) -> dict[str, Any]:
        data, fields = self.cleaned_data, {}
        for name in ("title", "alt_text", "caption", "description", "post"):
            value = data.get(name)
            if name == "post":
                value = value or 0
            if value != self.start.get(name):
                fields[name] = value
        if "author" in self.fields and not self.fields["author"].disabled:
            author = data.get("author")
            if author is not None and author.pk != self.start["author"]:
                fields["author"] = author.pk
        meta = changed_meta(data, self.start)
        if meta:
            fields["meta"] = meta
        return fields

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try_write(lambda: self.model_admin.write(self.request, self))
        return cleaned


class MediaAdmin(CapabilityAdmin):
    """The media library: every attachment the user may see; uploads for upload_files."""

    menu_group = "Content"
    menu_order = 11
    view_capability = add_capability = change_capability = "upload_files"
    delete_capability = "delete_posts"
    object_view_capability = "read_post"
    object_change_capability = "edit_post"
    object_delete_capability = "delete_post"
    list_display = (
        "thumbnail_column",
        "title_column",
        "author_column",
        "parent_column",
        "date_column",
    )
    list_display_links = ("thumbnail_column", "title_column")
    list_filter = (MimeFilter, ("author", admin.RelatedOnlyFieldListFilter), MonthFilter)
    search_fields = ("title", "content", "excerpt", "file")
    list_per_page = 40
    ordering = ("-date", "-id")
    readonly_fields = ("preview", "file_details")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Post]:
        user = request.user
        media = self.model.objects.filter(type="attachment")
        if not user_can(user, "edit_others_posts"):
            media = media.filter(
                readable_q(user, ["attachment"]) | editable_q(user, ["attachment"])
            )
        return media.select_related("author", "parent")

    # --- columns ----------------------------------------------------------------------------
    @admin.display(description="File")
    def thumbnail_column(self, post: Post) -> str:
        if post.mime_type.startswith("image/"):
            return format_html(
                '<img class="wp-thumb" src="{}" alt="{}" loading="lazy">',
                file_url(post),
                post.alt_text,
            )
        return format_html('<span class="wp-file-icon">{}</span>', post.mime_type.split("/")[-1])

    @admin.display(description="Title", ordering="title")
    def title_column(self, post: Post) -> str:
        return format_html(
            "<strong>{}</strong><br><small>{}</small>",
            post.title or "(no title)",
            posixpath.basename(post.file.name) if post.file else "",
        )

    @admin.display(description="Author", ordering="author__display_name")
    def author_column(self, post: Post) -> str:
        return str(post.author) if post.author_id and post.author else "—"

    @admin.display(description="Uploaded to", ordering="parent__title")
    def parent_column(self, post: Post) -> str:
        parent = post.parent
        if parent is None:
            return "(Unattached)"
        try:
            url = reverse(f"admin:{SCREENS_APP}_{parent.type}_change", args=[parent.pk])
        except NoReverseMatch:  # a type without a screen
            return parent.title or f"#{parent.pk}"
        return format_html('<a href="{}">{}</a>', url, parent.title or f"#{parent.pk}")

    @admin.display(description="Date", ordering="date")
    def date_column(self, post: Post) -> str:
        return timezone.localtime(post.date).strftime("%Y/%m/%d")

    # --- the edit screen --------------------------------------------------------------------
    @admin.display(description="Preview")
    def preview(self, post: Post) -> str:
        url = file_url(post, "full")
        if post.mime_type.startswith("image/"):
            return format_html(
                '<a href="{}"><img class="wp-media-large" src="{}" alt="{}"></a>',
                url,
                file_url(post, "medium"),
                post.alt_text,
            )
        return format_html('<a href="{}">{}</a>', url, posixpath.basename(post.file.name))

    @admin.display(description="File")
    def file_details(self, post: Post) -> str:
        details = post.media_details if isinstance(post.media_details, dict) else {}
        rows = [
            ("File URL", file_url(post, "full")),
            ("File type", post.mime_type),
            ("File size", f"{details.get('filesize', 0):,} bytes"),
        ]
        if details.get("width"):
            rows.append(("Dimensions", f"{details['width']} × {details['height']} pixels"))
        sizes = details.get("sizes") or {}
        if sizes:
            rows.append(
                (
                    "Generated sizes",
                    ", ".join(f"{n} ({s['width']}×{s['height']})" for n, s in sizes.items()),
                )
            )
        rows.append(("Uploaded by", str(post.author) if post.author else "—"))
        rows.append(("Uploaded on", timezone.localtime(post.date).strftime("%Y/%m/%d %H:%M")))
        return format_html(
            "<dl class='wp-file-details'>{}</dl>",
            format_html("".join("<dt>{}</dt><dd>{}</dd>" for _ in rows), *sum(rows, ())),
        )

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        attrs: dict[str, Any] = {
            "model_admin": self,
            "request": request,
            "Meta": type("Meta", (MediaForm.Meta,), {"model": self.model}),
        }
        from content.admin.forms import authors

        attrs["author"] = forms.ModelChoiceField(queryset=authors(), required=False)
        attrs.update(meta_fields(POST_META, "attachment"))
        return type("AttachmentForm", (MediaForm,), attrs)

    def get_fieldsets(self, request: Any, obj: Any = None) -> list[Any]:
        form = self.get_form(request, obj)
        sets: list[Any] = [
            (None, {"fields": ["preview", "title", "alt_text", "caption", "description"]}),
            ("Attachment", {"fields": ["post", "author", "file_details", "replace"]}),
        ]
        meta = [name for name in form.base_fields if name.startswith("meta__")]
        if meta:
            sets.append(("Custom fields", {"fields": meta}))
        return sets

    def write(self, request: Any, form: MediaForm) -> Post:
        """media_update with what changed, after PUT /wp/v2/media/<id>'s checks."""
        user = request.user
        attachment = Post.objects.get(pk=form.instance.pk)
        fields = form.write_fields()
        check_can_update(user, attachment, fields)
        check_write_params(user, fields)
        POST_META.check_can_write(attachment, fields.get("meta"), user)
        return media_services.media_update(
            attachment=attachment, kses=policies.needs_kses(user), **fields
        )

    def save_model(self, request: Any, obj: Post, form: Any, change: bool) -> None:
        saved = self.write(request, form)
        upload = form.cleaned_data.get("replace")
        if upload:
            try:
                media_services.media_replace(
                    attachment=saved,
                    data=upload.read(),
                    filename=upload.name,
                    mimes=allowed_mime_types(request.user),
                )
            except WPError as error:
                self.message_user(
                    request, f"The file was not replaced: {error.message}", messages.ERROR
                )
        obj.refresh_from_db()

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        pass

    def delete_model(self, request: Any, obj: Post) -> None:
        media_services.media_delete(post=Post.objects.get(pk=obj.pk))

    def delete_queryset(self, request: Any, queryset: QuerySet[Post]) -> None:
        for post in queryset:
            if policies.can_delete_post(request.user, post):
                media_services.media_delete(post=Post.objects.get(pk=post.pk))

    # --- upload -----------------------------------------------------------------------------
    def get_urls(self) -> list[Any]:
        name = f"{SCREENS_APP}_attachment"
        return [
            path(
                "<int:pk>/thumbnail/",
                self.admin_site.admin_view(self.thumbnail_view),
                name=f"{name}_thumbnail",
            ),
            *super().get_urls(),
        ]

    def thumbnail_view(self, request: Any, pk: int) -> HttpResponse:
        """The thumbnail of an attachment the user may see (the featured-image picker)."""
        post = get_object_or_404(Post, pk=pk, type="attachment")
        if not policies.can_read_post(request.user, post) or not post.file:
            raise Http404
        return HttpResponseRedirect(file_url(post))

    def add_view(self, request: Any, form_url: str = "", extra_context: Any = None) -> HttpResponse:
        """media-new.php: one or many files, each uploaded as POST /wp/v2/media uploads it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            created = self.upload(request, form)
            if len(created) == 1 and not form.errors:
                url = reverse(f"admin:{SCREENS_APP}_attachment_change", args=[created[0].pk])
                return HttpResponseRedirect(url)
            if created and not form.errors:
                return HttpResponseRedirect(reverse(f"admin:{SCREENS_APP}_attachment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Upload new media",
            "form": form,
            "max_size": _max_upload_size(),
        }
        return TemplateResponse(request, "admin/wp/media_upload.html", context)

    def upload(self, request: Any, form: UploadForm) -> list[Post]:
        user = request.user
        params = {"post": form.cleaned_data.get("post")} if form.cleaned_data.get("post") else {}
        created: list[Post] = []
        for upload in form.cleaned_data["files"]:
            try:
                check_can_upload(user, params)
                check_write_params(user, params)
                if upload.size > _max_upload_size():
                    raise WPError(
                        "rest_upload_unknown_error",
                        "The uploaded file exceeds the upload_max_filesize directive in php.ini.",
                        media_services.TOO_BIG_STATUS,
                    )
                post = media_services.media_create(
                    data=upload.read(),
                    filename=upload.name,
                    site_url=site_url(request),
                    sideload=False,
                    actor_id=user.pk,
                    kses=policies.needs_kses(user),
                    mimes=allowed_mime_types(user),
                    **params,
                )
            except WPError as error:
                form.add_error("files", f"{upload.name}: {error.message}")
                continue
            created.append(post)
            self.log_addition(request, post, [{"added": {}}])
        if created:
            names = ", ".join(post.title for post in created)
            self.message_user(request, f"Uploaded: {names}.", messages.SUCCESS)
        return created


def _max_upload_size() -> int:
    from content.media.views import max_upload_size

    return max_upload_size()


def register_media_screen(site: admin.AdminSite | None = None) -> Any:
    from wpapi.admin import screen_model

    site = site or admin.site
    model = screen_model(Post, "attachment", "Media", "Media")
    if not site.is_registered(model):
        site.register(model, MediaAdmin)
    return model
